// PgStore: the outbox and links between records on PostgreSQL (tables
// outbox and ticket_link, as sqlite_outbox.cpp and SqliteStore read and
// write them).

#include "lib/store/pg_backend.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

model::OutboxEntry read_entry(const PgResult& r, int row)
{
  return {r.get_int(row, 0), r.get_text(row, 1), r.get_int(row, 2),
          model::Time{std::chrono::seconds{r.get_int(row, 3)}}};
}

} // namespace

void PgStore::queue(const std::vector<model::OutboxEntry>& entries)
{
  write_unwritten(); // the rows name tickets
  // Many rows per statement: an import with --notify queues one per ticket.
  constexpr std::size_t k_rows = 1000;
  for (std::size_t begin = 0; begin < entries.size(); begin += k_rows) {
    const std::size_t rows = std::min(entries.size() - begin, k_rows);
    std::string sql = "INSERT INTO outbox (event_id, kind, ticket_id, created_at) VALUES ";
    PgParams params;
    for (std::size_t i = begin; i < begin + rows; ++i) {
      const model::OutboxEntry& e = entries[i];
      const int first = params.size() + 1;
      sql += fmt::format("{}(${}, ${}, ${}, ${})", i == begin ? "" : ", ", first, first + 1,
                         first + 2, first + 3);
      params.add(e.event_id)
        .add(std::string_view(e.kind))
        .add(e.ticket_id)
        .add(std::int64_t{e.created.time_since_epoch().count()});
    }
    m_conn.defer(fmt::format("queue_{}", rows), sql, std::move(params));
  }
}

void PgStore::for_each_queued(std::optional<std::int64_t> limit,
                              const std::function<void(const model::OutboxEntry&)>& visit)
{
  write_unwritten();
  PgParams params;
  params.add(limit); // NULL: no limit
  auto result = m_conn.run("for_each_queued",
                           "SELECT event_id, kind, ticket_id, created_at FROM outbox"
                           " ORDER BY event_id LIMIT $1",
                           params);
  for (int row = 0; row < result.rows(); ++row) {
    visit(read_entry(result, row));
  }
}

std::vector<model::OutboxEntry> PgStore::queued(model::TicketId id)
{
  write_unwritten();
  auto result = m_conn.run("queued",
                           "SELECT o.event_id, o.kind, o.ticket_id, o.created_at"
                           " FROM ticket_event e JOIN outbox o ON o.event_id = e.id"
                           " WHERE e.ticket_id = $1 ORDER BY e.id",
                           PgParams().add(id));
  std::vector<model::OutboxEntry> entries;
  for (int row = 0; row < result.rows(); ++row) {
    entries.push_back(read_entry(result, row));
  }
  return entries;
}

bool PgStore::add_link(const model::Link& link)
{
  write_unwritten();
  auto result = m_conn.run("add_link",
                           "INSERT INTO ticket_link (from_id, type, to_id) VALUES ($1, $2, $3)"
                           " ON CONFLICT DO NOTHING",
                           PgParams().add(link.from).add(link.type).add(link.to));
  return result.changed() > 0;
}

bool PgStore::remove_link(const model::Link& link)
{
  write_unwritten();
  auto result =
    m_conn.run("remove_link", "DELETE FROM ticket_link WHERE from_id = $1 AND type = $2 AND to_id = $3",
               PgParams().add(link.from).add(link.type).add(link.to));
  return result.changed() > 0;
}

std::vector<model::Link> PgStore::links(model::TicketId id)
{
  write_unwritten();
  auto r = m_conn.run("links",
                      "SELECT from_id, type, to_id FROM ticket_link WHERE from_id = $1"
                      " UNION SELECT from_id, type, to_id FROM ticket_link WHERE to_id = $1"
                      " ORDER BY type, from_id, to_id",
                      PgParams().add(id));
  std::vector<model::Link> result;
  for (int row = 0; row < r.rows(); ++row) {
    result.push_back({r.get_int(row, 0), r.get_text(row, 1), r.get_int(row, 2)});
  }
  return result;
}

} // namespace sdesk::store

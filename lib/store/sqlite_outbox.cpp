// SqliteStore: the outbox table (schema migration 7).

#include "lib/store/sqlite_store.hpp"

namespace sdesk::store {

namespace {

constexpr std::string_view k_select_queued = "SELECT event_id, kind, ticket_id, created_at";

model::OutboxEntry read_entry(const Statement& stmt)
{
  return {stmt.get_int(0), stmt.get_text(1), stmt.get_int(2),
          model::Time{std::chrono::seconds{stmt.get_int(3)}}};
}

} // namespace

void SqliteStore::queue(const std::vector<model::OutboxEntry>& entries)
{
  for (const model::OutboxEntry& e : entries) {
    auto& stmt = cached(m_queue, "INSERT INTO outbox (event_id, kind, ticket_id, created_at)"
                                 " VALUES (?, ?, ?, ?)");
    stmt.bind(1, e.event_id)
      .bind_static(2, e.kind)
      .bind(3, e.ticket_id)
      .bind(4, e.created.time_since_epoch().count());
    stmt.run();
  }
}

void SqliteStore::for_each_queued(std::optional<std::int64_t> limit,
                                  const std::function<void(const model::OutboxEntry&)>& visit)
{
  auto stmt = m_db.prepare(std::string(k_select_queued) + " FROM outbox ORDER BY event_id LIMIT ?");
  stmt.bind(1, limit.value_or(-1)); // -1: no limit
  while (stmt.step()) {
    visit(read_entry(stmt));
  }
}

std::vector<model::OutboxEntry> SqliteStore::queued(model::TicketId id)
{
  // Through the ticket's events (ticket_event_by_ticket), then the outbox's
  // key: CROSS JOIN keeps that order, so the outbox needs no index.
  auto& stmt = cached(m_queued, "SELECT o.event_id, o.kind, o.ticket_id, o.created_at"
                                " FROM ticket_event e CROSS JOIN outbox o ON o.event_id = e.id"
                                " WHERE e.ticket_id = ? ORDER BY e.id");
  stmt.bind(1, id);
  std::vector<model::OutboxEntry> entries;
  while (stmt.step()) {
    entries.push_back(read_entry(stmt));
  }
  return entries;
}

} // namespace sdesk::store

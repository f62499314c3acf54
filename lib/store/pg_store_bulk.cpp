// PgStore: appending events (their hash chains), and bulk loading. Every
// write here is many rows per statement, so that an import or a generated
// store is not one round trip to the server per row (issue 10): a bulk load
// holds new tickets back, with ids it gives itself under the creation lock,
// and writes them with their chain heads and tags when their events are
// appended (or when anything reads the store).

#include "lib/store/pg_backend.hpp"

#include "lib/store/pg_columns.hpp"

#include "lib/model/limits.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

// Rows per INSERT of events (10 parameters each; PostgreSQL takes 65535).
constexpr std::size_t k_append_rows = 500;
// Rows per INSERT of held-back tickets (about 45 parameters each).
constexpr std::size_t k_ticket_rows = 500;
// Rows per INSERT of tags, and per UPDATE of chain heads.
constexpr std::size_t k_small_rows = 1000;
// Tickets a bulk load holds back before writing them anyway.
constexpr std::size_t k_held_tickets = 2000;
// Chain heads a bulk load keeps in memory (all written) before forgetting them.
constexpr std::size_t k_cached_heads = 1 << 16;

// "($1, $2), ($3, $4)": `rows` rows of `columns` parameters from $1; the
// first row's casts `types` (one per column, "" for none) give the types.
std::string value_rows(std::size_t rows, std::size_t columns,
                       const std::vector<std::string_view>& types = {})
{
  std::string sql;
  std::size_t n = 1;
  for (std::size_t row = 0; row < rows; ++row) {
    sql += row == 0 ? "(" : ", (";
    for (std::size_t c = 0; c < columns; ++c) {
      sql += fmt::format("{}${}", c == 0 ? "" : ", ", n++);
      if (row == 0 && c < types.size() && !types[c].empty()) {
        sql += fmt::format("::{}", types[c]);
      }
    }
    sql += ")";
  }
  return sql;
}

} // namespace

void PgStore::read_heads(const std::vector<model::Event>& events)
{
  std::vector<model::TicketId> unknown;
  for (const model::Event& e : events) {
    if (!m_heads.contains(e.ticket_id)) {
      unknown.push_back(e.ticket_id);
    }
  }
  std::sort(unknown.begin(), unknown.end());
  unknown.erase(std::unique(unknown.begin(), unknown.end()), unknown.end());
  if (unknown.empty()) {
    return;
  }
  // In a write transaction the rows are locked (in id order, so that two
  // writers of the same tickets queue rather than deadlock): no other
  // writer moves these chains on until this one commits.
  const std::string sql = "SELECT id, event_count, event_head FROM ticket"
                          " WHERE id = ANY($1::bigint[]) ORDER BY id";
  auto result = m_write ? m_conn.run("heads_for_update", sql + " FOR UPDATE", PgParams().add_array(unknown))
                        : m_conn.run("heads", sql, PgParams().add_array(unknown));
  for (int row = 0; row < result.rows(); ++row) {
    m_heads[result.get_int(row, 0)] = pg::read_head(result, row, 1);
  }
  for (const model::TicketId id : unknown) {
    if (!m_heads.contains(id)) { // before any write: the transaction stays usable
      throw Error(ErrorKind::store,
                  fmt::format("store '{}': an event of ticket {}, which is not stored", m_conn.name(), id));
    }
  }
}

std::vector<std::int64_t> PgStore::append(const std::vector<model::Event>& events)
{
  for (const model::Event& e : events) {
    model::check_texts(e); // UTF-8 and size limits, before anything is written
  }
  read_heads(events);
  // Each event's hash extends its ticket's head in the order of `events`,
  // which is the order the rows get their ids.
  std::vector<util::Sha256Digest> hashes;
  hashes.reserve(events.size());
  std::vector<model::TicketId> touched;
  for (const model::Event& e : events) {
    hashes.push_back(model::extend(m_heads[e.ticket_id], e));
    touched.push_back(e.ticket_id);
  }
  // Held-back tickets are written now, with their heads, before the events
  // that name them; the others' heads are updated after.
  std::vector<model::TicketId> written_now;
  for (const model::Ticket& t : m_unwritten) {
    written_now.push_back(t.id); // in increasing order
  }
  write_unwritten();
  auto ids = insert_events(events, hashes);
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  std::erase_if(touched, [&](model::TicketId id) {
    return std::binary_search(written_now.begin(), written_now.end(), id);
  });
  if (m_bulk) {
    // A load appends a ticket's events over many batches (its life, in
    // time order): its head is written once, when the load ends or its
    // memory is full, not once per batch (each UPDATE left a dead row:
    // the table grew to five times its live rows).
    m_dirty_heads.insert(touched.begin(), touched.end());
  } else {
    write_heads(touched);
  }
  journal().appended(events);
  if (m_bulk && m_heads.size() > k_cached_heads) {
    write_held_back();
    m_heads.clear(); // bounds a bulk load's memory; every head is written
  }
  return ids;
}

std::vector<std::int64_t> PgStore::insert_events(const std::vector<model::Event>& events,
                                                 const std::vector<util::Sha256Digest>& hashes)
{
  std::vector<std::int64_t> ids;
  ids.reserve(events.size());
  for (std::size_t begin = 0; begin < events.size(); begin += k_append_rows) {
    const std::size_t rows = std::min(events.size() - begin, k_append_rows);
    PgParams params;
    for (std::size_t i = begin; i < begin + rows; ++i) {
      const model::Event& e = events[i];
      params.add(e.ticket_id)
        .add(std::int64_t{e.at.time_since_epoch().count()})
        .add(std::string_view(e.actor))
        .add(model::to_string(e.action))
        .add(e.field)
        .add(e.old_value)
        .add(e.new_value)
        .add(e.note)
        .add(e.data)
        .add_bytes(util::as_bytes(hashes[i]));
    }
    // Named by its number of rows: a load's full statements are prepared once.
    const auto result = m_conn.run(
      fmt::format("append_{}", rows),
      "INSERT INTO ticket_event (ticket_id, at, actor, action, field, old_value, new_value, note,"
      " data, hash) VALUES " + value_rows(rows, 10) + " RETURNING id",
      params);
    std::vector<std::int64_t> made;
    for (int row = 0; row < result.rows(); ++row) {
      made.push_back(result.get_int(row, 0));
    }
    std::sort(made.begin(), made.end()); // given in the order of the rows
    ids.insert(ids.end(), made.begin(), made.end());
  }
  return ids;
}

void PgStore::write_heads(const std::vector<model::TicketId>& ids)
{
  if (ids.size() == 1) { // an everyday command: its own short statement
    const model::ChainHead& head = m_heads[ids.front()];
    m_conn.defer("write_head", "UPDATE ticket SET event_count = $1, event_head = $2 WHERE id = $3",
                 PgParams().add(head.count).add_bytes(util::as_bytes(head.head)).add(ids.front()));
    return;
  }
  for (std::size_t begin = 0; begin < ids.size(); begin += k_small_rows) {
    const std::size_t rows = std::min(ids.size() - begin, k_small_rows);
    PgParams params;
    for (std::size_t i = begin; i < begin + rows; ++i) {
      const model::ChainHead& head = m_heads[ids[i]];
      params.add(ids[i]).add(head.count).add_bytes(util::as_bytes(head.head));
    }
    m_conn.defer(fmt::format("write_heads_{}", rows),
                 "UPDATE ticket SET event_count = v.count, event_head = v.head FROM (VALUES " +
                   value_rows(rows, 3, {"bigint", "bigint", "bytea"}) +
                   ") AS v (id, count, head) WHERE ticket.id = v.id",
                 std::move(params));
  }
}

void PgStore::insert_tags(const std::vector<std::pair<model::TicketId, std::string>>& tags)
{
  for (std::size_t begin = 0; begin < tags.size(); begin += k_small_rows) {
    const std::size_t rows = std::min(tags.size() - begin, k_small_rows);
    PgParams params;
    for (std::size_t i = begin; i < begin + rows; ++i) {
      params.add(tags[i].first).add(tags[i].second);
    }
    m_conn.defer(fmt::format("insert_tags_{}", rows),
                 "INSERT INTO ticket_tag (ticket_id, tag) VALUES " + value_rows(rows, 2), std::move(params));
  }
}

void PgStore::begin_bulk_load()
{
  if (m_bulk) {
    return;
  }
  if (!m_creating) { // ids are ours to give until commit
    m_conn.defer("creating", "SELECT pg_advisory_xact_lock($1)", PgParams().add(k_create_lock));
    m_creating = true;
  }
  if (m_next_id == 0) { // else insert() read it, and gives on from there
    // The owner's function: also the tickets row-level security hides.
    m_next_id = m_conn.run("next_id", "SELECT sdesk_next_ticket_id()").get_int(0, 0);
  }
  m_bulk_from_empty = m_next_id == 1;
  m_bulk = true;
}

void PgStore::finish_bulk_load()
{
  write_held_back();
  end_bulk();
}

void PgStore::write_held_back()
{
  write_unwritten();
  std::vector<model::TicketId> ids(m_dirty_heads.begin(), m_dirty_heads.end());
  m_dirty_heads.clear();
  std::sort(ids.begin(), ids.end());
  write_heads(ids);
}

void PgStore::end_bulk() noexcept
{
  m_dirty_heads.clear();
  m_conn.before_next_statement({});
  m_bulk = false;
  m_bulk_from_empty = false;
  m_next_id = 0;
  m_unwritten.clear();
  m_held_refs.clear();
}

std::optional<model::TicketId> PgStore::held_ref(const std::string& ref) const
{
  const auto found = m_held_refs.find(ref);
  return found != m_held_refs.end() ? std::optional{found->second} : std::nullopt;
}

model::TicketId PgStore::insert_held_back(const model::Ticket& ticket)
{
  const model::TicketId id = m_next_id++;
  model::Ticket row = ticket;
  row.id = id;
  if (row.ref) {
    m_held_refs.emplace(*row.ref, row.id);
  }
  m_heads[id] = {}; // no events yet
  journal().created(id);
  m_unwritten.push_back(std::move(row));
  // Another store's statement may name it (an alert, a watcher): it is
  // written first, whoever sends next.
  m_conn.before_next_statement([this] { write_unwritten(); });
  if (m_unwritten.size() >= k_held_tickets) {
    write_unwritten(); // their heads are updated with their events
  }
  return id;
}

void PgStore::write_unwritten()
{
  m_conn.before_next_statement({}); // the statements below write them
  if (m_unwritten.empty()) {
    return;
  }
  std::vector<std::pair<model::TicketId, std::string>> tags;
  for (std::size_t begin = 0; begin < m_unwritten.size(); begin += k_ticket_rows) {
    const std::size_t rows = std::min(m_unwritten.size() - begin, k_ticket_rows);
    PgParams params;
    for (std::size_t i = begin; i < begin + rows; ++i) {
      const model::Ticket& t = m_unwritten[i];
      pg::bind_fields(params, t);
      const model::ChainHead& head = m_heads[t.id];
      params.add(t.id).add(head.count);
      if (head.count > 0) {
        params.add_bytes(util::as_bytes(head.head));
      } else {
        params.add_null(); // as a ticket inserted alone, until its first event
      }
      for (const auto& tag : t.tags) {
        tags.emplace_back(t.id, tag);
      }
    }
    m_conn.defer(fmt::format("insert_tickets_{}", rows), pg::insert_tickets_with_chain(rows), std::move(params));
  }
  m_unwritten.clear();
  insert_tags(tags);
}

} // namespace sdesk::store

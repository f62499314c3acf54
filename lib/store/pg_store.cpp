// PgStore: tickets, their history and hash chains on PostgreSQL (the same
// tables and meaning as SqliteStore's); the outbox and links are in
// pg_store_outbox.cpp.

#include "lib/store/pg_backend.hpp"

#include "lib/store/filter_sql.hpp"
#include "lib/store/pg_columns.hpp"
#include "lib/store/ticket_columns.hpp"

#include "lib/model/fields.hpp"
#include "lib/model/limits.hpp"
#include "lib/model/record_type.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>
#include <map>
#include <variant>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace sdesk::store {

namespace {

using model::Ticket;

// "CASE status WHEN 'new' THEN 0 ... END": lifecycle order, as SQLite's.
std::string status_rank_sql()
{
  std::string sql = "CASE status";
  const auto order = model::status_sort_order();
  for (std::size_t i = 0; i < order.size(); ++i) {
    sql += fmt::format(" WHEN '{}' THEN {}", model::to_string(order[i]), i);
  }
  return sql + fmt::format(" ELSE {} END", order.size());
}

// The SQL of each sortable field.
const std::map<std::string, std::string>& sort_columns()
{
  static const std::map<std::string, std::string> by_name = [] {
    std::map<std::string, std::string> result;
    for (const model::FieldSpec& f : model::k_fields) {
      if (f.sortable) {
        result.emplace(f.name, f.column);
      }
    }
    result["status"] = status_rank_sql();
    return result;
  }();
  return by_name;
}

// for_each's statement: the filters of `q` (filter_sql, shared with
// SQLite), then its order with absent values first ascending and last
// descending (SQLite's order; PostgreSQL's default is the reverse).
//
// With a filter and a limit, the matching tickets' ids and sort columns
// are selected first (a fence: MATERIALIZED), and only the first `limit`
// of them are read whole. PostgreSQL's planner takes a filter's matches to
// be spread evenly over the ids, so for `list --open --limit 50`, whose
// matches are the newest few percent, it walked the primary key from the
// oldest ticket through nearly all of them (0.47 s at 1M tickets, against
// 10 ms on SQLite, which finds the matches through the filter's index
// first, as the fence now makes PostgreSQL do).
std::string build_query(const TicketQuery& q, PgParams& params)
{
  const auto filter = filter_sql(q, "", false);
  std::string where;
  for (std::size_t i = 0; i < filter.clauses.size(); ++i) {
    where += (i == 0 ? " WHERE " : " AND ") + filter.clauses[i];
  }
  for (const auto& value : filter.bindings) {
    std::visit([&](const auto& v) { params.add(v); }, value);
  }
  std::string order = " ORDER BY ";
  std::vector<std::string> keys{"id"}; // the columns `order` reads
  for (const auto& key : q.sort) {
    const auto column = sort_columns().find(key.field);
    if (column == sort_columns().end()) {
      throw Error(ErrorKind::internal, fmt::format("no sort column for '{}'", key.field));
    }
    order += column->second + (key.descending ? " DESC NULLS LAST, " : " ASC NULLS FIRST, ");
    const std::string read = key.field == "status" ? "status" : column->second;
    if (std::find(keys.begin(), keys.end(), read) == keys.end()) {
      keys.push_back(read);
    }
  }
  order += "id";
  if (!q.limit) {
    return pg::numbered(pg::select_ticket() + where + order);
  }
  params.add(std::int64_t{*q.limit});
  if (filter.clauses.empty()) {
    return pg::numbered(pg::select_ticket() + order + " LIMIT ?");
  }
  return pg::numbered(fmt::format("WITH matching AS MATERIALIZED (SELECT {} FROM ticket{}),"
                                  " first AS (SELECT id FROM matching{} LIMIT ?)"
                                  " {} WHERE id IN (SELECT id FROM first){}",
                                  fmt::join(keys, ", "), where, order, pg::select_ticket(), order));
}

// Rows for_each fetches from its cursor at a time.
constexpr int k_fetch_rows = 1000;

} // namespace

PgStore::PgStore(PgConnection& conn)
  : m_conn(conn)
{
}

void PgStore::begin(TxMode mode)
{
  m_heads.clear();
  m_creating = false;
  m_write = mode == TxMode::write;
  // Sent with the transaction's first statement (defer): one round trip.
  m_conn.defer("", m_write ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                           : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  if (m_write) { // before any row is locked: a sweep waits for it, or it for a sweep
    m_conn.defer("sweep_shared", "SELECT pg_advisory_xact_lock_shared($1)", PgParams().add(k_sweep_lock));
  }
  journal().begin();
}

void PgStore::commit()
{
  write_held_back(); // what a bulk load held back, if finish_bulk_load() was not called
  if (m_write) {
    m_conn.query("COMMIT"); // with the writes defer() queued, in one round trip
  } else {
    // A read-only transaction has nothing to make durable: its COMMIT
    // goes with the next statement, or ends with the connection.
    m_conn.defer("", "COMMIT");
  }
  end_bulk();
  m_heads.clear();
  m_creating = false;
  m_write = false;
  journal().commit();
}

void PgStore::rollback() noexcept
{
  end_bulk(); // first: what is held back is forgotten, not written now
  m_conn.discard_deferred(); // nothing of it ran: it need not be undone
  try {
    if (m_conn.in_transaction()) {
      m_conn.exec("ROLLBACK");
    }
  } catch (const Error&) { // the connection is gone: the server rolled back
  }
  m_heads.clear();
  m_creating = false;
  m_write = false;
  journal().rollback();
}

std::optional<Ticket> PgStore::find(model::TicketId id)
{
  write_unwritten(); // it may be one of them
  // In a write transaction the row is locked: what is read stays true
  // until commit (the caller writes what it decided from it).
  auto result = m_write ? m_conn.run("find_for_update",
                                     pg::select_ticket() + " WHERE id = $1 FOR UPDATE OF ticket",
                                     PgParams().add(id))
                        : m_conn.run("find", pg::select_ticket() + " WHERE id = $1",
                                     PgParams().add(id));
  if (result.rows() == 0) {
    return std::nullopt;
  }
  m_heads.try_emplace(id, pg::read_head(result, 0, columns::k_chain_column));
  return pg::read_ticket(result, 0);
}

std::optional<model::TicketId> PgStore::find_by_ref(const std::string& ref)
{
  if (const auto held = held_ref(ref)) {
    return held;
  }
  if (m_bulk_from_empty) {
    return std::nullopt; // every ref stored is one this load gave
  }
  auto result =
    m_conn.run("find_by_ref", "SELECT id FROM ticket WHERE ref = $1", PgParams().add(ref));
  if (result.rows() == 0) {
    return std::nullopt;
  }
  return result.get_int(0, 0);
}

model::TicketId PgStore::insert(const Ticket& ticket)
{
  model::check_texts(ticket); // UTF-8 and size limits, before anything is written
  if (ticket.ref && find_by_ref(*ticket.ref)) {
    // Checked first so that the transaction stays usable (a failed
    // statement would abort it); the UNIQUE constraint backs this up.
    throw Error(ErrorKind::store, fmt::format("store '{}': a ticket with ref {} is already stored",
                                              m_conn.name(), util::quote(*ticket.ref)));
  }
  if (!m_creating && !m_bulk) {
    // Ids are given as SQLite gives them, one more than the largest stored
    // (so a rolled-back command leaves no gap in the ticket numbers): the
    // writers that create tickets take turns, each until it commits.
    m_conn.defer("creating", "SELECT pg_advisory_xact_lock($1)", PgParams().add(k_create_lock));
    m_creating = true;
  }
  if (m_next_id == 0) {
    // The ids are ours to give until commit (the lock): the first is read
    // with BEGIN and the lock, in one round trip. The owner's function
    // counts also the tickets row-level security hides (migration 18).
    m_next_id = m_conn.run("next_id", "SELECT sdesk_next_ticket_id()").get_int(0, 0);
  }
  // Held back, as a bulk load's, until its first events are appended (or
  // the next statement that might name it): the row is then written once
  // with its chain head, where an INSERT and an UPDATE of the head cost a
  // second heap page, an entry more in each of nine indexes and a dead row.
  return insert_held_back(ticket);
}

void PgStore::update(const Ticket& ticket)
{
  write_unwritten();
  PgParams params;
  pg::bind_fields(params, ticket);
  params.add(ticket.id);
  m_conn.defer("update", pg::update_ticket(), std::move(params));
  write_tags(ticket.id, ticket.tags, true);
}

void PgStore::write_tags(model::TicketId id, const std::vector<std::string>& tags, bool replace)
{
  if (replace) {
    m_conn.defer("delete_tags", "DELETE FROM ticket_tag WHERE ticket_id = $1", PgParams().add(id));
  }
  std::vector<std::pair<model::TicketId, std::string>> rows;
  for (const auto& tag : tags) {
    rows.emplace_back(id, tag);
  }
  insert_tags(rows);
}

std::vector<model::Event> PgStore::read_events(
  model::TicketId id, std::vector<std::optional<util::Sha256Digest>>* hashes)
{
  write_unwritten();
  auto r = m_conn.run("events",
                      "SELECT id, ticket_id, at, actor, action, field, old_value, new_value, note,"
                      " data, hash FROM ticket_event WHERE ticket_id = $1 ORDER BY id",
                      PgParams().add(id));
  std::vector<model::Event> result;
  for (int row = 0; row < r.rows(); ++row) {
    const std::string name = r.get_text(row, 4);
    const auto action = model::find_action(name);
    if (!action) {
      throw Error(ErrorKind::store,
                  fmt::format("event {} of ticket {} has an unknown action {} (the store was "
                              "written by a newer sdesk, or changed by hand)",
                              r.get_int(row, 0), id, util::quote(name)));
    }
    result.push_back({r.get_int(row, 0), r.get_int(row, 1),
                      model::Time{std::chrono::seconds{r.get_int(row, 2)}}, r.get_text(row, 3),
                      *action, r.get_opt_text(row, 5), r.get_opt_text(row, 6),
                      r.get_opt_text(row, 7), r.get_opt_text(row, 8), r.get_opt_text(row, 9)});
    if (hashes) {
      const auto bytes = r.get_opt_bytes(row, 10);
      hashes->push_back(bytes ? std::optional{util::sha256_from_bytes(*bytes).value_or(
                                  util::Sha256Digest{})}
                              : std::nullopt);
    }
  }
  return result;
}

std::vector<model::Event> PgStore::events(model::TicketId id)
{
  return read_events(id, nullptr);
}

std::optional<model::StoredChain> PgStore::chain(model::TicketId id)
{
  write_held_back(); // the head is read from the row
  auto result = m_conn.run("head", "SELECT event_count, event_head FROM ticket WHERE id = $1",
                           PgParams().add(id));
  if (result.rows() == 0) {
    return std::nullopt;
  }
  model::StoredChain chain;
  chain.head = pg::read_head(result, 0, 0);
  chain.events = read_events(id, &chain.hashes);
  return chain;
}

void PgStore::for_each(const TicketQuery& query, const std::function<void(const Ticket&)>& visit)
{
  // Through a cursor, k_fetch_rows at a time, so that memory does not grow
  // with the store (an export of every ticket); `visit` may run further
  // statements on the connection between fetches (find, events). A cursor
  // lives in a transaction: outside one, a read transaction of its own.
  write_unwritten();
  PgParams params;
  const std::string sql = build_query(query, params);
  const bool own = !m_conn.in_transaction();
  if (own) {
    m_conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }
  const std::string cursor = fmt::format("sdesk_tickets_{}", ++m_cursors);
  try {
    m_conn.query(fmt::format("DECLARE {} NO SCROLL CURSOR FOR {}", cursor, sql), params);
    const std::string fetch = fmt::format("FETCH {} FROM {}", k_fetch_rows, cursor);
    for (;;) {
      const auto result = m_conn.query(fetch);
      for (int row = 0; row < result.rows(); ++row) {
        visit(pg::read_ticket(result, row));
      }
      if (result.rows() < k_fetch_rows) {
        break;
      }
    }
    m_conn.exec("CLOSE " + cursor);
  } catch (...) {
    if (own) {
      try {
        m_conn.exec("ROLLBACK");
      } catch (const Error&) { // the first error is the one worth reporting
      }
    }
    throw;
  }
  if (own) {
    m_conn.exec("COMMIT");
  }
}

} // namespace sdesk::store

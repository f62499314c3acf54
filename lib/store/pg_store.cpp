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

#include <fmt/format.h>

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
std::string build_query(const TicketQuery& q, PgParams& params)
{
  const auto filter = filter_sql(q, "", false);
  std::string sql = pg::select_ticket();
  for (std::size_t i = 0; i < filter.clauses.size(); ++i) {
    sql += i == 0 ? " WHERE " : " AND ";
    sql += filter.clauses[i];
  }
  for (const auto& value : filter.bindings) {
    std::visit([&](const auto& v) { params.add(v); }, value);
  }
  sql += " ORDER BY ";
  for (const auto& key : q.sort) {
    const auto column = sort_columns().find(key.field);
    if (column == sort_columns().end()) {
      throw Error(ErrorKind::internal, fmt::format("no sort column for '{}'", key.field));
    }
    sql += column->second + (key.descending ? " DESC NULLS LAST, " : " ASC NULLS FIRST, ");
  }
  sql += "id";
  if (q.limit) {
    sql += " LIMIT ?";
    params.add(std::int64_t{*q.limit});
  }
  return pg::numbered(sql);
}

// Rows per INSERT of events (10 parameters each; PostgreSQL takes 65535).
constexpr std::size_t k_append_rows = 500;

// Rows for_each fetches from its cursor at a time.
constexpr int k_fetch_rows = 1000;

// The advisory lock of the writers that create tickets ('SDTK').
constexpr std::int64_t k_create_lock = 0x5344544B;

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
  m_conn.exec(m_write ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                      : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  journal().begin();
}

void PgStore::commit()
{
  m_conn.exec("COMMIT");
  m_heads.clear();
  m_creating = false;
  m_write = false;
  journal().commit();
}

void PgStore::rollback() noexcept
{
  try {
    m_conn.exec("ROLLBACK");
  } catch (const Error&) { // nothing to roll back, or the connection is gone
  }
  m_heads.clear();
  m_creating = false;
  m_write = false;
  journal().rollback();
}

std::optional<Ticket> PgStore::find(model::TicketId id)
{
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
  if (!m_creating) {
    // Ids are given as SQLite gives them, one more than the largest stored
    // (so a rolled-back command leaves no gap in the ticket numbers): the
    // writers that create tickets take turns, each until it commits.
    m_conn.run("creating", "SELECT pg_advisory_xact_lock($1)", PgParams().add(k_create_lock));
    m_creating = true;
  }
  PgParams params;
  pg::bind_fields(params, ticket);
  auto result = m_conn.run("insert", pg::insert_ticket(), params);
  const model::TicketId id = result.get_int(0, 0);
  m_heads[id] = {}; // no events yet: append() need not read the head
  write_tags(id, ticket.tags, false);
  journal().created(id);
  return id;
}

void PgStore::update(const Ticket& ticket)
{
  PgParams params;
  pg::bind_fields(params, ticket);
  params.add(ticket.id);
  m_conn.run("update", pg::update_ticket(), params);
  write_tags(ticket.id, ticket.tags, true);
}

void PgStore::write_tags(model::TicketId id, const std::vector<std::string>& tags, bool replace)
{
  if (replace) {
    m_conn.run("delete_tags", "DELETE FROM ticket_tag WHERE ticket_id = $1", PgParams().add(id));
  }
  for (const auto& tag : tags) {
    m_conn.run("insert_tag", "INSERT INTO ticket_tag (ticket_id, tag) VALUES ($1, $2)",
               PgParams().add(id).add(tag));
  }
}

std::optional<model::ChainHead> PgStore::head_of(model::TicketId id)
{
  if (const auto known = m_heads.find(id); known != m_heads.end()) {
    return known->second;
  }
  auto result =
    m_write ? m_conn.run("head_for_update",
                         "SELECT event_count, event_head FROM ticket WHERE id = $1 FOR UPDATE",
                         PgParams().add(id))
            : m_conn.run("head", "SELECT event_count, event_head FROM ticket WHERE id = $1",
                         PgParams().add(id));
  if (result.rows() == 0) {
    return std::nullopt;
  }
  return m_heads[id] = pg::read_head(result, 0, 0);
}

std::vector<std::int64_t> PgStore::append(const std::vector<model::Event>& events)
{
  for (const model::Event& e : events) {
    model::check_texts(e); // UTF-8 and size limits, before anything is written
  }
  for (const model::Event& e : events) {
    if (!head_of(e.ticket_id)) { // before any write: the transaction stays usable
      throw Error(ErrorKind::store, fmt::format("store '{}': an event of ticket {}, which is not "
                                                "stored",
                                                m_conn.name(), e.ticket_id));
    }
  }
  std::vector<std::int64_t> ids;
  ids.reserve(events.size());
  std::vector<model::TicketId> touched;
  // Many rows per statement (one round trip for an `open`'s dozen rows and
  // for an import's batches): each row's hash extends its ticket's head in
  // the order of `events`, which is the order the rows get their ids.
  for (std::size_t begin = 0; begin < events.size(); begin += k_append_rows) {
    const std::size_t end = std::min(events.size(), begin + k_append_rows);
    std::string sql = "INSERT INTO ticket_event (ticket_id, at, actor, action, field, old_value,"
                      " new_value, note, data, hash) VALUES ";
    PgParams params;
    for (std::size_t i = begin; i < end; ++i) {
      const model::Event& e = events[i];
      model::ChainHead& head = m_heads[e.ticket_id];
      const util::Sha256Digest hash = model::extend(head, e);
      const std::size_t first = (i - begin) * 10 + 1;
      sql += fmt::format("{}(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})", i == begin ? "" : ", ",
                         first, first + 1, first + 2, first + 3, first + 4, first + 5, first + 6,
                         first + 7, first + 8, first + 9);
      params.add(e.ticket_id)
        .add(std::int64_t{e.at.time_since_epoch().count()})
        .add(std::string_view(e.actor))
        .add(model::to_string(e.action))
        .add(e.field)
        .add(e.old_value)
        .add(e.new_value)
        .add(e.note)
        .add(e.data)
        .add_bytes(util::as_bytes(hash));
      if (touched.empty() || touched.back() != e.ticket_id) {
        touched.push_back(e.ticket_id);
      }
    }
    const auto result = m_conn.query(sql + " RETURNING id", params);
    std::vector<std::int64_t> made;
    for (int row = 0; row < result.rows(); ++row) {
      made.push_back(result.get_int(row, 0));
    }
    std::sort(made.begin(), made.end()); // given in the order of the rows
    ids.insert(ids.end(), made.begin(), made.end());
  }
  for (const model::TicketId id : touched) {
    const model::ChainHead& head = m_heads[id];
    m_conn.run("write_head", "UPDATE ticket SET event_count = $1, event_head = $2 WHERE id = $3",
               PgParams().add(head.count).add_bytes(util::as_bytes(head.head)).add(id));
  }
  journal().appended(events);
  return ids;
}

std::vector<model::Event> PgStore::read_events(
  model::TicketId id, std::vector<std::optional<util::Sha256Digest>>* hashes)
{
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

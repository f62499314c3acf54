#include "lib/store/sqlite_store.hpp"

#include "lib/store/filter_sql.hpp"
#include "lib/store/ticket_columns.hpp"

#include "lib/model/fields.hpp"
#include "lib/model/limits.hpp"
#include "lib/model/record_type.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <utility>
#include <variant>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

using columns::k_field_count;
using columns::k_insert_ticket;
using columns::k_insert_ticket_with_chain;
using columns::k_select_ticket;
using columns::k_select_ticket_by_id;
using columns::k_update_ticket;
using model::FieldSpec;
using model::k_fields;
using model::Ticket;
using model::Time;

// "CASE status WHEN 'new' THEN 0 ... ELSE n END": statuses in lifecycle
// order as the record types describe it (model::status_sort_order); the
// names are the model's constants, not input.
std::string status_rank_sql()
{
  std::string sql = "CASE status";
  const auto order = model::status_sort_order();
  for (std::size_t i = 0; i < order.size(); ++i) {
    sql += fmt::format(" WHEN '{}' THEN {}", model::to_string(order[i]), i);
  }
  return sql + fmt::format(" ELSE {} END", order.size());
}

// SQL for each sortable field (FieldSpec::sortable): its column. Status
// sorts in lifecycle order.
const std::map<std::string, std::string>& sort_columns()
{
  static const std::map<std::string, std::string> by_name = [] {
    std::map<std::string, std::string> result;
    for (const FieldSpec& f : k_fields) {
      if (f.sortable) {
        result.emplace(f.name, f.column);
      }
    }
    result["status"] = status_rank_sql();
    return result;
  }();
  return by_name;
}

std::string build_query(const TicketQuery& q, std::vector<Binding>& bindings)
{
  auto filter = filter_sql(q, "", false);
  const auto& clauses = filter.clauses;
  bindings = std::move(filter.bindings);
  std::string sql(k_select_ticket);
  for (std::size_t i = 0; i < clauses.size(); ++i) {
    sql += i == 0 ? " WHERE " : " AND ";
    sql += clauses[i];
  }
  sql += " ORDER BY ";
  for (const auto& key : q.sort) {
    const auto column = sort_columns().find(key.field);
    if (column == sort_columns().end()) {
      throw Error(ErrorKind::internal, fmt::format("no sort column for '{}'", key.field));
    }
    sql += column->second + (key.descending ? " DESC, " : ", ");
  }
  sql += "id";
  if (q.limit) {
    sql += " LIMIT ?";
    bindings.emplace_back(*q.limit);
  }
  return sql;
}

} // namespace

SqliteStore::SqliteStore(Database db)
  : m_db(std::move(db))
{
}

Statement& SqliteStore::cached(std::optional<Statement>& slot, std::string_view sql)
{
  return m_db.cached(slot, sql);
}

void SqliteStore::begin(TxMode mode)
{
  m_heads.clear();
  if (mode == TxMode::write) {
    m_db.begin_write();
  } else {
    m_db.exec("BEGIN DEFERRED");
  }
  journal().begin();
}

void SqliteStore::commit()
{
  write_unwritten(); // rows a bulk load held back, if finish_bulk_load() was not called
  flush_heads(); // a bulk load's, if finish_bulk_load() was not called
  m_db.exec("COMMIT");
  m_db.end_write();
  m_heads.clear();
  journal().commit();
  if (std::exchange(m_truncate_wal, false)) {
    // A bulk load wrote the whole store through the WAL: copy it back now
    // and give the space back rather than keep a WAL as big as the store.
    // Busy readers only make this a no-op; the data is committed either way.
    try {
      m_db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (const Error&) {
    }
  }
}

void SqliteStore::rollback() noexcept
{
  try {
    m_db.exec("ROLLBACK");
  } catch (const Error&) { // nothing to roll back (e.g. BEGIN failed); not worth a throw
  }
  m_db.end_write();
  m_heads.clear();
  forget_unwritten();
  journal().rollback();
  m_dropped_indexes.clear(); // the rollback brought them back
  m_truncate_wal = false;
  end_bulk_settings();
}

std::optional<Ticket> SqliteStore::find(model::TicketId id)
{
  write_unwritten();
  auto& stmt = cached(m_find, k_select_ticket_by_id);
  stmt.bind(1, id);
  if (!stmt.step()) {
    return std::nullopt;
  }
  Ticket ticket = columns::read_ticket(stmt);
  m_heads.try_emplace(id, CachedHead{read_head(stmt, columns::k_chain_column)}); // append() needs it next
  stmt.reset(); // a statement left on a row would block DDL (bulk-load index rebuilds)
  return ticket;
}

std::optional<model::TicketId> SqliteStore::find_by_ref(const std::string& ref)
{
  if (const auto held = m_unwritten_refs.find(ref); held != m_unwritten_refs.end()) {
    return held->second; // a row a bulk load holds back: ref is UNIQUE
  }
  auto& stmt = cached(m_find_by_ref, "SELECT id FROM ticket WHERE ref = ?");
  stmt.bind(1, ref);
  if (!stmt.step()) {
    return std::nullopt;
  }
  const model::TicketId id = stmt.get_int(0);
  stmt.reset(); // see find()
  return id;
}

model::TicketId SqliteStore::insert(const Ticket& ticket)
{
  model::check_texts(ticket); // UTF-8 and size limits, before anything is written
  if (m_bulk) {
    // Held back until append() knows its chain head: then the row is
    // written once, where an UPDATE of the head cost a tenth of an import.
    const model::TicketId id = next_ticket_id();
    m_unwritten.push_back(ticket);
    m_unwritten.back().id = id;
    if (ticket.ref) {
      m_unwritten_refs.emplace(*ticket.ref, id);
    }
    m_heads[id] = {};
    journal().created(id);
    return id;
  }
  auto& stmt = cached(m_insert, k_insert_ticket);
  columns::bind_fields(stmt, ticket);
  stmt.run();
  const model::TicketId id = m_db.last_insert_rowid();
  m_heads[id] = {}; // no events yet: append() need not read the head
  write_tags(id, ticket.tags, false); // a new ticket has none yet
  journal().created(id);
  return id;
}

model::TicketId SqliteStore::next_ticket_id()
{
  if (m_next_id == 0) {
    // SQLite's own choice for a new row (no AUTOINCREMENT): one more than
    // the largest id. The write lock is held, so nobody else takes it.
    auto& stmt = cached(m_max_id, "SELECT coalesce(max(id), 0) FROM ticket");
    stmt.step();
    m_next_id = stmt.get_int(0) + 1;
    stmt.reset();
  }
  return m_next_id++;
}

void SqliteStore::write_unwritten(model::TicketId below)
{
  std::size_t written = 0;
  for (; written < m_unwritten.size() && m_unwritten[written].id < below; ++written) {
    const Ticket& t = m_unwritten[written];
    auto& stmt = cached(m_insert_with_chain, k_insert_ticket_with_chain);
    columns::bind_fields(stmt, t);
    CachedHead& cached = m_heads.find(t.id)->second; // insert() put it there
    stmt.bind(k_field_count + 1, t.id).bind(k_field_count + 2, cached.head.count);
    if (cached.head.count > 0) {
      stmt.bind_blob_static(k_field_count + 3, util::as_bytes(cached.head.head));
    }
    stmt.run();
    cached.dirty = false;
    write_tags(t.id, t.tags, false);
    if (t.ref) {
      m_unwritten_refs.erase(*t.ref);
    }
  }
  m_unwritten.erase(m_unwritten.begin(), m_unwritten.begin() + static_cast<std::ptrdiff_t>(written));
}

void SqliteStore::forget_unwritten() noexcept
{
  m_unwritten.clear();
  m_unwritten_refs.clear();
  m_next_id = 0;
}

void SqliteStore::update(const Ticket& ticket)
{
  write_unwritten(); // it may be one of them
  auto& stmt = cached(m_update, k_update_ticket);
  columns::bind_fields(stmt, ticket);
  stmt.bind(k_field_count + 1, ticket.id);
  stmt.run();
  write_tags(ticket.id, ticket.tags, true);
}

void SqliteStore::write_tags(model::TicketId id, const std::vector<std::string>& tags, bool replace)
{
  if (replace) {
    auto& remove = cached(m_delete_tags, "DELETE FROM ticket_tag WHERE ticket_id = ?");
    remove.bind(1, id);
    remove.run();
  }
  for (const auto& tag : tags) {
    auto& add = cached(m_insert_tag, "INSERT INTO ticket_tag (ticket_id, tag) VALUES (?, ?)");
    add.bind(1, id).bind(2, tag);
    add.run();
  }
}

void SqliteStore::for_each(const TicketQuery& query,
                           const std::function<void(const Ticket&)>& visit)
{
  write_unwritten();
  std::vector<Binding> bindings;
  auto stmt = m_db.prepare(build_query(query, bindings));
  for (std::size_t i = 0; i < bindings.size(); ++i) {
    std::visit([&](const auto& value) { stmt.bind(static_cast<int>(i + 1), value); }, bindings[i]);
  }
  while (stmt.step()) {
    visit(columns::read_ticket(stmt));
  }
}

bool SqliteStore::add_link(const model::Link& link)
{
  write_unwritten();
  auto& stmt = cached(m_add_link,
                      "INSERT OR IGNORE INTO ticket_link (from_id, type, to_id) VALUES (?, ?, ?)");
  stmt.bind(1, link.from).bind(2, link.type).bind(3, link.to);
  stmt.run();
  return m_db.changes() > 0;
}

bool SqliteStore::remove_link(const model::Link& link)
{
  write_unwritten();
  auto& stmt =
    cached(m_remove_link, "DELETE FROM ticket_link WHERE from_id = ? AND type = ? AND to_id = ?");
  stmt.bind(1, link.from).bind(2, link.type).bind(3, link.to);
  stmt.run();
  return m_db.changes() > 0;
}

std::vector<model::Link> SqliteStore::links(model::TicketId id)
{
  write_unwritten();
  auto& stmt = cached(m_links, "SELECT from_id, type, to_id FROM ticket_link WHERE from_id = ?1"
                               " UNION SELECT from_id, type, to_id FROM ticket_link WHERE to_id = ?1"
                               " ORDER BY type, from_id, to_id");
  stmt.bind(1, id);
  std::vector<model::Link> result;
  while (stmt.step()) {
    result.push_back({stmt.get_int(0), stmt.get_text(1), stmt.get_int(2)});
  }
  return result;
}

std::string SqliteStore::query_plan(const TicketQuery& query)
{
  std::vector<Binding> bindings;
  auto stmt = m_db.prepare("EXPLAIN QUERY PLAN " + build_query(query, bindings));
  for (std::size_t i = 0; i < bindings.size(); ++i) {
    std::visit([&](const auto& value) { stmt.bind(static_cast<int>(i + 1), value); }, bindings[i]);
  }
  std::string plan;
  while (stmt.step()) {
    plan += stmt.get_text(3) + "\n";
  }
  return plan;
}

} // namespace sdesk::store

#include "lib/store/sqlite_store.hpp"

#include "lib/store/filter_sql.hpp"

#include "lib/model/limits.hpp"
#include "lib/model/record_type.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <map>
#include <utility>
#include <variant>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

using model::Ticket;
using model::Time;

constexpr std::string_view k_select_ticket =
  "SELECT id, ref, kind, title, description, status, impact, urgency, priority, category,"
  " service, grp, assignee, requester, escalation_level, created_at, updated_at,"
  " first_response_at, resolved_at, closed_at, resolution_code, resolution_note, response_due,"
  " resolution_due, sla_policy, response_business, resolution_business,"
  " (SELECT group_concat(tag, ',') FROM ticket_tag WHERE ticket_id = ticket.id),"
  " event_count, event_head FROM ticket";

// The 26 stored fields after `id`, in the order of the INSERT and UPDATE
// statements below.
constexpr std::string_view k_field_columns =
  "ref, kind, title, description, status, impact, urgency, priority, category, service, grp,"
  " assignee, requester, escalation_level, created_at, updated_at, first_response_at,"
  " resolved_at, closed_at, resolution_code, resolution_note, response_due, resolution_due,"
  " sla_policy, response_business, resolution_business";
constexpr int k_field_count = 26;

std::optional<std::int64_t> seconds(const std::optional<Time>& t)
{
  return t ? std::optional{t->time_since_epoch().count()} : std::nullopt;
}

std::optional<std::int64_t> count(const std::optional<std::chrono::seconds>& d)
{
  return d ? std::optional{std::int64_t{d->count()}} : std::nullopt;
}

std::optional<Time> time_or_null(const Statement& stmt, int column)
{
  const auto value = stmt.get_opt_int(column);
  return value ? std::optional{Time{std::chrono::seconds{*value}}} : std::nullopt;
}

// Binds the fields of `t`, which must outlive the statement's next run (the
// text is not copied).
void bind_fields(Statement& stmt, const Ticket& t)
{
  stmt.bind_static(1, t.ref)
    .bind_static(2, model::to_string(t.kind))
    .bind_static(3, t.title)
    .bind_static(4, t.description)
    .bind_static(5, model::to_string(t.status))
    .bind(6, static_cast<int>(t.impact))
    .bind(7, static_cast<int>(t.urgency))
    .bind(8, t.priority)
    .bind_static(9, t.category)
    .bind_static(10, t.service)
    .bind_static(11, t.group)
    .bind_static(12, t.assignee)
    .bind_static(13, t.requester)
    .bind(14, t.escalation_level)
    .bind(15, t.created.time_since_epoch().count())
    .bind(16, t.updated.time_since_epoch().count())
    .bind(17, seconds(t.first_response))
    .bind(18, seconds(t.resolved))
    .bind(19, seconds(t.closed))
    .bind_static(20, t.resolution_code)
    .bind_static(21, t.resolution_note)
    .bind(22, seconds(t.response_due))
    .bind(23, seconds(t.resolution_due))
    .bind_static(24, t.sla_policy)
    .bind(25, count(t.response_business))
    .bind(26, count(t.resolution_business));
}

Ticket read_ticket(const Statement& stmt)
{
  Ticket t;
  t.id = stmt.get_int(0);
  t.ref = stmt.get_opt_text(1);
  t.kind = model::parse_kind(stmt.get_text(2));
  t.title = stmt.get_text(3);
  t.description = stmt.get_text(4);
  t.status = model::parse_status(stmt.get_text(5));
  t.impact = static_cast<model::Level>(stmt.get_int(6));
  t.urgency = static_cast<model::Level>(stmt.get_int(7));
  t.priority = static_cast<int>(stmt.get_int(8));
  t.category = stmt.get_opt_text(9);
  t.service = stmt.get_opt_text(10);
  t.group = stmt.get_opt_text(11);
  t.assignee = stmt.get_opt_text(12);
  t.requester = stmt.get_opt_text(13);
  t.escalation_level = static_cast<int>(stmt.get_int(14));
  t.created = Time{std::chrono::seconds{stmt.get_int(15)}};
  t.updated = Time{std::chrono::seconds{stmt.get_int(16)}};
  t.first_response = time_or_null(stmt, 17);
  t.resolved = time_or_null(stmt, 18);
  t.closed = time_or_null(stmt, 19);
  t.resolution_code = stmt.get_opt_text(20);
  t.resolution_note = stmt.get_opt_text(21);
  t.response_due = time_or_null(stmt, 22);
  t.resolution_due = time_or_null(stmt, 23);
  t.sla_policy = stmt.get_opt_text(24);
  if (const auto s = stmt.get_opt_int(25)) {
    t.response_business = std::chrono::seconds{*s};
  }
  if (const auto s = stmt.get_opt_int(26)) {
    t.resolution_business = std::chrono::seconds{*s};
  }
  if (const auto tags = stmt.get_opt_text(27)) {
    t.tags = model::normalise_tags(util::split_list(*tags));
  }
  return t;
}

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

// SQL for each sortable field. Status sorts in lifecycle order.
const std::map<std::string, std::string>& sort_columns()
{
  static const std::map<std::string, std::string> columns{
    {"id", "id"},
    {"priority", "priority"},
    {"status", status_rank_sql()},
    {"kind", "kind"},
    {"title", "title"},
    {"created", "created_at"},
    {"updated", "updated_at"},
    {"resolved", "resolved_at"},
    {"closed", "closed_at"},
    {"group", "grp"},
    {"assignee", "assignee"},
    {"requester", "requester"},
    {"category", "category"},
    {"service", "service"},
    {"escalation_level", "escalation_level"},
    {"response_due", "response_due"},
    {"resolution_due", "resolution_due"},
  };
  return columns;
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
  if (!slot) {
    slot.emplace(m_db.prepare(sql));
  }
  slot->reset();
  return *slot;
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
  journal().rollback();
  m_dropped_indexes.clear(); // the rollback brought them back
  m_truncate_wal = false;
  end_bulk_settings();
}

std::optional<Ticket> SqliteStore::find(model::TicketId id)
{
  auto& stmt = cached(m_find, fmt::format("{} WHERE id = ?", k_select_ticket));
  stmt.bind(1, id);
  if (!stmt.step()) {
    return std::nullopt;
  }
  Ticket ticket = read_ticket(stmt);
  m_heads.try_emplace(id, CachedHead{read_head(stmt, 28)}); // append() needs it next
  stmt.reset(); // a statement left on a row would block DDL (bulk-load index rebuilds)
  return ticket;
}

std::optional<model::TicketId> SqliteStore::find_by_ref(const std::string& ref)
{
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
  if (!m_insert) {
    std::string placeholders = "?";
    for (int i = 1; i < k_field_count; ++i) {
      placeholders += ",?";
    }
    m_insert.emplace(
      m_db.prepare(fmt::format("INSERT INTO ticket ({}) VALUES ({})", k_field_columns, placeholders)));
  }
  auto& stmt = cached(m_insert, {});
  bind_fields(stmt, ticket);
  stmt.run();
  const model::TicketId id = m_db.last_insert_rowid();
  m_heads[id] = {}; // no events yet: append() need not read the head
  write_tags(id, ticket.tags, false); // a new ticket has none yet
  journal().created(id);
  return id;
}

void SqliteStore::update(const Ticket& ticket)
{
  if (!m_update) {
    std::string assignments;
    for (const auto& column : util::split_list(k_field_columns)) {
      assignments += (assignments.empty() ? "" : ", ") + column + " = ?";
    }
    m_update.emplace(m_db.prepare(fmt::format("UPDATE ticket SET {} WHERE id = ?", assignments)));
  }
  auto& stmt = cached(m_update, {});
  bind_fields(stmt, ticket);
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
  std::vector<Binding> bindings;
  auto stmt = m_db.prepare(build_query(query, bindings));
  for (std::size_t i = 0; i < bindings.size(); ++i) {
    std::visit([&](const auto& value) { stmt.bind(static_cast<int>(i + 1), value); }, bindings[i]);
  }
  while (stmt.step()) {
    visit(read_ticket(stmt));
  }
}

bool SqliteStore::add_link(const model::Link& link)
{
  auto& stmt = cached(m_add_link,
                      "INSERT OR IGNORE INTO ticket_link (from_id, type, to_id) VALUES (?, ?, ?)");
  stmt.bind(1, link.from).bind(2, link.type).bind(3, link.to);
  stmt.run();
  return m_db.changes() > 0;
}

bool SqliteStore::remove_link(const model::Link& link)
{
  auto& stmt =
    cached(m_remove_link, "DELETE FROM ticket_link WHERE from_id = ? AND type = ? AND to_id = ?");
  stmt.bind(1, link.from).bind(2, link.type).bind(3, link.to);
  stmt.run();
  return m_db.changes() > 0;
}

std::vector<model::Link> SqliteStore::links(model::TicketId id)
{
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

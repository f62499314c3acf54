#include "lib/store/sqlite_store.hpp"

#include "lib/store/filter_sql.hpp"

#include "lib/model/fields.hpp"
#include "lib/model/limits.hpp"

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

using model::Ticket;
using model::Time;

using model::FieldSpec;
using model::k_fields;

// Whether a field has a column of its own that INSERT and UPDATE write
// (not `id`, the key, nor `tags`, in table ticket_tag).
constexpr bool is_stored(const FieldSpec& f)
{
  return !f.column.empty() && f.type != model::FieldType::id;
}

// For each field of k_fields, its 1-based place in the INSERT and UPDATE
// column lists, which is also its column in SELECT (after `id`); 0 for the
// fields that are not stored there.
constexpr auto k_position = [] {
  std::array<int, model::k_field_count> position{};
  int next = 0;
  for (std::size_t i = 0; i < model::k_field_count; ++i) {
    position[i] = is_stored(k_fields[i]) ? ++next : 0;
  }
  return position;
}();

// How many fields INSERT and UPDATE write.
constexpr int k_field_count = *std::max_element(k_position.begin(), k_position.end());

// The SELECT column of the comma-joined tags, after the stored fields.
constexpr int k_tags_column = k_field_count + 1;

// Writes SQL text at compile time; without a buffer it only counts.
class SqlText {
public:
  constexpr explicit SqlText(char* out)
    : m_out(out)
  {
  }

  constexpr SqlText& operator<<(std::string_view text)
  {
    for (const char c : text) {
      if (m_out != nullptr) {
        m_out[m_size] = c;
      }
      ++m_size;
    }
    return *this;
  }

  constexpr std::size_t size() const { return m_size; }

private:
  char* m_out;
  std::size_t m_size = 0;
};

// "ref, kind, ..." (or "ref = ?, kind = ?, ..." with `after` " = ?"): the
// stored fields' columns, in table order.
constexpr void stored_columns(SqlText& sql, std::string_view after)
{
  bool first = true;
  for (const FieldSpec& f : k_fields) {
    if (is_stored(f)) {
      sql << (first ? "" : ", ") << f.column << after;
      first = false;
    }
  }
}

constexpr void insert_sql(SqlText& sql)
{
  sql << "INSERT INTO ticket (";
  stored_columns(sql, "");
  sql << ") VALUES (";
  for (int i = 0; i < k_field_count; ++i) {
    sql << (i == 0 ? "?" : ",?");
  }
  sql << ")";
}

constexpr void update_sql(SqlText& sql)
{
  sql << "UPDATE ticket SET ";
  stored_columns(sql, " = ?");
  sql << " WHERE id = ?";
}

// Every field, `id` first and the tags last, for read_ticket().
constexpr void select_sql(SqlText& sql)
{
  sql << "SELECT id, ";
  stored_columns(sql, "");
  sql << ", (SELECT group_concat(tag, ',') FROM ticket_tag WHERE ticket_id = ticket.id) FROM ticket";
}

constexpr void select_by_id_sql(SqlText& sql)
{
  select_sql(sql);
  sql << " WHERE id = ?";
}

// The text `Write` writes, built when sdesk compiles.
template<void (*Write)(SqlText&)>
struct Sql {
  static constexpr std::size_t k_size = [] {
    SqlText sql(nullptr);
    Write(sql);
    return sql.size();
  }();
  static constexpr std::array<char, k_size> k_text = [] {
    std::array<char, k_size> text{};
    SqlText sql(text.data());
    Write(sql);
    return text;
  }();
  static constexpr std::string_view k_view{k_text.data(), k_size};
};

constexpr std::string_view k_select_ticket = Sql<select_sql>::k_view;
constexpr std::string_view k_select_ticket_by_id = Sql<select_by_id_sql>::k_view;
constexpr std::string_view k_insert_ticket = Sql<insert_sql>::k_view;
constexpr std::string_view k_update_ticket = Sql<update_sql>::k_view;

std::optional<std::int64_t> seconds(const std::optional<Time>& t)
{
  return t ? std::optional{t->time_since_epoch().count()} : std::nullopt;
}

std::optional<Time> time_or_null(const Statement& stmt, int column)
{
  const auto value = stmt.get_opt_int(column);
  return value ? std::optional{Time{std::chrono::seconds{*value}}} : std::nullopt;
}

// Binding each kind of field to parameter `at`; text is not copied.
void bind_value(Statement& stmt, int at, const std::string& value)
{
  stmt.bind_static(at, value);
}

void bind_value(Statement& stmt, int at, const std::optional<std::string>& value)
{
  stmt.bind_static(at, value);
}

void bind_value(Statement& stmt, int at, model::Kind value)
{
  stmt.bind_static(at, model::to_string(value));
}

void bind_value(Statement& stmt, int at, model::Status value)
{
  stmt.bind_static(at, model::to_string(value));
}

void bind_value(Statement& stmt, int at, model::Level value)
{
  stmt.bind(at, static_cast<int>(value));
}

void bind_value(Statement& stmt, int at, int value)
{
  stmt.bind(at, value);
}

void bind_value(Statement& stmt, int at, Time value)
{
  stmt.bind(at, value.time_since_epoch().count());
}

void bind_value(Statement& stmt, int at, const std::optional<Time>& value)
{
  stmt.bind(at, seconds(value));
}

void bind_value(Statement& stmt, int at, const std::optional<std::chrono::seconds>& value)
{
  stmt.bind(at, value ? std::optional{std::int64_t{value->count()}} : std::nullopt);
}

// Reading each kind of field from result column `column`.
void read_value(const Statement& stmt, int column, std::string& value)
{
  value = stmt.get_text(column);
}

void read_value(const Statement& stmt, int column, std::optional<std::string>& value)
{
  value = stmt.get_opt_text(column);
}

void read_value(const Statement& stmt, int column, model::Kind& value)
{
  value = model::parse_kind(stmt.get_text(column));
}

void read_value(const Statement& stmt, int column, model::Status& value)
{
  value = model::parse_status(stmt.get_text(column));
}

void read_value(const Statement& stmt, int column, model::Level& value)
{
  value = static_cast<model::Level>(stmt.get_int(column));
}

void read_value(const Statement& stmt, int column, int& value)
{
  value = static_cast<int>(stmt.get_int(column));
}

void read_value(const Statement& stmt, int column, Time& value)
{
  value = Time{std::chrono::seconds{stmt.get_int(column)}};
}

void read_value(const Statement& stmt, int column, std::optional<Time>& value)
{
  value = time_or_null(stmt, column);
}

void read_value(const Statement& stmt, int column, std::optional<std::chrono::seconds>& value)
{
  const auto s = stmt.get_opt_int(column);
  value = s ? std::optional{std::chrono::seconds{*s}} : std::nullopt;
}

// Binds the stored fields of `t` (parameters 1 to k_field_count), which must
// outlive the statement's next run (the text is not copied).
void bind_fields(Statement& stmt, const Ticket& t)
{
  model::for_each_field([&](auto i) {
    constexpr int at = k_position[decltype(i)::value];
    if constexpr (at != 0) {
      bind_value(stmt, at, t.*model::field_member<decltype(i)::value>());
    }
  });
}

// The ticket on the current row of a select_ticket() statement.
Ticket read_ticket(const Statement& stmt)
{
  Ticket t;
  t.id = stmt.get_int(0);
  model::for_each_field([&](auto i) {
    constexpr int at = k_position[decltype(i)::value];
    if constexpr (at != 0) {
      read_value(stmt, at, t.*model::field_member<decltype(i)::value>());
    }
  });
  if (const auto tags = stmt.get_opt_text(k_tags_column)) {
    t.tags = model::normalise_tags(util::split_list(*tags));
  }
  return t;
}

// SQL for each sortable field (FieldSpec::sortable): its column. Status
// sorts in lifecycle order.
const std::map<std::string, std::string>& sort_columns()
{
  static const std::map<std::string, std::string> columns = [] {
    std::map<std::string, std::string> result;
    for (const FieldSpec& f : k_fields) {
      if (f.sortable) {
        result.emplace(f.name, f.column);
      }
    }
    result["status"] = "CASE status WHEN 'new' THEN 0 WHEN 'assigned' THEN 1 WHEN 'in_progress' THEN 2"
                       " WHEN 'pending' THEN 3 WHEN 'resolved' THEN 4 ELSE 5 END";
    return result;
  }();
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
  if (mode == TxMode::write) {
    m_db.begin_write();
  } else {
    m_db.exec("BEGIN DEFERRED");
  }
  journal().begin();
}

void SqliteStore::commit()
{
  m_db.exec("COMMIT");
  m_db.end_write();
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
  journal().rollback();
  m_dropped_indexes.clear(); // the rollback brought them back
  m_truncate_wal = false;
  end_bulk_settings();
}

std::optional<Ticket> SqliteStore::find(model::TicketId id)
{
  auto& stmt = cached(m_find, k_select_ticket_by_id);
  stmt.bind(1, id);
  if (!stmt.step()) {
    return std::nullopt;
  }
  Ticket ticket = read_ticket(stmt);
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
  auto& stmt = cached(m_insert, k_insert_ticket);
  bind_fields(stmt, ticket);
  stmt.run();
  const model::TicketId id = m_db.last_insert_rowid();
  write_tags(id, ticket.tags, false); // a new ticket has none yet
  journal().created(id);
  return id;
}

void SqliteStore::update(const Ticket& ticket)
{
  auto& stmt = cached(m_update, k_update_ticket);
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

std::vector<model::Event> SqliteStore::events(model::TicketId id)
{
  restore_indexes(); // after a bulk load began; a no-op otherwise
  auto& stmt = cached(m_events, "SELECT id, ticket_id, at, actor, action, field, old_value,"
                                " new_value, note, data FROM ticket_event WHERE ticket_id = ? ORDER BY id");
  stmt.bind(1, id);
  std::vector<model::Event> result;
  while (stmt.step()) {
    result.push_back({stmt.get_int(0), stmt.get_int(1), Time{std::chrono::seconds{stmt.get_int(2)}},
                      stmt.get_text(3), stmt.get_text(4), stmt.get_opt_text(5),
                      stmt.get_opt_text(6), stmt.get_opt_text(7), stmt.get_opt_text(8),
                      stmt.get_opt_text(9)});
  }
  return result;
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

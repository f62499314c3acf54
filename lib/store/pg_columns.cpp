#include "lib/store/pg_columns.hpp"

#include "lib/store/ticket_columns.hpp"
#include "lib/util/strings.hpp"

namespace sdesk::store::pg {

namespace {

using columns::k_position;
using model::Ticket;
using model::Time;

void bind_value(PgParams& p, const std::string& value) { p.add(std::string_view(value)); }
void bind_value(PgParams& p, const std::optional<std::string>& value) { p.add(value); }
void bind_value(PgParams& p, model::Kind value) { p.add(model::to_string(value)); }
void bind_value(PgParams& p, model::Status value) { p.add(model::to_string(value)); }
void bind_value(PgParams& p, model::Level value) { p.add(std::int64_t{static_cast<int>(value)}); }
void bind_value(PgParams& p, int value) { p.add(std::int64_t{value}); }
void bind_value(PgParams& p, Time value) { p.add(std::int64_t{value.time_since_epoch().count()}); }

void bind_value(PgParams& p, const std::optional<Time>& value)
{
  p.add(value ? std::optional<std::int64_t>{value->time_since_epoch().count()} : std::nullopt);
}

void bind_value(PgParams& p, const std::optional<std::chrono::seconds>& value)
{
  p.add(value ? std::optional<std::int64_t>{value->count()} : std::nullopt);
}

void read_value(const PgResult& r, int row, int col, std::string& value)
{
  value = r.get_text(row, col);
}

void read_value(const PgResult& r, int row, int col, std::optional<std::string>& value)
{
  value = r.get_opt_text(row, col);
}

void read_value(const PgResult& r, int row, int col, model::Kind& value)
{
  value = model::parse_kind(r.get_text(row, col));
}

void read_value(const PgResult& r, int row, int col, model::Status& value)
{
  value = model::parse_status(r.get_text(row, col));
}

void read_value(const PgResult& r, int row, int col, model::Level& value)
{
  value = static_cast<model::Level>(r.get_int(row, col));
}

void read_value(const PgResult& r, int row, int col, int& value)
{
  value = static_cast<int>(r.get_int(row, col));
}

void read_value(const PgResult& r, int row, int col, Time& value)
{
  value = Time{std::chrono::seconds{r.get_int(row, col)}};
}

void read_value(const PgResult& r, int row, int col, std::optional<Time>& value)
{
  const auto s = r.get_opt_int(row, col);
  value = s ? std::optional{Time{std::chrono::seconds{*s}}} : std::nullopt;
}

void read_value(const PgResult& r, int row, int col, std::optional<std::chrono::seconds>& value)
{
  const auto s = r.get_opt_int(row, col);
  value = s ? std::optional{std::chrono::seconds{*s}} : std::nullopt;
}

// SQLite's group_concat is string_agg in PostgreSQL: the one difference in
// the ticket statements' text but for the parameters.
std::string to_postgresql(std::string_view sqlite)
{
  std::string sql(sqlite);
  constexpr std::string_view k_sqlite_concat = "group_concat(tag, ',')";
  if (const auto at = sql.find(k_sqlite_concat); at != std::string::npos) {
    sql.replace(at, k_sqlite_concat.size(), "string_agg(tag, ',')");
  }
  return numbered(sql);
}

} // namespace

std::string numbered(std::string_view sql, int first)
{
  std::string result;
  result.reserve(sql.size() + 16);
  bool quoted = false;
  int next = first;
  for (const char c : sql) {
    if (c == '\'') {
      quoted = !quoted;
    }
    if (c == '?' && !quoted) {
      result += '$';
      result += std::to_string(next++);
    } else {
      result += c;
    }
  }
  return result;
}

const std::string& select_ticket()
{
  static const std::string sql = to_postgresql(columns::k_select_ticket);
  return sql;
}

std::string insert_tickets_with_chain(std::size_t rows)
{
  const std::string_view one = columns::k_insert_ticket_with_chain;
  const auto values = one.find(" VALUES (");
  const std::string_view head = one.substr(0, values + 8); // up to "VALUES "
  const std::string_view row = one.substr(values + 8);     // "(?,?,...)"
  std::string sql(head);
  sql.reserve(head.size() + rows * (row.size() + 2));
  for (std::size_t i = 0; i < rows; ++i) {
    sql += i == 0 ? "" : ", ";
    sql += row;
  }
  return numbered(sql);
}

int insert_with_chain_params()
{
  return columns::k_field_count + 3;
}

const std::string& update_ticket()
{
  static const std::string sql = to_postgresql(columns::k_update_ticket);
  return sql;
}

void bind_fields(PgParams& params, const Ticket& t)
{
  model::for_each_field([&](auto i) {
    constexpr int at = k_position[decltype(i)::value];
    if constexpr (at != 0) {
      bind_value(params, t.*model::field_member<decltype(i)::value>());
    }
  });
}

Ticket read_ticket(const PgResult& result, int row)
{
  Ticket t;
  t.id = result.get_int(row, 0);
  model::for_each_field([&](auto i) {
    constexpr int at = k_position[decltype(i)::value];
    if constexpr (at != 0) {
      read_value(result, row, at, t.*model::field_member<decltype(i)::value>());
    }
  });
  if (const auto tags = result.get_opt_text(row, columns::k_tags_column)) {
    t.tags = model::normalise_tags(util::split_list(*tags));
  }
  return t;
}

model::ChainHead read_head(const PgResult& result, int row, int column)
{
  model::ChainHead head;
  head.count = result.get_int(row, column);
  if (const auto bytes = result.get_opt_bytes(row, column + 1)) {
    head.head = util::sha256_from_bytes(*bytes).value_or(util::Sha256Digest{});
  }
  return head;
}

} // namespace sdesk::store::pg

#include "lib/store/ticket_columns.hpp"

#include "lib/util/strings.hpp"

namespace sdesk::store::columns {

namespace {

using model::Ticket;
using model::Time;

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

} // namespace

void bind_fields(Statement& stmt, const Ticket& t)
{
  model::for_each_field([&](auto i) {
    constexpr int at = k_position[decltype(i)::value];
    if constexpr (at != 0) {
      bind_value(stmt, at, t.*model::field_member<decltype(i)::value>());
    }
  });
}

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

} // namespace sdesk::store::columns

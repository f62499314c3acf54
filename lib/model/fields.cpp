#include "lib/model/fields.hpp"

#include "lib/util/strings.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::model {

namespace {

using Text = std::optional<std::string>;

// History text of each kind of value (see history_text()).
Text history_value(const FieldSpec&, TicketId value)
{
  return std::to_string(value);
}

Text history_value(const FieldSpec&, const std::string& value)
{
  return value;
}

Text history_value(const FieldSpec&, const std::optional<std::string>& value)
{
  return value;
}

Text history_value(const FieldSpec&, Kind value)
{
  return std::string(to_string(value));
}

Text history_value(const FieldSpec&, Status value)
{
  return std::string(to_string(value));
}

Text history_value(const FieldSpec&, Level value)
{
  return std::string(to_string(value));
}

Text history_value(const FieldSpec& spec, int value)
{
  return spec.type == FieldType::priority ? format_priority(value) : std::to_string(value);
}

Text history_value(const FieldSpec&, Time value)
{
  return util::format_time_utc(value);
}

Text history_value(const FieldSpec&, const std::optional<Time>& value)
{
  return value ? Text{util::format_time_utc(*value)} : std::nullopt;
}

Text history_value(const FieldSpec&, const std::optional<std::chrono::seconds>& value)
{
  return value ? Text{std::to_string(value->count())} : std::nullopt;
}

Text history_value(const FieldSpec&, const std::vector<std::string>& value)
{
  return value.empty() ? Text{} : Text{util::join(value, ",")};
}

// Whether a value counts as absent (what a record type without the field holds).
template<typename T>
bool is_empty(const T& value)
{
  if constexpr (requires { value.has_value(); }) {
    return !value.has_value();
  } else if constexpr (requires { value.empty(); }) {
    return value.empty();
  } else {
    return false;
  }
}

// History text of field `I` of `t`.
template<std::size_t I>
Text history_of(const Ticket& t)
{
  return history_value(k_fields[I], t.*field_member<I>());
}

// history_of<I> for every field, by index.
constexpr auto k_history_of = []<std::size_t... I>(std::index_sequence<I...>) {
  return std::array<Text (*)(const Ticket&), sizeof...(I)>{&history_of<I>...};
}(std::make_index_sequence<k_field_count>{});

} // namespace

const FieldSpec* find_field(std::string_view name)
{
  for (const FieldSpec& spec : k_fields) {
    if (spec.name == name) {
      return &spec;
    }
  }
  return nullptr;
}

std::optional<std::string> history_text(const FieldSpec& spec, const Ticket& t)
{
  return k_history_of[static_cast<std::size_t>(&spec - k_fields)](t);
}

namespace {

// The CSV cell of each kind of value: as history writes it, but times with
// the local offset and nothing as "".
template<typename T>
std::string csv_value(const FieldSpec& spec, const T& value)
{
  if constexpr (std::is_same_v<T, Time> || std::is_same_v<T, std::optional<Time>>) {
    return util::format_time(value);
  } else {
    return history_value(spec, value).value_or("");
  }
}

} // namespace

std::string csv_text(const FieldSpec& spec, const Ticket& t)
{
  std::string text;
  visit_field(static_cast<std::size_t>(&spec - k_fields), [&](auto i) {
    text = csv_value(spec, t.*field_member<decltype(i)::value>());
  });
  return text;
}

void csv_cells(const Ticket& t, std::vector<std::string>& cells)
{
  cells.clear();
  for_each_field([&](auto i) {
    cells.push_back(csv_value(k_fields[decltype(i)::value], t.*field_member<decltype(i)::value>()));
  });
}

std::optional<std::string> choice_problem(const FieldSpec& spec, std::string_view value)
{
  if (std::find(spec.choices.begin(), spec.choices.end(), value) != spec.choices.end()) {
    return std::nullopt;
  }
  std::string accepted;
  for (const std::string_view choice : spec.choices) {
    accepted += (accepted.empty() ? "" : ", ") + std::string(choice);
  }
  return fmt::format("unknown value {} (accepted: {})", util::quote(value), accepted);
}

const FieldSpec* misplaced_field(const Ticket& t)
{
  const FieldSpec* found = nullptr;
  for_each_field([&](auto i) {
    constexpr const FieldSpec& spec = k_fields[decltype(i)::value];
    if constexpr (spec.kinds != k_every_kind) {
      if (!found && !spec.applies_to(t.kind) && !is_empty(t.*field_member<decltype(i)::value>())) {
        found = &spec;
      }
    }
  });
  return found;
}

} // namespace sdesk::model

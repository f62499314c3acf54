// The built-in defaults (defaults.hpp), written as a table of C++ values.

#include "lib/config/defaults.hpp"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace sdesk::config::detail {

namespace {

using Member = std::pair<std::string_view, Value>;

Value string(std::string_view text)
{
  Value value;
  value.type = Value::Type::string;
  value.text = text;
  return value;
}

Value integer(std::int64_t number)
{
  Value value;
  value.type = Value::Type::integer;
  value.integer = number;
  value.text = std::to_string(number);
  return value;
}

Value array(std::initializer_list<Value> items)
{
  Value value;
  value.type = Value::Type::array;
  value.children.assign(items.begin(), items.end());
  return value;
}

Value strings(std::initializer_list<std::string_view> items)
{
  Value value = array({});
  for (const std::string_view item : items) {
    value.children.push_back(string(item));
  }
  return value;
}

Value integers(std::initializer_list<std::int64_t> items)
{
  Value value = array({});
  for (const std::int64_t item : items) {
    value.children.push_back(integer(item));
  }
  return value;
}

Value table(std::initializer_list<Member> members)
{
  Value value;
  value.type = Value::Type::table;
  for (const auto& [key, member] : members) {
    value.children.push_back(member);
    value.children.back().key = key;
  }
  std::sort(value.children.begin(), value.children.end(),
            [](const Value& a, const Value& b) { return a.key < b.key; });
  return value;
}

// Gives `value` and its members their dotted paths and the default origin,
// as parse_layer does for a parsed file.
void place(Value& value, const std::string& path)
{
  value.path = path;
  value.origin = k_default_origin;
  for (Value& child : value.children) {
    if (value.type == Value::Type::array) {
      place(child, path);
    } else {
      const std::string part = toml_key(child.key);
      place(child, path.empty() ? part : path + "." + part);
    }
  }
}

} // namespace

Value defaults()
{
  Value root = table({
    {"store", table({{"busy_timeout", string("5s")}})},
    {"events", table({
                 {"reopen_within", string("2h")},
                 {"flapping_changes", integer(4)},
                 {"flapping_window", string("30m")},
               })},
    {"desk", table({
               {"default_group", string("service-desk")},
               {"categories", strings({})},
               {"services", strings({})},
               {"resolution_codes", strings({"fixed", "workaround", "duplicate", "no-fault",
                                             "user-error", "cancelled"})},
             })},
    {"groups", table({
                 {"service-desk", table({{"tier", integer(1)}, {"escalates_to", string("second-line")}})},
                 {"second-line", table({{"tier", integer(2)}, {"escalates_to", string("third-line")}})},
                 {"third-line", table({{"tier", integer(3)}})},
               })},
    // Rows: impact high, medium, low; columns: urgency high, medium, low.
    {"priority", table({{"matrix", array({integers({1, 2, 3}), integers({2, 3, 4}),
                                          integers({3, 4, 4})})}})},
    {"sla", table({
              {"pause_statuses", strings({"pending"})},
              {"policies",
               table({{"default",
                       table({
                         {"calendar", string("24x7")},
                         {"response", table({{"P1", string("1h")}, {"P2", string("4h")},
                                             {"P3", string("8h")}, {"P4", string("24h")}})},
                         {"resolution", table({{"P1", string("4h")}, {"P2", string("24h")},
                                               {"P3", string("72h")}, {"P4", string("120h")}})},
                       })}})},
            })},
  });
  place(root, "");
  return root;
}

} // namespace sdesk::config::detail

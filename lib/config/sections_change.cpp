// Reads [change]: the change boards (cab, ecab), the approvals each type
// of change needs, the freezes ([[change.freeze]]) and the standard
// changes' templates ([change.templates.NAME]). docs/config.md documents
// every key.

#include "lib/config/sections.hpp"
#include "lib/model/fields.hpp"
#include "lib/util/time.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::config::detail {

namespace {

using Type = Value::Type;

// The most approvals a change may need.
constexpr std::int64_t k_max_approvals = 20;

// A number of approvals: 1..k_max_approvals.
std::int64_t read_approvals(const Value& value)
{
  if (value.type != Type::integer || value.integer < 1 || value.integer > k_max_approvals) {
    throw error_at(value, fmt::format("expected a number of approvals from 1 to {}, got {}",
                                      k_max_approvals, describe(value)));
  }
  return value.integer;
}

// A date or date-time ("2026-12-20", a TOML date, "2026-12-20T18:00"): a
// date alone is its local midnight.
util::Time read_instant(const Value& value)
{
  if (value.type != Type::string && value.type != Type::other) {
    throw error_at(value, fmt::format("expected a date such as \"2026-12-20\", got {}", describe(value)));
  }
  try {
    return util::parse_time(value.text, value.path);
  } catch (const Error&) {
    throw error_at(value, fmt::format("expected a date such as \"2026-12-20\", got {}", describe(value)));
  }
}

Freeze read_freeze(const Value& entry)
{
  check_keys(expect(entry, Type::table, "a table with from, to and reason"), {"from", "to", "reason"});
  Freeze freeze;
  for (const char* key : {"from", "to", "reason"}) {
    if (entry.find(key) == nullptr) {
      throw error_at(entry, fmt::format("missing key '{}' (a freeze has from, to and reason)", key));
    }
  }
  freeze.from = read_instant(*entry.find("from"));
  freeze.to = read_instant(*entry.find("to"));
  freeze.reason = read_string(*entry.find("reason"));
  if (freeze.to <= freeze.from) {
    throw error_at(*entry.find("to"), "must be after 'from' ('to' is the first instant after the freeze)");
  }
  return freeze;
}

// The choice `value` of field `name` (lib/model/fields.hpp).
std::string read_choice(const Value& value, std::string_view name)
{
  std::string text = read_string(value);
  if (const model::FieldSpec* field = model::find_field(name)) {
    if (const auto problem = model::choice_problem(*field, text)) {
      throw error_at(value, *problem);
    }
  }
  return text;
}

ChangeTemplate read_template(const Value& entry)
{
  check_name(entry);
  check_keys(expect(entry, Type::table, "a table"),
             {"title", "description", "category", "service", "group", "risk", "release", "plan",
              "backout_plan", "test_plan"});
  ChangeTemplate t;
  t.name = entry.key;
  const Value* title = entry.find("title");
  if (title == nullptr) {
    throw error_at(entry, "missing key 'title' (the title of the changes it opens)");
  }
  t.title = read_string(*title);
  const auto optional = [&entry](std::string_view key) -> std::optional<std::string> {
    const Value* value = entry.find(key);
    return value != nullptr ? std::optional(read_string(*value)) : std::nullopt;
  };
  t.description = optional("description");
  t.category = optional("category");
  t.service = optional("service");
  t.group = optional("group");
  if (const Value* risk = entry.find("risk")) {
    t.risk = read_choice(*risk, "risk");
  }
  t.release = optional("release");
  t.plan = optional("plan");
  t.backout_plan = optional("backout_plan");
  t.test_plan = optional("test_plan");
  return t;
}

} // namespace

void read_change(const Value& section, Config& config)
{
  check_keys(expect(section, Type::table, "a table"), {"cab", "ecab", "approvals", "freeze", "templates"});
  ChangeSettings& change = config.change;
  if (const Value* cab = section.find("cab")) {
    change.cab = read_list(*cab);
  }
  if (const Value* ecab = section.find("ecab")) {
    change.ecab = read_list(*ecab);
  }
  if (const Value* approvals = section.find("approvals")) {
    check_keys(expect(*approvals, Type::table, "a table such as { normal = 2, emergency = 1 }"),
               {"normal", "emergency"});
    if (const Value* normal = approvals->find("normal")) {
      change.normal_approvals = read_approvals(*normal);
    }
    if (const Value* emergency = approvals->find("emergency")) {
      change.emergency_approvals = read_approvals(*emergency);
    }
  }
  if (const Value* freezes = section.find("freeze")) {
    for (const Value& entry : expect(*freezes, Type::array, "an array of tables ([[change.freeze]])").children) {
      change.freezes.push_back(read_freeze(entry));
    }
  }
  if (const Value* templates = section.find("templates")) {
    for (const Value& entry : expect(*templates, Type::table, "a table of templates").children) {
      change.templates.push_back(read_template(entry));
    }
  }
  std::sort(change.templates.begin(), change.templates.end(),
            [](const ChangeTemplate& a, const ChangeTemplate& b) { return a.name < b.name; });
}

} // namespace sdesk::config::detail

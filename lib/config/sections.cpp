// Reads the merged configuration tree into a Config, one function per
// section. To add a section: add its defaults to defaults.cpp, its fields
// to Config, a read_<section>() here and a row in k_sections; checks across
// sections go in validate.cpp.

#include "lib/config/layer.hpp"
#include "lib/config/sections.hpp"
#include "lib/util/duration.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace sdesk::config::detail {

using Type = Value::Type;

namespace {

// The origin shown for desk.default_group when it is derived from the groups.
constexpr std::string_view k_derived_default_group_origin = "(default: lowest tier)";

// The longest store.busy_timeout accepted; SQLite takes an int of ms.
constexpr std::chrono::hours k_max_busy_timeout{1};

} // namespace

// What `value` is, for "got ..." in messages.
std::string describe(const Value& value)
{
  return value.type == Type::table ? "a table" : value.render();
}

// Returns `value` if it has type `type`, else throws "expected `expected`".
const Value& expect(const Value& value, Type type, std::string_view expected)
{
  if (value.type != type) {
    throw error_at(value, fmt::format("expected {}, got {}", expected, describe(value)));
  }
  return value;
}

// Rejects members of `table` whose key is not in `allowed`.
void check_keys(const Value& table, const std::vector<std::string>& allowed)
{
  for (const Value& member : table.children) {
    if (std::find(allowed.begin(), allowed.end(), member.key) != allowed.end()) {
      continue;
    }
    const std::string where = table.path.empty() ? "" : table.path + ": ";
    std::string hint = util::did_you_mean(member.key, allowed);
    hint = hint.empty() ? "accepted: " + util::join(allowed, ", ") : "did you mean '" + hint + "'?";
    throw Error(ErrorKind::config,
                fmt::format("{}: {}unknown key '{}' ({})", member.origin, where, member.key, hint));
  }
}

// Rejects a group or agent name that would be awkward on a command line.
void check_name(const Value& entry)
{
  const bool ok = std::all_of(entry.key.begin(), entry.key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
           || c == '_' || c == '.';
  });
  if (entry.key.empty() || !ok) {
    throw error_at(entry, "bad name (use letters, digits, '.', '_' and '-')");
  }
}

// A non-empty string.
std::string read_string(const Value& value)
{
  const std::string& text = expect(value, Type::string, "a string").text;
  if (text.empty()) {
    throw error_at(value, "expected a non-empty string, got \"\"");
  }
  return text;
}

// A string that looks like an email address.
std::string read_email(const Value& value)
{
  const std::string& text = expect(value, Type::string, "an email address").text;
  if (text.find('@') == std::string::npos
      || text.find_first_of(" \t\r\n") != std::string::npos) {
    throw error_at(value, fmt::format("expected an email address, got {}", describe(value)));
  }
  return text;
}

// An array of distinct one-line strings, none blank; at least one when `!may_be_empty`.
std::vector<std::string> read_list(const Value& value, bool may_be_empty)
{
  const bool ok = value.type == Type::array
                  && std::all_of(value.children.begin(), value.children.end(),
                                 [](const Value& item) { return item.type == Type::string; });
  if (!ok) {
    throw error_at(value, fmt::format("expected an array of strings, got {}", describe(value)));
  }
  std::vector<std::string> items;
  for (const Value& item : value.children) {
    if (util::trim(item.text).empty()) {
      throw error_at(value, "empty or blank string in list");
    }
    if (item.text.find_first_of("\r\n") != std::string::npos) {
      throw error_at(value, fmt::format("a line break in {} (accepted: one line each)",
                                        util::quote(item.text)));
    }
    if (std::find(items.begin(), items.end(), item.text) != items.end()) {
      throw error_at(value, fmt::format("'{}' is listed twice", item.text));
    }
    items.push_back(item.text);
  }
  if (items.empty() && !may_be_empty) {
    throw error_at(value, "expected at least one entry, got []");
  }
  return items;
}

namespace {

// 1, 2, 3 or "vendor" (k_vendor_tier).
int read_tier(const Value& value)
{
  if (value.type == Type::integer && value.integer >= 1 && value.integer <= 3) {
    return static_cast<int>(value.integer);
  }
  if (value.type == Type::string && value.text == "vendor") {
    return k_vendor_tier;
  }
  throw error_at(value, fmt::format("expected 1, 2, 3 or \"vendor\", got {}", describe(value)));
}

// [store]
void read_store(const Value& section, Config& config)
{
  check_keys(expect(section, Type::table, "a table"), {"path", "busy_timeout"});
  if (const Value* path = section.find("path")) {
    config.store_path = read_string(*path);
  }
  if (const Value* timeout = section.find("busy_timeout")) {
    const std::string& text = expect(*timeout, Type::string, "a duration such as \"5s\"").text;
    std::chrono::seconds duration{};
    try {
      duration = util::parse_duration(text, timeout->path);
    } catch (const Error& e) {
      throw Error(ErrorKind::config, fmt::format("{}: {}", timeout->origin, e.what()));
    }
    if (duration > k_max_busy_timeout) {
      throw error_at(*timeout, fmt::format("expected at most 1h, got {}", describe(*timeout)));
    }
    config.busy_timeout = duration;
  }
}

// [desk]
void read_desk(const Value& section, Config& config)
{
  check_keys(expect(section, Type::table, "a table"),
             {"default_group", "categories", "services", "resolution_codes"});
  if (const Value* group = section.find("default_group")) {
    config.default_group = read_string(*group);
  }
  if (const Value* categories = section.find("categories")) {
    config.categories = read_list(*categories);
  }
  if (const Value* services = section.find("services")) {
    config.services = read_list(*services);
  }
  if (const Value* codes = section.find("resolution_codes")) {
    config.resolution_codes = read_list(*codes, false);
  }
}

// [groups.NAME]
void read_groups(const Value& section, Config& config)
{
  expect(section, Type::table, "a table of [groups.NAME] tables");
  if (section.children.empty()) {
    throw error_at(section, "no groups defined (add at least one [groups.NAME] table)");
  }
  for (const Value& entry : section.children) {
    check_name(entry);
    check_keys(expect(entry, Type::table, "a table"), {"tier", "escalates_to", "email"});
    Group group;
    group.name = entry.key;
    if (const Value* tier = entry.find("tier")) {
      group.tier = read_tier(*tier);
    }
    if (const Value* target = entry.find("escalates_to")) {
      group.escalates_to = read_string(*target);
    }
    if (const Value* email = entry.find("email")) {
      group.email = read_email(*email);
    }
    config.groups.push_back(std::move(group));
  }
}

// [agents.NAME]
void read_agents(const Value& section, Config& config)
{
  expect(section, Type::table, "a table of [agents.NAME] tables");
  for (const Value& entry : section.children) {
    check_name(entry);
    check_keys(expect(entry, Type::table, "a table"), {"email", "groups"});
    Agent agent;
    agent.name = entry.key;
    if (const Value* email = entry.find("email")) {
      agent.email = read_email(*email);
    }
    if (const Value* groups = entry.find("groups")) {
      agent.groups = read_list(*groups);
    }
    config.agents.push_back(std::move(agent));
  }
}

// [priority]
void read_priority(const Value& section, Config& config)
{
  check_keys(expect(section, Type::table, "a table"), {"matrix"});
  const Value* matrix = section.find("matrix");
  if (matrix == nullptr) {
    return;
  }
  const auto is_cell = [](const Value& cell) {
    return cell.type == Type::integer && cell.integer >= 1 && cell.integer <= k_max_priority;
  };
  const auto is_row = [&is_cell](const Value& row) {
    return row.type == Type::array && row.children.size() == 3
           && std::all_of(row.children.begin(), row.children.end(), is_cell);
  };
  if (matrix->type != Type::array || matrix->children.size() != 3
      || !std::all_of(matrix->children.begin(), matrix->children.end(), is_row)) {
    throw error_at(*matrix, fmt::format("expected 3 rows of 3 integers from 1 to {} (rows: impact "
                                        "high..low, columns: urgency high..low), got {}",
                                        k_max_priority, describe(*matrix)));
  }
  for (std::size_t row = 0; row < 3; ++row) {
    for (std::size_t column = 0; column < 3; ++column) {
      config.matrix.cells[row][column] =
        static_cast<int>(matrix->children[row].children[column].integer);
    }
  }
}

// [report]
void read_report(const Value& section, Config& config)
{
  check_keys(expect(section, Type::table, "a table"), {"timezone"});
  if (const Value* zone = section.find("timezone")) {
    // Checked against the time zone database when a report runs, so that
    // other commands do not pay for loading it.
    config.report_timezone = read_string(*zone);
  }
}

// [events]: the thresholds of monitoring events (docs/sdesk-event.md).
void read_events(const Value& section, Config& config)
{
  check_keys(expect(section, Type::table, "a table"),
             {"reopen_within", "flapping_changes", "flapping_window", "downtime_max", "sources"});
  const auto duration = [](const Value& value) {
    const std::string& text = expect(value, Type::string, "a duration such as \"2h\"").text;
    try {
      return util::parse_duration(text, value.path);
    } catch (const Error& e) {
      throw Error(ErrorKind::config, fmt::format("{}: {}", value.origin, e.what()));
    }
  };
  if (const Value* within = section.find("reopen_within")) {
    config.events.reopen_within = duration(*within);
  }
  if (const Value* changes = section.find("flapping_changes")) {
    const std::int64_t n = expect(*changes, Type::integer, "a whole number of state changes").integer;
    if (n < 1 || n > 1000) {
      throw error_at(*changes, fmt::format("expected 1..1000 state changes, got {}", n));
    }
    config.events.flap_changes = static_cast<int>(n);
  }
  if (const Value* window = section.find("flapping_window")) {
    config.events.flap_window = duration(*window);
  }
  if (const Value* downtime = section.find("downtime_max")) {
    config.events.downtime_max = duration(*downtime);
  }
  if (const Value* sources = section.find("sources")) {
    read_event_sources(*sources, config);
  }
}

// One top-level section and the function that reads it.
struct Section {
  std::string_view name;
  void (*read)(const Value& section, Config& config);
};

// Every top-level section sdesk knows; anything else is an unknown key.
constexpr std::array<Section, 15> k_sections{{
  {"store", read_store},
  {"desk", read_desk},
  {"groups", read_groups},
  {"agents", read_agents},
  {"priority", read_priority},
  {"calendars", read_calendars},
  {"sla", read_sla},
  {"escalation", read_escalation},
  {"report", read_report},
  {"change", read_change},
  {"events", read_events},
  {"recurring", read_recurring},
  {"hooks", read_hooks},
  {"mail", read_mail},
  {"services", read_services},
}};

// Appends every leaf (non-table value) under `value` to `settings`.
void collect_settings(const Value& value, std::vector<Setting>& settings)
{
  if (value.type != Type::table) {
    settings.push_back({value.path, value.render(), value.origin});
    return;
  }
  for (const Value& member : value.children) {
    collect_settings(member, settings);
  }
}

// The group with the lowest tier; ties go to the first name alphabetically.
std::string lowest_tier_group(const std::vector<Group>& groups)
{
  const auto it = std::min_element(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
    return a.tier != b.tier ? a.tier < b.tier : a.name < b.name;
  });
  return it == groups.end() ? std::string() : it->name;
}

} // namespace

Config build_config(const Value& layers_root, bool groups_replaced)
{
  // A file that defines SLA policies replaces the built-in ones.
  const std::optional<Value> pruned = without_default_policies(layers_root);
  const Value& root = pruned ? *pruned : layers_root;
  std::vector<std::string> names;
  for (const Section& section : k_sections) {
    names.emplace_back(section.name);
  }
  check_keys(root, names);

  Config config;
  for (const Section& section : k_sections) {
    if (const Value* value = root.find(section.name)) {
      section.read(*value, config);
    }
  }
  const auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
  std::sort(config.groups.begin(), config.groups.end(), by_name);
  std::sort(config.agents.begin(), config.agents.end(), by_name);

  collect_settings(root, config.settings);
  for (const Group& group : config.groups) {
    const Value& entry = *root.find("groups")->find(group.name);
    if (entry.find("tier") == nullptr) {
      config.settings.push_back({entry.path + ".tier", "1", std::string(k_default_origin)});
    }
  }

  // A site that replaced the built-in groups without naming a default
  // group gets its first-line group.
  const Value* desk = root.find("desk");
  const Value* default_group = desk != nullptr ? desk->find("default_group") : nullptr;
  if (groups_replaced && (default_group == nullptr || default_group->is_default())) {
    config.default_group = lowest_tier_group(config.groups);
    std::erase_if(config.settings,
                  [](const Setting& setting) { return setting.key == "desk.default_group"; });
    config.settings.push_back({"desk.default_group", toml_string(config.default_group),
                               std::string(k_derived_default_group_origin)});
  }
  std::sort(config.settings.begin(), config.settings.end(),
            [](const Setting& a, const Setting& b) { return a.key < b.key; });

  validate_references(config, root);
  return config;
}

} // namespace sdesk::config::detail

// Reads [events.sources.NAME]: what the tickets a monitoring event source
// opens are filled with (group, service, category, a title template, and
// per severity a priority or impact and urgency). docs/config.md documents
// every key; the thresholds of [events] are read in sections.cpp.

#include "lib/config/sections.hpp"
#include "lib/model/alert_title.hpp"
#include "lib/model/enums.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::config::detail {

namespace {

using Type = Value::Type;

// "P1".."P9".
std::string read_priority_name(const Value& value)
{
  const std::string& text = value.text;
  if (value.type != Type::string || text.size() != 2 || text[0] != 'P' || text[1] < '1'
      || text[1] > static_cast<char>('0' + k_max_priority)) {
    throw error_at(value, fmt::format("expected a priority \"P1\"..\"P{}\" or a table "
                                      "{{ impact = \"high\", urgency = \"low\" }}, got {}",
                                      k_max_priority, describe(value)));
  }
  return text;
}

// high, medium or low.
model::Level read_level(const Value& value)
{
  const std::string& text = expect(value, Type::string, "high, medium or low").text;
  try {
    return model::parse_level(text, value.path);
  } catch (const Error&) {
    throw error_at(value, fmt::format("expected high, medium or low, got {}", describe(value)));
  }
}

// A priority ("P2") or { impact = "high", urgency = "low" }.
SeverityLevels read_levels(const Value& value)
{
  SeverityLevels levels;
  if (value.type != Type::table) {
    levels.priority = read_priority_name(value);
    return levels;
  }
  check_keys(value, {"impact", "urgency"});
  for (const char* key : {"impact", "urgency"}) {
    if (value.find(key) == nullptr) {
      throw error_at(value, fmt::format("missing key '{}' (give both impact and urgency, or a priority)", key));
    }
  }
  levels.impact = read_level(*value.find("impact"));
  levels.urgency = read_level(*value.find("urgency"));
  return levels;
}

// `value`, a string that must be in `accepted` when that is not empty.
std::string read_listed(const Value& value, const std::vector<std::string>& accepted, std::string_view what)
{
  std::string text = read_string(value);
  if (!accepted.empty() && std::find(accepted.begin(), accepted.end(), text) == accepted.end()) {
    throw error_at(value, fmt::format("unknown {} '{}' (accepted: {})", what, text, util::join(accepted, ", ")));
  }
  return text;
}

EventSource read_source(const Value& entry, const Config& config)
{
  check_name(entry);
  check_keys(expect(entry, Type::table, "a table"),
             {"group", "service", "category", "title", "severity"});
  EventSource source;
  source.name = entry.key;
  if (const Value* group = entry.find("group")) {
    source.group = read_listed(*group, config.group_names(), "group");
  }
  if (const Value* service = entry.find("service")) {
    source.service = read_listed(*service, config.services, "service");
  }
  if (const Value* category = entry.find("category")) {
    source.category = read_listed(*category, config.categories, "category");
  }
  if (const Value* title = entry.find("title")) {
    source.title = read_string(*title);
    try {
      model::check_title_template(*source.title);
    } catch (const Error& e) {
      throw error_at(*title, e.what());
    }
  }
  if (const Value* severity = entry.find("severity")) {
    expect(*severity, Type::table, "a table such as { critical = \"P1\", warning = \"P3\" }");
    check_keys(*severity, {"critical", "error", "warning", "info"});
    for (const Value& member : severity->children) {
      const model::Severity level = model::parse_severity(member.key, member.path);
      source.severity[static_cast<std::size_t>(level)] = read_levels(member);
    }
  }
  return source;
}

} // namespace

void read_event_sources(const Value& section, Config& config)
{
  expect(section, Type::table, "a table of [events.sources.NAME] tables");
  for (const Value& entry : section.children) {
    config.event_sources.push_back(read_source(entry, config));
  }
  std::sort(config.event_sources.begin(), config.event_sources.end(),
            [](const EventSource& a, const EventSource& b) { return a.name < b.name; });
}

} // namespace sdesk::config::detail

// Reads [recurring.NAME]: the tickets `sdesk tick` opens on a schedule
// (cron syntax, util::CronSchedule). Every key is checked here, at load:
// the schedule's syntax, the zone's name, the ticket's kind, priority,
// group, category and service. docs/config.md documents every key.

#include "lib/config/sections.hpp"
#include "lib/model/enums.hpp"
#include "lib/model/limits.hpp"
#include "lib/util/cron.hpp"
#include "lib/util/strings.hpp"
#include "lib/util/time_zone.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::config::detail {

namespace {

using Type = Value::Type;

// The most missed occurrences one tick may open for one schedule.
constexpr std::int64_t k_max_catch_up = 100;

// Throws unless `value` is one of `accepted` (when that list is not empty).
void check_listed(const Value& value, const std::string& text, const std::vector<std::string>& accepted,
                  std::string_view source)
{
  if (!accepted.empty() && std::find(accepted.begin(), accepted.end(), text) == accepted.end()) {
    throw error_at(value, fmt::format("unknown {} ({}: {})", util::quote_with_suggestion(text, accepted),
                                      source, util::join(accepted, ", ")));
  }
}

std::string read_schedule(const Value& value)
{
  const std::string text = read_string(value);
  try {
    (void)util::CronSchedule::parse(text);
  } catch (const Error& e) {
    throw error_at(value, fmt::format("{} (accepted: {})", e.what(), util::CronSchedule::k_accepted));
  }
  return text;
}

std::string read_timezone(const Value& value)
{
  std::string name = read_string(value);
  if (!util::TimeZone::exists(name)) {
    throw error_at(value, fmt::format("unknown time zone '{}' (accepted: an IANA name such as "
                                      "\"Europe/Amsterdam\" or \"UTC\")",
                                      name));
  }
  return name;
}

model::Kind read_kind(const Value& value)
{
  const std::string text = read_string(value);
  std::vector<std::string> accepted;
  for (const model::Kind kind : model::k_kinds) {
    accepted.emplace_back(model::to_string(kind));
  }
  check_listed(value, text, accepted, "accepted");
  return model::k_kinds[static_cast<std::size_t>(std::find(accepted.begin(), accepted.end(), text)
                                                 - accepted.begin())];
}

std::string read_priority(const Value& value, int lowest)
{
  const std::string text = read_string(value);
  std::vector<std::string> accepted;
  for (int p = 1; p <= lowest; ++p) {
    accepted.push_back(fmt::format("P{}", p));
  }
  check_listed(value, text, accepted, "accepted");
  return text;
}

std::int64_t read_catch_up(const Value& value)
{
  if (value.type != Type::integer || value.integer < 1 || value.integer > k_max_catch_up) {
    throw error_at(value, fmt::format("expected a number of occurrences from 1 to {}, got {}",
                                      k_max_catch_up, describe(value)));
  }
  return value.integer;
}

// The longest NAME: the ref of an occurrence, "recurring:NAME@" and 20
// bytes of UTC time, must fit a ref (model::Limited::short_text).
std::size_t longest_name()
{
  return model::limit(model::Limited::short_text) - std::string_view("recurring:@2026-12-01T08:00:00Z").size();
}

RecurringTicket read_entry(const Value& entry, const Config& config)
{
  check_name(entry);
  if (entry.key.size() > longest_name()) {
    throw error_at(entry, fmt::format("a name of {} bytes is too long (accepted: at most {})", entry.key.size(),
                                      longest_name()));
  }
  check_keys(expect(entry, Type::table, "a table"),
             {"schedule", "timezone", "catch_up", "title", "kind", "group", "category", "service",
              "priority", "description"});
  RecurringTicket r;
  r.name = entry.key;
  for (const char* key : {"schedule", "title"}) {
    if (entry.find(key) == nullptr) {
      throw error_at(entry, fmt::format("missing key '{}' (a recurring ticket has a schedule and a "
                                        "title)",
                                        key));
    }
  }
  r.schedule = read_schedule(*entry.find("schedule"));
  const Value& title = *entry.find("title");
  r.title = read_string(title);
  if (r.title.find('\n') != std::string::npos) {
    throw error_at(title, "a title is one line");
  }
  if (const Value* zone = entry.find("timezone")) {
    r.timezone = read_timezone(*zone);
  }
  if (const Value* catch_up = entry.find("catch_up")) {
    r.catch_up = read_catch_up(*catch_up);
  }
  if (const Value* kind = entry.find("kind")) {
    r.kind = read_kind(*kind);
  }
  if (const Value* group = entry.find("group")) {
    r.group = read_string(*group);
    check_listed(*group, *r.group, config.group_names(), "defined");
  }
  if (const Value* category = entry.find("category")) {
    r.category = read_string(*category);
    check_listed(*category, *r.category, config.categories, "desk.categories");
  }
  if (const Value* service = entry.find("service")) {
    r.service = read_string(*service);
    check_listed(*service, *r.service, config.services, "desk.services");
  }
  if (const Value* priority = entry.find("priority")) {
    r.priority = read_priority(*priority, config.matrix.lowest());
  }
  if (const Value* description = entry.find("description")) {
    r.description = read_string(*description);
  }
  return r;
}

} // namespace

void read_recurring(const Value& section, Config& config)
{
  expect(section, Type::table, "a table of [recurring.NAME] tables");
  for (const Value& entry : section.children) {
    config.recurring.push_back(read_entry(entry, config));
  }
  std::sort(config.recurring.begin(), config.recurring.end(),
            [](const RecurringTicket& a, const RecurringTicket& b) { return a.name < b.name; });
}

} // namespace sdesk::config::detail

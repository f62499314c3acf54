// Reads the SLA sections: [calendars.NAME], [sla] with [sla.policies.NAME],
// and [escalation.rules.NAME]. References to other sections (calendars,
// groups, priorities) are checked in validate.cpp.

#include "lib/config/sections.hpp"
#include "lib/model/record_type.hpp"
#include "lib/util/duration.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace sdesk::config::detail {

namespace {

// The largest escalation threshold accepted, in percent of the target.
constexpr std::int64_t k_max_percent = 1000;

// Runs `body`, turning an Error from a parser in lib/sla or lib/model into
// one located at `at`.
template<typename Body>
auto located(const Value& at, Body body)
{
  try {
    return body();
  } catch (const Error& e) {
    throw error_at(at, e.what());
  }
}

// Throws unless a day's ranges are sorted and do not overlap.
void check_day_order(const Value& day, const std::vector<sla::BusinessHours>& ranges)
{
  for (std::size_t i = 1; i < ranges.size(); ++i) {
    if (ranges[i - 1].end > ranges[i].begin) {
      throw error_at(day, fmt::format("ranges '{}' and '{}' overlap or are out of order "
                                      "(accepted: sorted, non-overlapping ranges)",
                                      sla::format_business_hours(ranges[i - 1]),
                                      sla::format_business_hours(ranges[i])));
    }
  }
}

// One [calendars.NAME] table.
sla::Calendar read_calendar(const Value& entry)
{
  check_name(entry);
  if (entry.key == "24x7") {
    throw error_at(entry, "'24x7' is built in (always open, UTC); choose another name");
  }
  std::vector<std::string> keys{"timezone", "holidays"};
  for (std::size_t day = 0; day < 7; ++day) {
    keys.emplace_back(sla::weekday_name(day));
  }
  check_keys(expect(entry, Value::Type::table, "a table"), keys);
  const Value* zone = entry.find("timezone");
  if (zone == nullptr) {
    throw error_at(entry, "missing key 'timezone' (an IANA name such as \"Europe/Amsterdam\")");
  }
  const std::string zone_name = read_string(*zone);
  sla::Week week;
  for (std::size_t day = 0; day < 7; ++day) {
    if (const Value* hours = entry.find(sla::weekday_name(day))) {
      const std::string& text =
        expect(*hours, Value::Type::string, "business hours such as \"08:00-17:00\"").text;
      week[day] = located(*hours, [&text] { return sla::parse_day(text); });
      check_day_order(*hours, week[day]);
    }
  }
  std::vector<date::year_month_day> holidays;
  if (const Value* list = entry.find("holidays")) {
    for (const std::string& text : read_list(*list)) {
      holidays.push_back(located(*list, [&text] { return sla::parse_date(text); }));
    }
  }
  try {
    return sla::Calendar::make(entry.key, zone_name, std::move(week), std::move(holidays));
  } catch (const Error& e) {
    // make() names the calendar; the location already does.
    std::string message = e.what();
    const std::string prefix = fmt::format("calendar '{}': ", entry.key);
    if (message.starts_with(prefix)) {
      message.erase(0, prefix.size());
    }
    const bool zone_error = message.find("time zone") != std::string::npos;
    throw error_at(zone_error ? *zone : entry, message);
  }
}

// A table of priorities to business durations: { P1 = "1h", P2 = "4h" }.
std::map<int, std::chrono::seconds> read_targets(const Value& value)
{
  expect(value, Value::Type::table, "a table of priorities to durations such as { P1 = \"1h\" }");
  std::map<int, std::chrono::seconds> targets;
  for (const Value& member : value.children) {
    const std::string& key = member.key;
    const bool ok = key.size() == 2 && (key[0] == 'P' || key[0] == 'p') && key[1] >= '1'
                    && key[1] <= '0' + k_max_priority;
    if (!ok) {
      throw error_at(member, fmt::format("expected a priority P1..P{} as key, got '{}'",
                                         k_max_priority, key));
    }
    const std::string& text =
      expect(member, Value::Type::string, "a duration such as \"4h\"").text;
    std::chrono::seconds duration{};
    try {
      duration = util::parse_duration(text, member.path);
    } catch (const Error& e) {
      throw Error(ErrorKind::config, fmt::format("{}: {}", member.origin, e.what()));
    }
    if (duration <= std::chrono::seconds{0}) {
      throw error_at(member, fmt::format("expected a positive duration, got {}", describe(member)));
    }
    targets[key[1] - '0'] = duration;
  }
  return targets;
}

// One [sla.policies.NAME] table.
sla::Policy read_policy(const Value& entry)
{
  check_name(entry);
  check_keys(expect(entry, Value::Type::table, "a table"),
             {"calendar", "kinds", "services", "groups", "response", "resolution"});
  sla::Policy policy;
  policy.name = entry.key;
  if (const Value* calendar = entry.find("calendar")) {
    policy.calendar = read_string(*calendar);
  }
  if (const Value* kinds = entry.find("kinds")) {
    for (const std::string& text : read_list(*kinds)) {
      policy.kinds.push_back(located(*kinds, [&text] { return model::parse_kind(text); }));
    }
  }
  if (const Value* services = entry.find("services")) {
    policy.services = read_list(*services);
  }
  if (const Value* groups = entry.find("groups")) {
    policy.groups = read_list(*groups);
  }
  if (const Value* response = entry.find("response")) {
    policy.response = read_targets(*response);
  }
  if (const Value* resolution = entry.find("resolution")) {
    policy.resolution = read_targets(*resolution);
  }
  if (policy.response.empty() && policy.resolution.empty()) {
    throw error_at(entry, "no targets (set response and/or resolution, e.g. "
                          "resolution = { P1 = \"4h\" })");
  }
  return policy;
}

// "80%" -> 80.
std::int64_t read_percent(const Value& value)
{
  const std::string& text =
    expect(value, Value::Type::string, "a percentage of the target such as \"80%\"").text;
  std::int64_t percent = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, percent);
  if (ec != std::errc{} || ptr + 1 != end || *ptr != '%' || percent < 1
      || percent > k_max_percent) {
    throw error_at(value, fmt::format("expected a percentage from \"1%\" to \"{}%\" such as "
                                      "\"80%\", got {}",
                                      k_max_percent, describe(value)));
  }
  return percent;
}

// `value` as one of `choices` (a string), else an error listing them.
std::string read_choice(const Value& value, const std::vector<std::string>& choices)
{
  const std::string accepted = "\"" + util::join(choices, "\" or \"") + "\"";
  const std::string& text = expect(value, Value::Type::string, accepted).text;
  if (std::find(choices.begin(), choices.end(), text) == choices.end()) {
    throw error_at(value, fmt::format("expected {}, got {}", accepted, describe(value)));
  }
  return text;
}

// "P1".."P<lowest>" as accepted in a list of priorities.
std::vector<std::string> priority_names(int lowest)
{
  std::vector<std::string> names;
  for (int p = 1; p <= lowest; ++p) {
    names.push_back(model::format_priority(p));
  }
  return names;
}

// priorities = ["P1", "P2"], each within the priority matrix (read before
// [escalation]).
std::vector<int> read_rule_priorities(const Value& value, int lowest)
{
  const std::vector<std::string> accepted = priority_names(lowest);
  std::vector<int> priorities;
  for (const std::string& text : read_list(value)) {
    const bool syntax = text.size() == 2 && (text[0] == 'P' || text[0] == 'p') && text[1] >= '1'
                        && text[1] <= '0' + k_max_priority;
    if (!syntax) {
      throw error_at(value, fmt::format("unknown priority {} (accepted: {})",
                                        util::quote_with_suggestion(text, accepted),
                                        util::join(accepted, ", ")));
    }
    if (text[1] - '0' > lowest) {
      throw error_at(value, fmt::format("priority '{}' is outside the priority matrix "
                                        "(accepted: {})",
                                        text, util::join(accepted, ", ")));
    }
    priorities.push_back(text[1] - '0');
  }
  return priorities;
}

// kinds = ["incident", "request"].
std::vector<model::Kind> read_rule_kinds(const Value& value)
{
  std::vector<std::string> accepted;
  for (const model::Kind kind : model::k_kinds) {
    accepted.emplace_back(model::to_string(kind));
  }
  std::vector<model::Kind> kinds;
  for (const std::string& text : read_list(value)) {
    const auto it = std::find(accepted.begin(), accepted.end(), text);
    if (it == accepted.end()) {
      throw error_at(value, fmt::format("unknown kind {} (accepted: {})",
                                        util::quote_with_suggestion(text, accepted),
                                        util::join(accepted, ", ")));
    }
    kinds.push_back(model::k_kinds[static_cast<std::size_t>(it - accepted.begin())]);
  }
  return kinds;
}

// The lists that narrow a rule to some tickets. Groups and services are
// checked against their sections in validate.cpp.
void read_rule_scope(const Value& entry, EscalationRule& rule, int lowest)
{
  if (const Value* priorities = entry.find("priorities")) {
    rule.priorities = read_rule_priorities(*priorities, lowest);
  }
  if (const Value* kinds = entry.find("kinds")) {
    rule.kinds = read_rule_kinds(*kinds);
  }
  if (const Value* groups = entry.find("groups")) {
    rule.groups = read_list(*groups);
  }
  if (const Value* services = entry.find("services")) {
    rule.services = read_list(*services);
  }
}

// One [escalation.rules.NAME] table; `lowest` is the matrix's lowest priority.
EscalationRule read_rule(const Value& entry, int lowest)
{
  check_name(entry);
  check_keys(expect(entry, Value::Type::table, "a table"),
             {"at", "target", "action", "inform", "priorities", "kinds", "groups", "services"});
  EscalationRule rule;
  rule.name = entry.key;
  const Value* at = entry.find("at");
  if (at == nullptr) {
    throw error_at(entry, "missing key 'at' (the share of the target used, such as \"80%\")");
  }
  rule.percent = read_percent(*at);
  if (const Value* target = entry.find("target")) {
    rule.target = read_choice(*target, {"response", "resolution"}) == "response"
                    ? sla::Target::response
                    : sla::Target::resolution;
  }
  if (const Value* action = entry.find("action")) {
    const std::string choice = read_choice(*action, {"functional", "hierarchical", "notify"});
    rule.hierarchical = choice == "hierarchical";
    rule.notify = choice == "notify";
  }
  const Value* inform = entry.find("inform");
  if (inform != nullptr && !rule.hierarchical) {
    throw error_at(*inform, "only for action = \"hierarchical\" (functional escalation moves "
                            "the ticket to the group's escalates_to)");
  }
  if (rule.hierarchical) {
    if (inform == nullptr) {
      throw error_at(entry, "action = \"hierarchical\" needs inform = [\"NAME\", ...] (who is told)");
    }
    rule.inform = read_list(*inform, false);
  }
  read_rule_scope(entry, rule, lowest);
  return rule;
}

// Whether `value` or anything under it was written by a file layer.
bool from_file(const Value& value)
{
  if (value.type != Value::Type::table || value.children.empty()) {
    return !value.is_default();
  }
  return std::any_of(value.children.begin(), value.children.end(), from_file);
}

// Removes every default-origin value under `table`, and default-origin
// tables left empty.
void drop_defaults(Value& table)
{
  for (Value& child : table.children) {
    if (child.type == Value::Type::table) {
      drop_defaults(child);
    }
  }
  std::erase_if(table.children, [](const Value& child) {
    return child.is_default() && (child.type != Value::Type::table || child.children.empty());
  });
}

} // namespace

void read_calendars(const Value& section, Config& config)
{
  expect(section, Value::Type::table, "a table of [calendars.NAME] tables");
  for (const Value& entry : section.children) {
    config.sla.calendars.push_back(read_calendar(entry));
  }
}

void read_sla(const Value& section, Config& config)
{
  check_keys(expect(section, Value::Type::table, "a table"), {"pause_statuses", "policies"});
  if (const Value* pause = section.find("pause_statuses")) {
    config.sla.pause_statuses.clear();
    for (const std::string& text : read_list(*pause)) {
      const model::Status status = located(*pause, [&text] { return model::parse_status(text); });
      if (!model::is_open_status(status)) {
        // Accepted: the open statuses of the first type that has `status`.
        std::string open;
        for (const model::RecordType& type : model::record_types()) {
          if (open.empty() && type.has(status)) {
            for (const model::Status s : type.open) {
              open += (open.empty() ? "" : ", ") + std::string(model::to_string(s));
            }
          }
        }
        throw error_at(*pause, fmt::format("'{}' always stops the clock (accepted: {})",
                                           model::to_string(status), open));
      }
      config.sla.pause_statuses.push_back(status);
    }
  }
  if (const Value* policies = section.find("policies")) {
    expect(*policies, Value::Type::table, "a table of [sla.policies.NAME] tables");
    for (const Value& entry : policies->children) {
      config.sla.policies.push_back(read_policy(entry));
    }
  }
}

void read_escalation(const Value& section, Config& config)
{
  check_keys(expect(section, Value::Type::table, "a table"), {"rules"});
  if (const Value* rules = section.find("rules")) {
    expect(*rules, Value::Type::table, "a table of [escalation.rules.NAME] tables");
    for (const Value& entry : rules->children) {
      config.escalation_rules.push_back(read_rule(entry, config.matrix.lowest()));
    }
  }
  std::sort(config.escalation_rules.begin(), config.escalation_rules.end(),
            [](const EscalationRule& a, const EscalationRule& b) {
              return a.percent != b.percent ? a.percent < b.percent : a.name < b.name;
            });
}

std::optional<Value> without_default_policies(const Value& root)
{
  const Value* sla = root.find("sla");
  const Value* policies = sla != nullptr ? sla->find("policies") : nullptr;
  if (policies == nullptr || policies->type != Value::Type::table || !from_file(*policies)) {
    return std::nullopt;
  }
  Value copy = root;
  drop_defaults(*copy.find("sla")->find("policies"));
  return copy;
}

} // namespace sdesk::config::detail

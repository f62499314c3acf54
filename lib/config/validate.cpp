// Checks across sections of a read configuration: references to groups,
// escalation cycles, and the SLA policies' calendars, groups and priorities.

#include "lib/config/layer.hpp"
#include "lib/config/sections.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::config::detail {

namespace {

// The value at `section`.`name`.`key` in `root`, used to say where a
// reference was written; null when no layer wrote it.
const Value* locate(const Value& root, std::string_view section, std::string_view name,
                    std::string_view key)
{
  const Value* value = root.find(section);
  value = value != nullptr ? value->find(name) : nullptr;
  return value != nullptr && !key.empty() ? value->find(key) : value;
}

// Throws when `name`, written at `at`, is not a defined group.
void check_group(const Config& config, const std::string& name, const Value* at)
{
  if (config.find_group(name) != nullptr) {
    return;
  }
  const std::string where = at != nullptr ? fmt::format("{}: {}", at->origin, at->path) : "config";
  throw Error(ErrorKind::config, fmt::format("{}: unknown group '{}' (defined: {})", where, name,
                                             util::join(config.group_names(), ", ")));
}

// Throws if following escalates_to from some group comes back to a group
// already on the way; names the cycle starting at its first name.
void check_escalation_cycles(const Config& config, const Value& root)
{
  for (const Group& start : config.groups) {
    std::vector<std::string> chain;
    const Group* group = &start;
    while (group != nullptr && group->escalates_to) {
      const auto seen = std::find(chain.begin(), chain.end(), group->name);
      if (seen != chain.end()) {
        std::vector<std::string> cycle(seen, chain.end());
        std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
        cycle.push_back(cycle.front());
        const Value* at = locate(root, "groups", cycle.front(), "escalates_to");
        throw Error(ErrorKind::config,
                    fmt::format("{}: {}: escalation cycle {}", at->origin, at->path,
                                util::join(cycle, " -> ")));
      }
      chain.push_back(group->name);
      group = config.find_group(*group->escalates_to);
    }
  }
}

// The value at sla.policies.`name`.`key`, or the policy's table, or null.
const Value* locate_policy(const Value& root, std::string_view name, std::string_view key)
{
  const Value* sla = root.find("sla");
  const Value* value = sla != nullptr ? locate(*sla, "policies", name, "") : nullptr;
  const Value* member = value != nullptr ? value->find(key) : nullptr;
  return member != nullptr ? member : value;
}

std::string where(const Value* at)
{
  return at != nullptr ? fmt::format("{}: {}", at->origin, at->path) : "config";
}

// Throws for a target priority outside P1..P<lowest> in `targets` (a
// response or resolution table at `at`) that a file wrote.
void check_priorities(const std::map<int, std::chrono::seconds>& targets, int lowest,
                      const Value* at)
{
  for (const auto& [priority, duration] : targets) {
    if (priority > lowest) {
      const Value* member = at;
      for (std::size_t i = 0; at != nullptr && i < at->children.size(); ++i) {
        const std::string& key = at->children[i].key;
        if (key.size() == 2 && key[1] - '0' == priority) {
          member = &at->children[i];
        }
      }
      if (member != nullptr && member->is_default()) {
        continue; // the built-in policy covers P1..P4 whatever the matrix
      }
      throw Error(ErrorKind::config,
                  fmt::format("{}: priority P{} is outside the priority matrix (P1..P{})",
                              where(member), priority, lowest));
    }
  }
}

// The value at escalation.rules.`name`.`key`, or null.
const Value* locate_rule(const Value& root, std::string_view name, std::string_view key)
{
  const Value* rules = locate(root, "escalation", "rules", "");
  const Value* rule = rules != nullptr ? rules->find(name) : nullptr;
  return rule != nullptr ? rule->find(key) : nullptr;
}

// Throws when `name` (in a list at `at`) is not one of `accepted`, with a
// did-you-mean and what is accepted (`source` names where that list is).
void check_listed(const std::string& name, const std::vector<std::string>& accepted,
                  std::string_view noun, std::string_view source, const Value* at)
{
  if (std::find(accepted.begin(), accepted.end(), name) != accepted.end()) {
    return;
  }
  throw Error(ErrorKind::config,
              fmt::format("{}: unknown {} {} ({}: {})", where(at), noun,
                          util::quote_with_suggestion(name, accepted), source,
                          util::join(accepted, ", ")));
}

// The groups and services escalation rules are narrowed to are defined.
void validate_rules(const Config& config, const Value& root)
{
  for (const EscalationRule& rule : config.escalation_rules) {
    for (const std::string& group : rule.groups) {
      check_listed(group, config.group_names(), "group", "defined",
                   locate_rule(root, rule.name, "groups"));
    }
    if (config.services.empty()) {
      continue; // any service is accepted
    }
    for (const std::string& service : rule.services) {
      check_listed(service, config.services, "service", "desk.services",
                   locate_rule(root, rule.name, "services"));
    }
  }
}

} // namespace

void validate_sla(const Config& config, const Value& root)
{
  const int lowest = config.matrix.lowest();
  for (const sla::Policy& policy : config.sla.policies) {
    if (config.sla.find_calendar(policy.calendar) == nullptr) {
      std::vector<std::string> names;
      for (const sla::Calendar& calendar : config.sla.calendars) {
        names.push_back(calendar.name());
      }
      throw Error(ErrorKind::config,
                  fmt::format("{}: unknown calendar '{}' (defined: {})",
                              where(locate_policy(root, policy.name, "calendar")), policy.calendar,
                              util::join(names, ", ")));
    }
    for (const std::string& group : policy.groups) {
      check_group(config, group, locate_policy(root, policy.name, "groups"));
    }
    for (const std::string& service : policy.services) {
      if (!config.services.empty()
          && std::find(config.services.begin(), config.services.end(), service)
               == config.services.end()) {
        throw Error(ErrorKind::config,
                    fmt::format("{}: unknown service '{}' (desk.services: {})",
                                where(locate_policy(root, policy.name, "services")), service,
                                util::join(config.services, ", ")));
      }
    }
    check_priorities(policy.response, lowest, locate_policy(root, policy.name, "response"));
    check_priorities(policy.resolution, lowest, locate_policy(root, policy.name, "resolution"));
  }
}

void validate_references(const Config& config, const Value& root)
{
  for (const Group& group : config.groups) {
    if (group.escalates_to) {
      check_group(config, *group.escalates_to, locate(root, "groups", group.name, "escalates_to"));
    }
  }
  for (const Agent& agent : config.agents) {
    for (const std::string& name : agent.groups) {
      check_group(config, name, locate(root, "agents", agent.name, "groups"));
    }
  }
  check_group(config, config.default_group, locate(root, "desk", "default_group", ""));
  check_escalation_cycles(config, root);
  validate_sla(config, root);
  validate_rules(config, root);
}

} // namespace sdesk::config::detail

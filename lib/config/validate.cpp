// Checks across sections of a read configuration: references to groups and
// escalation cycles.

#include "lib/config/layer.hpp"
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

} // namespace

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
}

} // namespace sdesk::config::detail

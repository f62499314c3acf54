#include "lib/config/config.hpp"

#include <algorithm>

namespace sdesk::config {

int PriorityMatrix::lowest() const
{
  int lowest = 1;
  for (const auto& row : cells) {
    lowest = std::max(lowest, *std::max_element(row.begin(), row.end()));
  }
  return lowest;
}

namespace {

// Whether `list` is empty (no criterion) or holds `value`.
template<typename T, typename V>
bool matches(const std::vector<T>& list, const V& value)
{
  return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

} // namespace

bool EscalationRule::applies_to(int priority, model::Kind kind,
                                const std::optional<std::string>& group,
                                const std::optional<std::string>& service) const
{
  return matches(priorities, priority) && matches(kinds, kind)
         && (groups.empty() || (group && matches(groups, *group)))
         && (services.empty() || (service && matches(services, *service)));
}

const Group* Config::find_group(std::string_view name) const
{
  const auto it = std::find_if(groups.begin(), groups.end(),
                               [name](const Group& group) { return group.name == name; });
  return it != groups.end() ? &*it : nullptr;
}

const Agent* Config::find_agent(std::string_view name) const
{
  const auto it = std::find_if(agents.begin(), agents.end(),
                               [name](const Agent& agent) { return agent.name == name; });
  return it != agents.end() ? &*it : nullptr;
}

const EventSource* Config::find_event_source(std::string_view name) const
{
  const auto it = std::find_if(event_sources.begin(), event_sources.end(),
                               [name](const EventSource& source) { return source.name == name; });
  return it != event_sources.end() ? &*it : nullptr;
}

const ChangeTemplate* ChangeSettings::find_template(std::string_view name) const
{
  const auto it = std::find_if(templates.begin(), templates.end(),
                               [name](const ChangeTemplate& t) { return t.name == name; });
  return it != templates.end() ? &*it : nullptr;
}

std::vector<std::string> Config::group_names() const
{
  std::vector<std::string> names;
  for (const Group& group : groups) {
    names.push_back(group.name);
  }
  return names;
}

std::vector<std::string> Config::agent_names() const
{
  std::vector<std::string> names;
  for (const Agent& agent : agents) {
    names.push_back(agent.name);
  }
  return names;
}

} // namespace sdesk::config

#pragma once

#include "cmd/command.hpp"
#include "lib/store/query.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace sdesk::cmd {

// The ticket filters `list`, `export` and `report` share: --status, --open,
// --kind, --priority, --group, --assignee, --unassigned, --requester,
// --category, --service, --tag, --ref, --created-since/--until,
// --updated-since/--until. Repeatable options but --ref also take
// comma-separated values.
struct TicketFilter {
  std::vector<std::string> statuses;
  bool open = false;
  std::vector<std::string> kinds;
  std::vector<std::string> priorities;
  std::vector<std::string> groups;
  std::vector<std::string> assignees;
  bool unassigned = false;
  std::vector<std::string> requesters;
  std::vector<std::string> categories;
  std::vector<std::string> services;
  std::vector<std::string> refs; // not split at commas: a ref may contain one
  std::vector<std::string> tags;
  std::optional<std::string> created_since;
  std::optional<std::string> created_until;
  std::optional<std::string> updated_since;
  std::optional<std::string> updated_until;
};

// Adds the filter options to `sub`, bound to `filter` (in a lean parse, only
// those the command line names: Invocation::wants).
void add_filter_options(CLI::App* sub, TicketFilter& filter, const Invocation& invocation);

// Turns the options into a query (no sort, no limit). Throws Error(usage)
// for unknown statuses, kinds, priorities above `lowest_priority`, bad
// times, or a value that names nothing (`--group ""`).
store::TicketQuery build_query(const TicketFilter& filter, int lowest_priority);

// Splits repeatable, comma-separated option values into single values.
std::vector<std::string> flatten(const std::vector<std::string>& items);

} // namespace sdesk::cmd

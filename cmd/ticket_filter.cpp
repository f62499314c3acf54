#include "cmd/ticket_filter.hpp"

#include "cmd/complete.hpp"
#include "cmd/optional_option.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

std::optional<util::Time> time_option(const std::optional<std::string>& text, std::string_view what)
{
  return text ? std::optional{util::parse_time(*text, what)} : std::nullopt;
}

// flatten() for a filter: a value that names nothing (`--group ""`, as
// `--group "$QUEUE"` gives with QUEUE unset) is refused, since dropping it
// would widen the filter to every ticket.
std::vector<std::string> filter_values(const std::vector<std::string>& items, std::string_view option)
{
  for (const auto& item : items) {
    if (util::split_list(item).empty()) {
      throw Error(ErrorKind::usage,
                  fmt::format("{}: empty value (accepted: one or more values, comma-separated)", option));
    }
  }
  return flatten(items);
}

} // namespace

std::vector<std::string> flatten(const std::vector<std::string>& items)
{
  std::vector<std::string> values;
  for (const auto& item : items) {
    const auto pieces = util::split_list(item);
    values.insert(values.end(), pieces.begin(), pieces.end());
  }
  return values;
}

void add_filter_options(CLI::App* sub, TicketFilter& f, const Invocation& in)
{
  add_optional(sub, in, "--status", f.statuses,
               "new, assigned, in_progress, pending, resolved, closed; problems and changes: "
               "docs/record-types.md",
               "STATUS");
  add_optional_flag(sub, in, "--open", f.open, "Only tickets in a status their type counts as open");
  add_optional(sub, in, "--kind", f.kinds, "incident, request, change, problem", "KIND");
  add_optional(sub, in, "--priority", f.priorities, "P1, P2, ...", "P");
  add_optional(sub, in, "--group", f.groups, "Group (queue)", "GROUP");
  add_optional(sub, in, "--assignee", f.assignees, "Assigned agent", "AGENT");
  add_optional_flag(sub, in, "--unassigned", f.unassigned, "Only tickets nobody is assigned to");
  add_optional(sub, in, "--requester", f.requesters, "Requester", "NAME");
  offer(add_optional(sub, in, "--category", f.categories, "Category", "NAME"), Values::categories);
  offer(add_optional(sub, in, "--service", f.services, "Service", "NAME"), Values::services);
  add_optional(sub, in, "--tag", f.tags, "Has this tag (repeat: has all)", "TAG");
  add_optional(sub, in, "--ref", f.refs, "Has this reference in another system (repeat: any)", "REF");
  add_optional(sub, in, "--created-since", f.created_since, "Created at or after", "TIME");
  add_optional(sub, in, "--created-until", f.created_until, "Created before", "TIME");
  add_optional(sub, in, "--updated-since", f.updated_since, "Updated at or after", "TIME");
  add_optional(sub, in, "--updated-until", f.updated_until, "Updated before", "TIME");
}

store::TicketQuery build_query(const TicketFilter& f, int lowest_priority)
{
  store::TicketQuery q;
  for (const auto& s : filter_values(f.statuses, "--status")) {
    q.statuses.push_back(model::parse_status(s, "--status"));
  }
  q.open_only = f.open;
  for (const auto& k : filter_values(f.kinds, "--kind")) {
    q.kinds.push_back(model::parse_kind(k, "--kind"));
  }
  for (const auto& p : filter_values(f.priorities, "--priority")) {
    q.priorities.push_back(model::parse_priority(p, lowest_priority));
  }
  q.groups = filter_values(f.groups, "--group");
  q.assignees = filter_values(f.assignees, "--assignee");
  q.requesters = filter_values(f.requesters, "--requester");
  q.categories = filter_values(f.categories, "--category");
  q.services = filter_values(f.services, "--service");
  q.refs = f.refs;
  q.tags = model::normalise_tags(filter_values(f.tags, "--tag"));
  q.unassigned = f.unassigned;
  q.created_since = time_option(f.created_since, "--created-since");
  q.created_until = time_option(f.created_until, "--created-until");
  q.updated_since = time_option(f.updated_since, "--updated-since");
  q.updated_until = time_option(f.updated_until, "--updated-until");
  return q;
}

} // namespace sdesk::cmd

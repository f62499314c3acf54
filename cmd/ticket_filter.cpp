#include "cmd/ticket_filter.hpp"

#include "cmd/complete.hpp"

#include "lib/util/strings.hpp"

#include <CLI/CLI.hpp>

namespace sdesk::cmd {

namespace {

std::optional<util::Time> time_option(const std::optional<std::string>& text, std::string_view what)
{
  return text ? std::optional{util::parse_time(*text, what)} : std::nullopt;
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

void add_filter_options(CLI::App* sub, TicketFilter& f)
{
  sub->add_option("--status", f.statuses,
                  "new, assigned, in_progress, pending, resolved, closed; problems and changes: "
                  "docs/record-types.md")
    ->type_name("STATUS");
  sub->add_flag("--open", f.open, "Only tickets in a status their type counts as open");
  sub->add_option("--kind", f.kinds, "incident, request, change, problem")->type_name("KIND");
  sub->add_option("--priority", f.priorities, "P1, P2, ...")->type_name("P");
  sub->add_option("--group", f.groups, "Group (queue)")->type_name("GROUP");
  sub->add_option("--assignee", f.assignees, "Assigned agent")->type_name("AGENT");
  sub->add_flag("--unassigned", f.unassigned, "Only tickets nobody is assigned to");
  sub->add_option("--requester", f.requesters, "Requester")->type_name("NAME");
  offer(sub->add_option("--category", f.categories, "Category")->type_name("NAME"), Values::categories);
  offer(sub->add_option("--service", f.services, "Service")->type_name("NAME"), Values::services);
  sub->add_option("--tag", f.tags, "Has this tag (repeat: has all)")->type_name("TAG");
  sub->add_option("--ref", f.refs, "Has this reference in another system (repeat: any)")
    ->type_name("REF");
  sub->add_option("--created-since", f.created_since, "Created at or after")->type_name("TIME");
  sub->add_option("--created-until", f.created_until, "Created before")->type_name("TIME");
  sub->add_option("--updated-since", f.updated_since, "Updated at or after")->type_name("TIME");
  sub->add_option("--updated-until", f.updated_until, "Updated before")->type_name("TIME");
}

store::TicketQuery build_query(const TicketFilter& f, int lowest_priority)
{
  store::TicketQuery q;
  for (const auto& s : flatten(f.statuses)) {
    q.statuses.push_back(model::parse_status(s, "--status"));
  }
  q.open_only = f.open;
  for (const auto& k : flatten(f.kinds)) {
    q.kinds.push_back(model::parse_kind(k, "--kind"));
  }
  for (const auto& p : flatten(f.priorities)) {
    q.priorities.push_back(model::parse_priority(p, lowest_priority));
  }
  q.groups = flatten(f.groups);
  q.assignees = flatten(f.assignees);
  q.requesters = flatten(f.requesters);
  q.categories = flatten(f.categories);
  q.services = flatten(f.services);
  q.refs = f.refs;
  q.tags = model::normalise_tags(flatten(f.tags));
  q.unassigned = f.unassigned;
  q.created_since = time_option(f.created_since, "--created-since");
  q.created_until = time_option(f.created_until, "--created-until");
  q.updated_since = time_option(f.updated_since, "--updated-since");
  q.updated_until = time_option(f.updated_until, "--updated-until");
  return q;
}

} // namespace sdesk::cmd

#include "cmd/command.hpp"
#include "lib/model/ticket_json.hpp"
#include "lib/ops/read.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <CLI/CLI.hpp>

namespace sdesk::cmd {

namespace {

struct ListOptions {
  std::vector<std::string> statuses;
  bool open = false;
  std::vector<std::string> kinds;
  std::vector<std::string> priorities;
  std::vector<std::string> groups;
  std::vector<std::string> assignees;
  std::vector<std::string> requesters;
  std::vector<std::string> categories;
  std::vector<std::string> services;
  std::vector<std::string> tags;
  bool unassigned = false;
  std::optional<std::string> created_since;
  std::optional<std::string> created_until;
  std::optional<std::string> updated_since;
  std::optional<std::string> updated_until;
  std::optional<std::string> sort;
  std::optional<std::int64_t> limit;
  bool json = false;
  bool csv = false;
  bool quiet = false;
};

// Repeatable options also take comma-separated values: --status new,assigned.
std::vector<std::string> flatten(const std::vector<std::string>& items)
{
  std::vector<std::string> values;
  for (const auto& item : items) {
    const auto pieces = util::split_list(item);
    values.insert(values.end(), pieces.begin(), pieces.end());
  }
  return values;
}

std::optional<util::Time> time_option(const std::optional<std::string>& text, std::string_view what)
{
  return text ? std::optional{util::parse_time(*text, what)} : std::nullopt;
}

store::TicketQuery build_query(const ListOptions& o, int lowest_priority)
{
  store::TicketQuery q;
  for (const auto& s : flatten(o.statuses)) {
    q.statuses.push_back(model::parse_status(s, "--status"));
  }
  q.open_only = o.open;
  for (const auto& k : flatten(o.kinds)) {
    q.kinds.push_back(model::parse_kind(k, "--kind"));
  }
  for (const auto& p : flatten(o.priorities)) {
    q.priorities.push_back(model::parse_priority(p, lowest_priority));
  }
  q.groups = flatten(o.groups);
  q.assignees = flatten(o.assignees);
  q.requesters = flatten(o.requesters);
  q.categories = flatten(o.categories);
  q.services = flatten(o.services);
  q.tags = model::normalise_tags(flatten(o.tags));
  q.unassigned = o.unassigned;
  q.created_since = time_option(o.created_since, "--created-since");
  q.created_until = time_option(o.created_until, "--created-until");
  q.updated_since = time_option(o.updated_since, "--updated-since");
  q.updated_until = time_option(o.updated_until, "--updated-until");
  if (o.sort) {
    q.sort = store::parse_sort(*o.sort);
  }
  if (o.limit && *o.limit < 1) {
    throw Error(ErrorKind::usage, "--limit: must be at least 1");
  }
  q.limit = o.limit;
  return q;
}

int run_list(Env& env, const ListOptions& o)
{
  if (int{o.json} + int{o.csv} + int{o.quiet} > 1) {
    throw Error(ErrorKind::usage, "list: choose one of --json, --csv and -q");
  }
  const auto query = build_query(o, env.config().matrix.lowest());
  Output& out = env.out();
  if (o.json) {
    // Streamed: one ticket at a time, so memory does not grow with the store.
    bool first = true;
    out.write("[");
    ops::list_tickets(env.store(), query, [&](const model::Ticket& t) {
      util::JsonWriter json;
      model::write_json(json, t);
      out.write(first ? json.str() : "," + json.str());
      first = false;
    });
    out.write("]\n");
  } else if (o.csv) {
    out.write(ticket_csv_header());
    ops::list_tickets(env.store(), query,
                      [&](const model::Ticket& t) { out.write(ticket_csv_row(t)); });
  } else if (o.quiet) {
    ops::list_tickets(env.store(), query,
                      [&](const model::Ticket& t) { out.write(std::to_string(t.id) + "\n"); });
  } else {
    std::vector<model::Ticket> tickets;
    ops::list_tickets(env.store(), query, [&](const model::Ticket& t) { tickets.push_back(t); });
    if (!tickets.empty()) {
      out.write(render_ticket_table(tickets, out));
    }
  }
  return 0;
}

} // namespace

void register_list(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<ListOptions>();
  auto* sub = app.add_subcommand("list", "List tickets, filtered and sorted");
  sub->add_option("--status", o->statuses, "new, assigned, in_progress, pending, resolved, closed")
    ->type_name("STATUS");
  sub->add_flag("--open", o->open, "Only tickets not resolved or closed");
  sub->add_option("--kind", o->kinds, "incident, request, change, problem")->type_name("KIND");
  sub->add_option("--priority", o->priorities, "P1, P2, ...")->type_name("P");
  sub->add_option("--group", o->groups, "Group (queue)")->type_name("GROUP");
  sub->add_option("--assignee", o->assignees, "Assigned agent")->type_name("AGENT");
  sub->add_flag("--unassigned", o->unassigned, "Only tickets nobody is assigned to");
  sub->add_option("--requester", o->requesters, "Requester")->type_name("NAME");
  sub->add_option("--category", o->categories, "Category")->type_name("NAME");
  sub->add_option("--service", o->services, "Service")->type_name("NAME");
  sub->add_option("--tag", o->tags, "Has this tag (repeat: has all)")->type_name("TAG");
  sub->add_option("--created-since", o->created_since, "Created at or after")->type_name("TIME");
  sub->add_option("--created-until", o->created_until, "Created before")->type_name("TIME");
  sub->add_option("--updated-since", o->updated_since, "Updated at or after")->type_name("TIME");
  sub->add_option("--updated-until", o->updated_until, "Updated before")->type_name("TIME");
  sub->add_option("--sort", o->sort, "Fields, '-' for descending: -priority,created")
    ->type_name("FIELDS");
  sub->add_option("--limit", o->limit, "At most N tickets")->type_name("N");
  sub->add_flag("--json", o->json, "Print a JSON array of tickets");
  sub->add_flag("--csv", o->csv, "Print CSV with a header row");
  sub->add_flag("-q,--quiet", o->quiet, "Print only ticket ids");
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_list(env, *o); };
  });
}

} // namespace sdesk::cmd

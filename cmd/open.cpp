#include "cmd/change_fields.hpp"
#include "cmd/command.hpp"
#include "cmd/result.hpp"
#include "cmd/ticket_filter.hpp"
#include "lib/ops/open_ticket.hpp"

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct OpenOptions {
  std::string title;
  std::optional<std::string> description;
  std::string kind = "incident";
  std::string impact = "medium";
  std::string urgency = "medium";
  std::optional<std::string> priority;
  std::optional<std::string> category;
  std::optional<std::string> service;
  std::optional<std::string> group;
  std::optional<std::string> requester;
  std::optional<std::string> assignee;
  std::vector<std::string> tags;
  std::optional<std::string> ref;
  ChangeFieldOptions change;
  ResultFlags result;
};

int run_open(Env& env, const OpenOptions& o)
{
  ops::OpenRequest request;
  request.title = o.title;
  bool stdin_used = false;
  if (o.description) {
    stdin_used = *o.description == "-";
    request.description = stdin_used ? read_stdin() : *o.description;
  }
  fill_change_fields(o.change, request, stdin_used);
  request.kind = model::parse_kind(o.kind, "--kind");
  request.impact = model::parse_level(o.impact, "--impact");
  request.urgency = model::parse_level(o.urgency, "--urgency");
  request.priority = o.priority;
  request.category = o.category;
  request.service = o.service;
  request.group = o.group;
  request.requester = o.requester;
  request.assignee = o.assignee;
  request.tags = flatten(o.tags);
  request.ref = o.ref;
  auto ctx = env.context();
  const auto [ticket, existed] = ops::open_or_find(ctx, request);
  if (o.result.json) {
    env.out().write(ticket_json(ticket, "existed", existed));
  } else if (o.result.quiet) {
    env.out().write(std::to_string(ticket.id) + "\n");
  } else {
    const auto summary = fmt::format("{}, {}, group {}", model::to_string(ticket.kind),
                                     model::format_priority(ticket.priority),
                                     safe_or_dash(ticket.group));
    env.out().write(existed ? fmt::format("ticket {} already exists for ref '{}' ({}, status {})\n",
                                          ticket.id, safe(*ticket.ref), summary,
                                          model::to_string(ticket.status))
                            : fmt::format("opened ticket {} ({})\n", ticket.id, summary));
  }
  return 0;
}

} // namespace

void register_open(CLI::App& app, Invocation& invocation)
{
  auto o = make_options<OpenOptions>();
  auto* sub = app.add_subcommand("open", "Record a new incident, request, change or problem");
  sub->add_option("title", o->title, "One-line summary")->required();
  sub->add_option("-d,--description", o->description, "Details; '-' reads standard input")
    ->type_name("TEXT");
  sub->add_option("-k,--kind", o->kind, "incident, request, change or problem")->type_name("KIND");
  sub->add_option("-i,--impact", o->impact, "high, medium or low")->type_name("LEVEL");
  sub->add_option("-u,--urgency", o->urgency, "high, medium or low")->type_name("LEVEL");
  sub->add_option("-p,--priority", o->priority, "P1.. (default: from the priority matrix)")
    ->type_name("P");
  sub->add_option("-c,--category", o->category, "Category")->type_name("NAME");
  sub->add_option("-s,--service", o->service, "Affected service")->type_name("NAME");
  sub->add_option("-g,--group", o->group, "Group (queue); default: desk.default_group")
    ->type_name("GROUP");
  sub->add_option("-r,--requester", o->requester, "Who asked (default: the acting user)")
    ->type_name("NAME");
  sub->add_option("-a,--assignee", o->assignee, "Assign to this agent at once")->type_name("AGENT");
  sub->add_option("-t,--tag", o->tags, "Tag (repeatable, or comma-separated)")->type_name("TAG");
  sub->add_option("--ref", o->ref, "Reference in another system; if a ticket has it, print that one")
    ->type_name("REF");
  add_change_field_options(sub, o->change, true);
  add_result_flags(sub, o->result);
  sub->callback([o, &invocation] {
    invocation.needs = Needs::store;
    invocation.run = [o](Env& env) { return run_open(env, *o); };
  });
}

} // namespace sdesk::cmd

#include "cmd/change_fields.hpp"
#include "cmd/command.hpp"
#include "cmd/complete.hpp"
#include "cmd/known_errors.hpp"
#include "cmd/result.hpp"
#include "cmd/ticket_filter.hpp"
#include "lib/ops/problem.hpp"
#include "lib/ops/update.hpp"

namespace sdesk::cmd {

namespace {

struct UpdateOptions {
  std::string id;
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::string> kind;
  std::optional<std::string> impact;
  std::optional<std::string> urgency;
  std::optional<std::string> priority;
  std::optional<std::string> category;
  std::optional<std::string> service;
  std::optional<std::string> requester;
  std::vector<std::string> add_tags;
  std::vector<std::string> remove_tags;
  std::optional<std::string> restricted;
  ChangeFieldOptions change;
  ResultFlags result;
};

int run_update(Env& env, const UpdateOptions& o)
{
  ops::UpdateRequest r;
  r.title = o.title;
  bool stdin_used = false;
  if (o.description) {
    stdin_used = *o.description == "-";
    r.description = stdin_used ? read_stdin() : *o.description;
  }
  fill_change_fields(o.change, r.change, stdin_used);
  if (o.kind) {
    r.kind = model::parse_kind(*o.kind, "--kind");
  }
  if (o.impact) {
    r.impact = model::parse_level(*o.impact, "--impact");
  }
  if (o.urgency) {
    r.urgency = model::parse_level(*o.urgency, "--urgency");
  }
  r.priority = o.priority;
  r.category = o.category;
  r.service = o.service;
  r.requester = o.requester;
  r.add_tags = flatten(o.add_tags);
  r.remove_tags = flatten(o.remove_tags);
  if (o.restricted) { // "none" lifts the restriction
    r.restricted.emplace(*o.restricted == "none" ? std::nullopt : std::optional{*o.restricted});
  }
  auto ctx = env.context();
  std::vector<store::KnownError> found;
  const model::Ticket ticket = ops::update(ctx, parse_ticket_id(o.id), r, &found);
  // A new service or category: the open known errors it matches (issue 9).
  if ((o.category || o.service) && ops::known_errors_apply(ticket)) {
    if (o.result.json) {
      env.out().write(with_known_errors(ticket_json(ticket), found));
    } else {
      print_result(env.out(), ticket, o.result);
    }
    note_known_errors(ticket, found);
    return 0;
  }
  return print_result(env.out(), ticket, o.result);
}

} // namespace

void register_update(CLI::App& app, Invocation& invocation)
{
  auto o = make_options<UpdateOptions>();
  auto* sub = app.add_subcommand("update", "Edit a ticket's fields (recorded in its history)");
  sub->add_option("id", o->id, "Ticket id")->required();
  sub->add_option("--title", o->title, "New one-line summary")->type_name("TEXT");
  sub->add_option("-d,--description", o->description, "New details; '-' reads standard input")
    ->type_name("TEXT");
  sub->add_option("-k,--kind", o->kind, "incident, request, change or problem")->type_name("KIND");
  sub->add_option("-i,--impact", o->impact, "high, medium or low (re-derives the priority)")
    ->type_name("LEVEL");
  sub->add_option("-u,--urgency", o->urgency, "high, medium or low (re-derives the priority)")
    ->type_name("LEVEL");
  sub->add_option("-p,--priority", o->priority, "P1.. (overrides the matrix)")->type_name("P");
  offer(sub->add_option("-c,--category", o->category, "Category")->type_name("NAME"), Values::categories);
  offer(sub->add_option("-s,--service", o->service, "Affected service")->type_name("NAME"), Values::services);
  sub->add_option("-r,--requester", o->requester, "Who asked")->type_name("NAME");
  sub->add_option("--add-tag", o->add_tags, "Add a tag (repeatable, or comma-separated)")
    ->type_name("TAG");
  sub->add_option("--remove-tag", o->remove_tags, "Remove a tag (repeatable, or comma-separated)")
    ->type_name("TAG");
  sub->add_option("--restricted", o->restricted,
                  "Restrict to this group (on PostgreSQL only its members see the ticket); 'none' lifts it")
    ->type_name("GROUP");
  add_change_field_options(sub, o->change, true, invocation);
  add_result_flags(sub, o->result);
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_update(env, *o); };
  });
}

} // namespace sdesk::cmd

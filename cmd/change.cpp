#include "cmd/change_fields.hpp"
#include "cmd/command.hpp"
#include "cmd/result.hpp"
#include "lib/ops/change_flow.hpp"
#include "lib/ops/workflow.hpp"

#include <fmt/format.h>

namespace sdesk::cmd {

// `sdesk change calendar` (change_calendar.cpp).
void add_change_calendar(CLI::App* change, Invocation& invocation);

namespace {

struct ChangeOptions {
  std::string id;
  std::string template_name;
  std::optional<std::string> title;
  std::optional<std::string> risk;
  std::optional<std::string> comment;
  std::string reason;
  std::optional<std::string> override_reason;
  std::string start;
  std::string end;
  bool override = false;
  bool announce = false;
  std::string outcome;
  std::optional<std::string> note;
  std::optional<std::string> requester;
  std::optional<std::string> assignee;
  std::optional<std::string> ref;
  ChangeFieldOptions fields;
  ResultFlags result;
};

// `sdesk change open --template NAME`.
int run_change_open(Env& env, const ChangeOptions& o)
{
  ops::OpenRequest request;
  request.title = o.title.value_or("");
  request.requester = o.requester;
  request.assignee = o.assignee;
  request.ref = o.ref;
  bool stdin_used = false;
  fill_change_fields(o.fields, request.change, stdin_used);
  auto ctx = env.context();
  const ops::Opened opened = ops::open_from_template(ctx, o.template_name, request);
  const model::Ticket& ticket = opened.ticket;
  const bool existed = opened.existed;
  if (o.result.json) {
    env.out().write(ticket_json(ticket, "existed", existed));
  } else if (o.result.quiet) {
    env.out().write(std::to_string(ticket.id) + "\n");
  } else {
    env.out().write(existed ? fmt::format("ticket {} already exists for ref '{}' (status {})\n", ticket.id,
                                          safe(*ticket.ref), model::to_string(ticket.status))
                            : fmt::format("opened standard change {} from template {} (status {})\n",
                                          ticket.id, safe(o.template_name), model::to_string(ticket.status)));
  }
  return 0;
}

int run_change_approve(Env& env, const ChangeOptions& o)
{
  auto ctx = env.context();
  const ops::Approval approval = ops::approve_change(ctx, parse_ticket_id(o.id), o.comment);
  if (o.result.json || o.result.quiet) {
    return print_result(env.out(), approval.ticket, o.result);
  }
  env.out().write(fmt::format("change {}: approved by {} ({} of {}), status {}\n", approval.ticket.id,
                              safe(env.actor()), approval.approvals, approval.needed,
                              model::to_string(approval.ticket.status)));
  return 0;
}

int run_change_schedule(Env& env, const ChangeOptions& o)
{
  ops::ScheduleRequest request;
  request.start = util::parse_time(o.start, "--start");
  request.end = util::parse_time(o.end, "--end");
  request.override = o.override;
  request.reason = o.override_reason;
  request.announce = o.announce;
  auto ctx = env.context();
  return print_result(env.out(), ops::schedule_change(ctx, parse_ticket_id(o.id), request), o.result);
}

// Adds the ticket id argument and --json/-q to `sub`.
CLI::App* change_verb(CLI::App* parent, std::string_view name, std::string_view help, ChangeOptions& o)
{
  auto* sub = parent->add_subcommand(std::string(name), std::string(help));
  sub->add_option("id", o.id, "Change id")->required();
  add_result_flags(sub, o.result);
  return sub;
}

} // namespace

void register_change(CLI::App& app, Invocation& invocation)
{
  auto o = make_options<ChangeOptions>();
  auto* change = app.add_subcommand("change", "Change workflow: open, assess, approve, reject, schedule, "
                                              "start, review, calendar");
  change->require_subcommand(1);
  const auto run = [&invocation, o](int (*body)(Env&, const ChangeOptions&)) {
    return [&invocation, o, body] {
      invocation.needs = Needs::store;
      invocation.run = [o, body](Env& env) { return body(env, *o); };
    };
  };

  auto* open = change->add_subcommand("open", "Open a standard change from a template");
  open->add_option("--template", o->template_name, "[change.templates.NAME] to open")
    ->type_name("NAME")
    ->required();
  open->add_option("title", o->title, "Title (default: the template's)");
  open->add_option("-r,--requester", o->requester, "Who asked (default: the acting user)")->type_name("NAME");
  open->add_option("-a,--assignee", o->assignee, "Assign to this agent at once")->type_name("AGENT");
  open->add_option("--ref", o->ref, "Reference in another system")->type_name("REF");
  add_change_field_options(open, o->fields, false, invocation);
  add_result_flags(open, o->result);
  open->callback(run(run_change_open));

  auto* assess = change_verb(change, "assess", "requested -> assessed", *o);
  assess->add_option("--risk", o->risk, "low, medium or high")->type_name("RISK");
  assess->callback(run([](Env& env, const ChangeOptions& opt) {
    auto ctx = env.context();
    return print_result(env.out(), ops::assess_change(ctx, parse_ticket_id(opt.id), opt.risk), opt.result);
  }));

  auto* approve = change_verb(change, "approve", "Approve as a member of the change's board", *o);
  approve->add_option("--comment", o->comment, "A comment recorded with the approval")->type_name("TEXT");
  approve->callback(run(run_change_approve));

  auto* reject = change_verb(change, "reject", "Reject as a member of the change's board (final)", *o);
  reject->add_option("--reason", o->reason, "Why (recorded in the history)")->type_name("TEXT")->required();
  reject->callback(run([](Env& env, const ChangeOptions& opt) {
    auto ctx = env.context();
    return print_result(env.out(), ops::reject_change(ctx, parse_ticket_id(opt.id), opt.reason), opt.result);
  }));

  auto* cancel = change_verb(change, "cancel", "Withdraw a change before it is implemented (final)", *o);
  cancel->add_option("--reason", o->reason, "Why (recorded in the history)")->type_name("TEXT")->required();
  cancel->callback(run([](Env& env, const ChangeOptions& opt) {
    auto ctx = env.context();
    return print_result(env.out(), ops::cancel_change(ctx, parse_ticket_id(opt.id), opt.reason), opt.result);
  }));

  auto* schedule = change_verb(change, "schedule", "Set the window of an approved change", *o);
  schedule->add_option("--start", o->start, "Window start (ISO 8601)")->type_name("TIME")->required();
  schedule->add_option("--end", o->end, "Window end (ISO 8601, exclusive)")->type_name("TIME")->required();
  schedule->add_flag("--override", o->override, "Schedule despite a freeze or another change");
  schedule->add_option("--reason", o->override_reason, "Why the override (needs --override)")
    ->type_name("TEXT");
  schedule->add_flag("--announce", o->announce, "Mail the window to the subscribers of the change's service");
  schedule->callback(run(run_change_schedule));

  auto* start = change_verb(change, "start", "scheduled -> implementing", *o);
  start->callback(run([](Env& env, const ChangeOptions& opt) {
    auto ctx = env.context();
    return print_result(env.out(), ops::start_change(ctx, parse_ticket_id(opt.id)), opt.result);
  }));

  auto* review = change_verb(change, "review", "implementing -> review, with the outcome", *o);
  review->add_option("--outcome", o->outcome, "successful, failed or backed_out")
    ->type_name("OUTCOME")
    ->required();
  review->add_option("--note", o->note, "Review note")->type_name("TEXT");
  review->callback(run([](Env& env, const ChangeOptions& opt) {
    auto ctx = env.context();
    return print_result(env.out(), ops::review_change(ctx, parse_ticket_id(opt.id), opt.outcome, opt.note),
                        opt.result);
  }));

  add_change_calendar(change, invocation);
}

} // namespace sdesk::cmd

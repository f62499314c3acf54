#include "cmd/command.hpp"
#include "cmd/result.hpp"
#include "cmd/ticket_filter.hpp"
#include "lib/ops/auto_escalate.hpp"
#include "lib/ops/routing.hpp"
#include "lib/util/error.hpp"
#include "lib/util/json_writer.hpp"
#include "lib/util/strings.hpp"

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct EscalateOptions {
  std::string id;
  std::optional<std::string> to;
  std::optional<std::string> reason;
  bool hierarchical = false;
  std::vector<std::string> inform;
  bool automatic = false; // --auto
  bool dry_run = false;
  ResultFlags result;
};

// "ticket 12: rule warn (82% of resolution target): escalated to second-line".
std::string describe_auto_action(const ops::AutoAction& a, bool dry_run)
{
  std::string what;
  if (a.skipped) {
    what = "skipped: " + *a.skipped;
  } else if (a.recorded) {
    what = fmt::format("{} {}", dry_run ? "would record" : "recorded", model::to_string(*a.recorded));
  } else if (a.hierarchical) {
    what = fmt::format("{} {}", dry_run ? "would inform" : "informed", util::join(a.inform, ", "));
  } else {
    what = fmt::format("{} to {}", dry_run ? "would escalate" : "escalated", a.to.value_or("-"));
  }
  return fmt::format("ticket {}: rule {} ({}% of {} target): {}\n", a.ticket, a.rule, a.percent,
                     sla::to_string(a.target), safe(what));
}

std::string auto_actions_json(const std::vector<ops::AutoAction>& actions, bool dry_run)
{
  util::JsonWriter json;
  json.begin_array();
  for (const ops::AutoAction& a : actions) {
    json.begin_object();
    json.key("ticket").value(std::int64_t{a.ticket});
    json.key("rule").value(a.rule);
    json.key("target").value(sla::to_string(a.target));
    json.key("percent").value(a.percent);
    json.key("action").value(a.recorded ? "notify" : a.hierarchical ? "hierarchical" : "functional");
    json.key("to").value(a.to);
    json.key("inform").value(a.inform);
    json.key("skipped").value(a.skipped);
    json.key("dry_run").value(dry_run);
    json.end_object();
  }
  json.end_array();
  return json.str() + "\n";
}

int run_escalate_auto(Env& env, const EscalateOptions& o)
{
  if (!o.id.empty() || o.to || o.reason || o.hierarchical || !o.inform.empty() || o.result.quiet) {
    throw Error(ErrorKind::usage, "escalate --auto: takes no ID, --to, --reason, --hierarchical, "
                                  "--inform or -q (the rules in [escalation.rules] decide)");
  }
  auto ctx = env.context();
  const auto actions = ops::auto_escalate(ctx, o.dry_run);
  if (o.result.json) {
    env.out().write(auto_actions_json(actions, o.dry_run));
    return 0;
  }
  for (const ops::AutoAction& action : actions) {
    env.out().write(describe_auto_action(action, o.dry_run));
  }
  return 0;
}

int run_escalate(Env& env, const EscalateOptions& o)
{
  if (o.automatic) {
    return run_escalate_auto(env, o);
  }
  if (o.id.empty()) {
    throw Error(ErrorKind::usage, "escalate: name a ticket ID, or use --auto");
  }
  if (o.dry_run) {
    throw Error(ErrorKind::usage, "escalate: --dry-run is for --auto");
  }
  ops::EscalateRequest request;
  request.to = o.to;
  request.reason = o.reason;
  request.hierarchical = o.hierarchical;
  request.informed = flatten(o.inform);
  auto ctx = env.context();
  return print_result(env.out(), ops::escalate(ctx, parse_ticket_id(o.id), request), o.result);
}

} // namespace

void register_escalate(CLI::App& app, Invocation& invocation)
{
  auto o = make_options<EscalateOptions>();
  auto* sub = app.add_subcommand(
    "escalate", "Escalate a ticket: to the next tier's group, or to management (--hierarchical)");
  sub->add_option("id", o->id, "Ticket id (not with --auto)");
  sub->add_option("--to", o->to, "Group to escalate to, of the ticket's tier or above (default: the group's escalates_to)")
    ->type_name("GROUP");
  sub->add_option("--reason", o->reason, "Why")->type_name("TEXT");
  sub->add_flag("--hierarchical", o->hierarchical,
                "Management escalation: record who was informed; the group stays");
  sub->add_option("--inform", o->inform, "Who was informed (repeatable, or comma-separated)")
    ->type_name("NAME");
  sub->add_flag("--auto", o->automatic,
                "Apply the configured escalation rules to every open ticket (for cron)");
  sub->add_flag("--dry-run", o->dry_run, "With --auto: print what would be done, change nothing");
  add_result_flags(sub, o->result);
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_escalate(env, *o); };
  });
}

} // namespace sdesk::cmd

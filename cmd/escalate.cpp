#include "cmd/command.hpp"
#include "cmd/result.hpp"
#include "lib/ops/routing.hpp"
#include "lib/util/strings.hpp"

namespace sdesk::cmd {

namespace {

struct EscalateOptions {
  std::string id;
  std::optional<std::string> to;
  std::optional<std::string> reason;
  bool hierarchical = false;
  std::vector<std::string> inform;
  ResultFlags result;
};

int run_escalate(Env& env, const EscalateOptions& o)
{
  ops::EscalateRequest request;
  request.to = o.to;
  request.reason = o.reason;
  request.hierarchical = o.hierarchical;
  for (const auto& item : o.inform) {
    const auto names = util::split_list(item);
    request.informed.insert(request.informed.end(), names.begin(), names.end());
  }
  auto ctx = env.context();
  return print_result(env.out(), ops::escalate(ctx, parse_ticket_id(o.id), request), o.result);
}

} // namespace

void register_escalate(CLI::App& app, Invocation& invocation)
{
  auto o = make_options<EscalateOptions>();
  auto* sub = app.add_subcommand(
    "escalate", "Escalate a ticket: to the next tier's group, or to management (--hierarchical)");
  sub->add_option("id", o->id, "Ticket id")->required();
  sub->add_option("--to", o->to, "Group to escalate to (default: the group's escalates_to)")
    ->type_name("GROUP");
  sub->add_option("--reason", o->reason, "Why")->type_name("TEXT");
  sub->add_flag("--hierarchical", o->hierarchical,
                "Management escalation: record who was informed; the group stays");
  sub->add_option("--inform", o->inform, "Who was informed (repeatable, or comma-separated)")
    ->type_name("NAME");
  add_result_flags(sub, o->result);
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_escalate(env, *o); };
  });
}

} // namespace sdesk::cmd

#include "cmd/command.hpp"
#include "cmd/result.hpp"
#include "lib/ops/workflow.hpp"

namespace sdesk::cmd {

namespace {

struct PendingOptions {
  std::string id;
  std::string reason;
  ResultFlags result;
};

} // namespace

void register_pending(CLI::App& app, Invocation& invocation)
{
  auto o = make_options<PendingOptions>();
  auto* sub = app.add_subcommand(
    "pending", "Wait on the user or a vendor (status pending; pauses SLA clocks)");
  sub->add_option("id", o->id, "Ticket id")->required();
  sub->add_option("--reason", o->reason, "What the ticket waits for")->required()->type_name("TEXT");
  add_result_flags(sub, o->result);
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) {
      auto ctx = env.context();
      return print_result(env.out(), ops::set_pending(ctx, parse_ticket_id(o->id), o->reason),
                          o->result);
    };
  });
}

} // namespace sdesk::cmd

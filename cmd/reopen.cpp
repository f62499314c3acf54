#include "cmd/command.hpp"
#include "cmd/result.hpp"
#include "lib/ops/workflow.hpp"

namespace sdesk::cmd {

namespace {

struct ReopenOptions {
  std::string id;
  std::string reason;
  ResultFlags result;
};

} // namespace

void register_reopen(CLI::App& app, Invocation& invocation)
{
  auto o = make_options<ReopenOptions>();
  auto* sub = app.add_subcommand("reopen", "Reopen a resolved ticket whose resolution was rejected");
  sub->add_option("id", o->id, "Ticket id")->required();
  sub->add_option("--reason", o->reason, "Why the resolution was rejected")
    ->required()
    ->type_name("TEXT");
  add_result_flags(sub, o->result);
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) {
      auto ctx = env.context();
      return print_result(env.out(), ops::reopen(ctx, parse_ticket_id(o->id), o->reason), o->result);
    };
  });
}

} // namespace sdesk::cmd

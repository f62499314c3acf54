#include "cmd/command.hpp"
#include "cmd/result.hpp"
#include "lib/ops/workflow.hpp"

namespace sdesk::cmd {

namespace {

struct CloseOptions {
  std::string id;
  ResultFlags result;
};

} // namespace

void register_close(CLI::App& app, Invocation& invocation)
{
  auto o = make_options<CloseOptions>();
  auto* sub = app.add_subcommand("close", "Close a resolved ticket (final)");
  sub->add_option("id", o->id, "Ticket id")->required();
  add_result_flags(sub, o->result);
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) {
      auto ctx = env.context();
      return print_result(env.out(), ops::close(ctx, parse_ticket_id(o->id)), o->result);
    };
  });
}

} // namespace sdesk::cmd

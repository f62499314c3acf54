#include "cmd/command.hpp"
#include "cmd/result.hpp"
#include "lib/ops/workflow.hpp"

namespace sdesk::cmd {

namespace {

struct StartOptions {
  std::string id;
  ResultFlags result;
};

} // namespace

void register_start(CLI::App& app, Invocation& invocation)
{
  auto o = make_options<StartOptions>();
  auto* sub = app.add_subcommand(
    "start", "Start work (status in_progress); also resumes a pending ticket");
  sub->add_option("id", o->id, "Ticket id")->required();
  add_result_flags(sub, o->result);
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) {
      auto ctx = env.context();
      return print_result(env.out(), ops::start(ctx, parse_ticket_id(o->id)), o->result);
    };
  });
}

} // namespace sdesk::cmd

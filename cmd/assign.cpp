#include "cmd/command.hpp"
#include "cmd/complete.hpp"
#include "cmd/result.hpp"
#include "lib/ops/routing.hpp"
#include "lib/util/error.hpp"

namespace sdesk::cmd {

namespace {

struct AssignOptions {
  std::string id;
  std::optional<std::string> agent;
  std::optional<std::string> group;
  bool me = false;
  ResultFlags result;
};

int run_assign(Env& env, const AssignOptions& o)
{
  if (o.me && o.agent) {
    throw Error(ErrorKind::usage, "assign: name an agent or use --me, not both");
  }
  ops::AssignRequest request{o.me ? std::optional{env.actor()} : o.agent, o.group};
  auto ctx = env.context();
  return print_result(env.out(), ops::assign(ctx, parse_ticket_id(o.id), request), o.result);
}

} // namespace

void register_assign(CLI::App& app, Invocation& invocation)
{
  auto o = make_options<AssignOptions>();
  auto* sub = app.add_subcommand("assign", "Give a ticket to an agent and/or a group");
  sub->add_option("id", o->id, "Ticket id")->required();
  offer(sub->add_option("agent", o->agent, "Agent to assign"), Values::agents);
  sub->add_option("-g,--group", o->group, "Group (queue) to route the ticket to")->type_name("GROUP");
  sub->add_flag("--me", o->me, "Assign to the acting user");
  add_result_flags(sub, o->result);
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_assign(env, *o); };
  });
}

} // namespace sdesk::cmd

#include "cmd/command.hpp"
#include "cmd/history.hpp"
#include "lib/ops/read.hpp"

#include <CLI/CLI.hpp>

namespace sdesk::cmd {

namespace {

struct LogOptions {
  std::string id;
  bool json = false;
};

int run_log(Env& env, const LogOptions& o)
{
  const auto record = ops::read_ticket(env.store(), parse_ticket_id(o.id));
  env.out().write(o.json ? history_json(record.events) : render_history(record.events));
  return 0;
}

} // namespace

void register_log(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<LogOptions>();
  auto* sub = app.add_subcommand("log", "Print a ticket's audit trail: who changed what, when");
  sub->add_option("id", o->id, "Ticket id")->required();
  sub->add_flag("--json", o->json, "Print the events as a JSON array");
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_log(env, *o); };
  });
}

} // namespace sdesk::cmd

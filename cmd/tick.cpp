#include "cmd/command.hpp"
#include "lib/ops/tick.hpp"
#include "lib/util/json_writer.hpp"

#include <CLI/CLI.hpp>

namespace sdesk::cmd {

namespace {

// Who tick acts as unless --as or SDESK_USER says.
constexpr std::string_view k_tick_actor = "sdesk-tick";

struct TickOptions {
  bool json = false;
};

// {"at": ..., "total": N, "steps": {"escalate": {"count": N, "details": [...]}, ...}}
std::string tick_json(const ops::TickResult& result, util::Time at)
{
  util::JsonWriter json;
  json.begin_object();
  json.key("at").value(util::format_time_utc(at));
  json.key("total").value(result.total());
  json.key("steps").begin_object();
  for (const ops::TickStepResult& step : result.steps) {
    json.key(step.name).begin_object();
    json.key("count").value(step.count);
    json.key("details").value(step.details);
    json.end_object();
  }
  json.end_object();
  json.end_object();
  return json.str() + "\n";
}

int run_tick(Env& env, const TickOptions& o)
{
  auto ctx = env.context();
  if (!env.actor_named()) {
    ctx.actor = std::string(k_tick_actor);
  }
  const ops::TickResult result = ops::tick(ctx);
  if (o.json) {
    env.out().write(tick_json(result, ctx.now));
    return 0;
  }
  for (const ops::TickStepResult& step : result.steps) {
    for (const std::string& line : step.details) {
      env.out().write(safe(line) + "\n");
    }
    if (step.count > 0 && step.details.empty()) {
      env.out().write(fmt::format("{}: {}\n", step.name, step.count));
    }
  }
  return 0;
}

} // namespace

void register_tick(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<TickOptions>();
  auto* sub = app.add_subcommand(
    "tick", "Do all periodic work: escalation rules, due recurring tickets (for cron or a timer)");
  sub->add_flag("--json", o->json, "Print a JSON summary of what each step did");
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_tick(env, *o); };
  });
}

} // namespace sdesk::cmd

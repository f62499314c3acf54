#include "cmd/command.hpp"
#include "cmd/exit_code.hpp"
#include "lib/model/alert.hpp"
#include "lib/ops/event.hpp"
#include "lib/util/error.hpp"
#include "lib/util/json_writer.hpp"
#include "lib/util/strings.hpp"

#include <CLI/CLI.hpp>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct RawOptions {
  std::string source;
  std::string key;
  std::string action;
  std::optional<std::string> severity;
  std::optional<std::string> summary;
  std::vector<std::string> labels;
  bool json = false;
};

// Prints what each alert did: one line ("created #12 prom disk-full"), or
// with --json one object per line.
void print_results(Output& out, const std::vector<ops::AlertResult>& results, bool json)
{
  for (const ops::AlertResult& r : results) {
    if (json) {
      util::JsonWriter w;
      w.begin_object();
      w.key("source").value(r.alert.source).key("key").value(r.alert.key);
      w.key("action").value(model::to_string(r.alert.action));
      w.key("outcome").value(model::to_string(r.outcome));
      w.key("ticket").value(r.ticket ? std::optional<std::int64_t>(*r.ticket) : std::nullopt);
      w.key("previous").value(r.previous ? std::optional<std::int64_t>(*r.previous) : std::nullopt);
      w.end_object();
      out.write(w.str() + "\n");
    } else {
      out.write(fmt::format("{} {} {} {}\n", model::to_string(r.outcome),
                            r.ticket ? fmt::format("#{}", *r.ticket) : std::string("-"),
                            safe(r.alert.source), safe(r.alert.key)));
    }
  }
}

// The alert `o` describes; throws Error(usage) for a bad value.
model::Alert raw_alert(const RawOptions& o, util::Time now)
{
  model::Alert alert;
  alert.source = o.source;
  alert.key = o.key;
  alert.action = model::parse_alert_action(o.action, "--action");
  if (o.severity) {
    alert.severity = model::parse_severity(*o.severity, "--severity");
  }
  alert.summary = o.summary;
  for (const std::string& label : o.labels) {
    const auto eq = label.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw Error(ErrorKind::usage,
                  fmt::format("--label: expected NAME=VALUE, got {}", util::quote(label)));
    }
    alert.labels.emplace_back(label.substr(0, eq), label.substr(eq + 1));
  }
  alert.at = now;
  return alert;
}

int run_raw(Env& env, const RawOptions& o)
{
  const model::Alert alert = raw_alert(o, env.now());
  auto ctx = env.context();
  const auto results = ops::handle_alerts(ctx, env.backend().alerts(), {alert}, env.config().events);
  print_results(env.out(), results, o.json);
  return 0;
}

void register_raw(CLI::App& event, Invocation& invocation)
{
  auto o = std::make_shared<RawOptions>();
  auto* sub = event.add_subcommand("raw", "One alert from any monitor (PagerDuty Events v2 style)");
  sub->add_option("--source", o->source, "The monitor that sends it")->type_name("S")->required();
  sub->add_option("--key", o->key, "What the alert is about: one ticket per source and key")
    ->type_name("K")
    ->required();
  sub->add_option("--action", o->action, "trigger, acknowledge or resolve")->type_name("ACTION")->required();
  sub->add_option("--severity", o->severity, "critical, error, warning or info")->type_name("SEVERITY");
  sub->add_option("--summary", o->summary, "One line: the title of a new ticket")->type_name("TEXT");
  sub->add_option("--label", o->labels, "NAME=VALUE, repeatable")->type_name("K=V");
  sub->add_flag("--json", o->json, "One JSON object per alert");
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_raw(env, *o); };
    invocation.busy_exit = k_exit_tempfail;
  });
}

} // namespace

void register_event(CLI::App& app, Invocation& invocation)
{
  auto* sub = app.add_subcommand("event", "Monitoring alerts that open, append to and resolve tickets");
  sub->require_subcommand(1);
  register_raw(*sub, invocation);
}

} // namespace sdesk::cmd

#include "cmd/command.hpp"
#include "cmd/complete.hpp"
#include "cmd/exit_code.hpp"
#include "lib/io/alertmanager.hpp"
#include "lib/io/input.hpp"
#include "lib/io/nagios.hpp"
#include "lib/model/alert.hpp"
#include "lib/ops/event.hpp"
#include "lib/util/error.hpp"
#include "lib/util/json_writer.hpp"
#include "lib/util/strings.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::cmd {

// sdesk event list and show (cmd/event_keys.cpp).
void register_event_keys(CLI::App& event, Invocation& invocation);

namespace {

struct RawOptions {
  std::string source;
  std::string key;
  std::string action;
  std::optional<std::string> severity;
  std::optional<std::string> summary;
  std::vector<std::string> labels;
  std::optional<std::string> author;
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
  if (o.author && alert.action != model::AlertAction::acknowledge) {
    throw Error(ErrorKind::usage, "--author: only with --action acknowledge");
  }
  alert.author = o.author && !o.author->empty() ? o.author : std::nullopt;
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
  sub->add_option("--author", o->author, "acknowledge: who acknowledged (a configured agent gets the ticket)")
    ->type_name("NAME");
  sub->add_flag("--json", o->json, "One JSON object per alert");
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_raw(env, *o); };
    invocation.busy_exit = k_exit_tempfail;
  });
}

struct AlertmanagerOptions {
  std::string file = "-";
  std::string source = "alertmanager";
  std::optional<std::string> key;
  bool json = false;
};

// The label names of `--key labels:NAME,NAME`; throws Error(usage).
std::vector<std::string> key_labels(const std::optional<std::string>& key)
{
  std::vector<std::string> names;
  if (!key || *key == "fingerprint") {
    return names;
  }
  constexpr std::string_view prefix = "labels:";
  if (!key->starts_with(prefix) || key->size() == prefix.size()) {
    throw Error(ErrorKind::usage, fmt::format("--key: expected 'fingerprint' or 'labels:NAME,NAME...', got {}",
                                              util::quote(*key)));
  }
  const std::string list = key->substr(prefix.size());
  for (std::size_t start = 0; start <= list.size();) {
    const auto comma = std::min(list.find(',', start), list.size());
    const std::string name = list.substr(start, comma - start);
    start = comma + 1;
    if (name.empty() || std::find(names.begin(), names.end(), name) != names.end()) {
      throw Error(ErrorKind::usage,
                  fmt::format("--key: empty or repeated label name in {}", util::quote(*key)));
    }
    names.push_back(name);
  }
  return names;
}

int run_alertmanager(Env& env, const AlertmanagerOptions& o)
{
  const std::vector<std::string> labels = key_labels(o.key);
  if (o.source.empty()) {
    throw Error(ErrorKind::usage, "--source: must not be empty");
  }
  io::Input input = io::Input::open(o.file);
  const std::string text = input.read_rest(io::k_max_alertmanager_payload + 1);
  std::vector<model::Alert> alerts;
  try {
    if (text.size() > io::k_max_alertmanager_payload) {
      throw Error(ErrorKind::usage, fmt::format("payload: longer than {} bytes", io::k_max_alertmanager_payload));
    }
    alerts = io::alertmanager_alerts(io::parse_alertmanager(text), o.source, labels, env.now());
  } catch (const Error& e) {
    throw ExitError(e, k_exit_data); // a malformed payload: 65, nothing stored
  }
  auto ctx = env.context();
  const auto results = ops::handle_alerts(ctx, env.backend().alerts(), alerts, env.config().events);
  print_results(env.out(), results, o.json);
  return 0;
}

void register_alertmanager(CLI::App& event, Invocation& invocation)
{
  auto o = std::make_shared<AlertmanagerOptions>();
  auto* sub = event.add_subcommand("alertmanager", "Alerts from Prometheus Alertmanager's webhook (JSON version 4)");
  sub->add_option("file", o->file, "The payload; '-' (the default) reads standard input")->type_name("FILE");
  sub->add_option("--source", o->source, "The source the alerts are recorded under (default: alertmanager)")
    ->type_name("S");
  offer(sub->add_option("--key", o->key, "fingerprint (the default) or labels:NAME,NAME: what makes an alert's key")
          ->type_name("KEY"),
        {"fingerprint", "labels:"});
  sub->add_flag("--json", o->json, "One JSON object per alert");
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_alertmanager(env, *o); };
    invocation.busy_exit = k_exit_tempfail;
  });
}

struct NagiosOptions {
  io::NagiosNotification n;
  std::string source = "nagios";
  bool json = false;
};

int run_nagios(Env& env, const NagiosOptions& o)
{
  const auto alert = io::nagios_alert(o.n, o.source, env.now());
  if (!alert) { // CUSTOM: nothing to do
    ops::AlertResult nothing;
    nothing.alert.source = o.source;
    nothing.alert.key = o.n.service ? o.n.host + "/" + *o.n.service : o.n.host;
    print_results(env.out(), {nothing}, o.json);
    return 0;
  }
  auto ctx = env.context();
  const auto results = ops::handle_alerts(ctx, env.backend().alerts(), {*alert}, env.config().events);
  print_results(env.out(), results, o.json);
  return 0;
}

void register_nagios(CLI::App& event, Invocation& invocation)
{
  auto o = std::make_shared<NagiosOptions>();
  auto* sub = event.add_subcommand("nagios", "A Nagios/Icinga notification (its macros as options)");
  offer(sub->add_option("--type", o->n.type, "$NOTIFICATIONTYPE$: PROBLEM, RECOVERY, ACKNOWLEDGEMENT, ...")
          ->type_name("TYPE")
          ->required(),
        {"PROBLEM", "RECOVERY", "ACKNOWLEDGEMENT", "FLAPPINGSTART", "FLAPPINGSTOP", "FLAPPINGDISABLED",
         "DOWNTIMESTART", "DOWNTIMEEND", "DOWNTIMECANCELLED", "CUSTOM"});
  sub->add_option("--host", o->n.host, "$HOSTNAME$")->type_name("HOST")->required();
  sub->add_option("--service", o->n.service, "$SERVICEDESC$ (none: a host notification)")->type_name("DESC");
  offer(sub->add_option("--state", o->n.state, "$SERVICESTATE$ or $HOSTSTATE$")->type_name("STATE")->required(),
        {"OK", "WARNING", "CRITICAL", "UNKNOWN", "UP", "DOWN", "UNREACHABLE"});
  sub->add_option("--output", o->n.output, "$SERVICEOUTPUT$ or $HOSTOUTPUT$")->type_name("TEXT");
  sub->add_option("--problem-id", o->n.problem_id, "$SERVICEPROBLEMID$ or $HOSTPROBLEMID$")->type_name("N");
  sub->add_option("--author", o->n.author, "$NOTIFICATIONAUTHOR$: who acknowledged or set the downtime")
    ->type_name("NAME");
  sub->add_option("--comment", o->n.comment, "$NOTIFICATIONCOMMENT$")->type_name("TEXT");
  sub->add_option("--source", o->source, "The source the alert is recorded under (default: nagios)")
    ->type_name("S");
  sub->add_flag("--json", o->json, "One JSON object per alert");
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_nagios(env, *o); };
    invocation.busy_exit = k_exit_tempfail;
  });
}

} // namespace

void register_event(CLI::App& app, Invocation& invocation)
{
  auto* sub = app.add_subcommand("event", "Monitoring alerts that open, append to and resolve tickets");
  sub->require_subcommand(1);
  register_raw(*sub, invocation);
  register_alertmanager(*sub, invocation);
  register_nagios(*sub, invocation);
  register_event_keys(*sub, invocation);
}

} // namespace sdesk::cmd

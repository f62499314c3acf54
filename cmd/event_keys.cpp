// sdesk event list and sdesk event show: the stored state of monitoring
// event keys and their history (docs/sdesk-event.md).

#include "cmd/command.hpp"
#include "lib/model/alert.hpp"
#include "lib/ops/event.hpp"
#include "lib/util/error.hpp"
#include "lib/util/json_writer.hpp"
#include "lib/util/time.hpp"

#include <CLI/CLI.hpp>

#include <fmt/format.h>

#include <set>

namespace sdesk::cmd {

namespace {

struct EventListOptions {
  bool open = false;
  bool flapping = false;
  bool json = false;
  bool quiet = false;
};

struct EventShowOptions {
  std::string source;
  std::string key;
  bool json = false;
};

std::optional<std::int64_t> ticket_number(const std::optional<model::TicketId>& id)
{
  return id ? std::optional<std::int64_t>(*id) : std::nullopt;
}

std::optional<std::string> time_text(const std::optional<util::Time>& t)
{
  return t ? std::optional(util::format_time_utc(*t)) : std::nullopt;
}

// The key as a JSON object (docs/json.md, "event list --json").
void write_key(util::JsonWriter& w, const model::AlertKey& k)
{
  w.key("source").value(k.source).key("key").value(k.key);
  w.key("ticket").value(ticket_number(k.ticket_id));
  w.key("state").value(model::to_string(k.state));
  w.key("severity").value(k.severity ? std::optional(std::string(model::to_string(*k.severity))) : std::nullopt);
  w.key("summary").value(k.summary);
  w.key("first_at").value(util::format_time_utc(k.first_at));
  w.key("last_trigger").value(time_text(k.last_trigger));
  w.key("last_resolve").value(time_text(k.last_resolve));
  w.key("trigger_count").value(k.trigger_count).key("resolve_count").value(k.resolve_count);
  w.key("flapping").value(k.flapping);
  w.key("downtime_until").value(time_text(k.downtime_until));
  w.key("updated").value(util::format_time_utc(k.updated));
}

// "#12 firing prom disk-db1 3 triggers 1 resolve flapping".
std::string key_line(const model::AlertKey& k)
{
  std::string line = fmt::format("{} {} {} {} {} trigger{} {} resolve{}",
                                 k.ticket_id ? fmt::format("#{}", *k.ticket_id) : std::string("-"),
                                 model::to_string(k.state), safe(k.source), safe(k.key), k.trigger_count,
                                 k.trigger_count == 1 ? "" : "s", k.resolve_count, k.resolve_count == 1 ? "" : "s");
  if (k.flapping) {
    line += " flapping";
  }
  if (k.downtime_until) {
    line += " downtime until " + util::format_time(*k.downtime_until);
  }
  return line + "\n";
}

int run_event_list(Env& env, const EventListOptions& o)
{
  if (o.json && o.quiet) {
    throw Error(ErrorKind::usage, "event list: choose one of --json and -q");
  }
  store::AlertQuery query;
  query.open_only = o.open;
  query.flapping_only = o.flapping;
  auto ctx = env.context();
  const auto keys = ops::list_alert_keys(ctx, env.backend().alerts(), query);
  if (o.json) {
    util::JsonWriter w;
    w.begin_array();
    for (const model::AlertKey& k : keys) {
      w.begin_object();
      write_key(w, k);
      w.end_object();
    }
    w.end_array();
    env.out().write(w.str() + "\n");
    return 0;
  }
  std::set<model::TicketId> seen;
  for (const model::AlertKey& k : keys) {
    if (!o.quiet) {
      env.out().write(key_line(k));
    } else if (k.ticket_id && seen.insert(*k.ticket_id).second) {
      env.out().write(fmt::format("{}\n", *k.ticket_id));
    }
  }
  return 0;
}

int run_event_show(Env& env, const EventShowOptions& o)
{
  auto ctx = env.context();
  const auto history = ops::alert_key_history(ctx, env.backend().alerts(), o.source, o.key);
  if (o.json) {
    util::JsonWriter w;
    w.begin_object();
    write_key(w, history.key);
    w.key("history").begin_array();
    for (const model::AlertEvent& e : history.events) {
      w.begin_object();
      w.key("at").value(util::format_time_utc(e.at)).key("received").value(util::format_time_utc(e.received));
      w.key("action").value(model::to_string(e.action)).key("outcome").value(model::to_string(e.outcome));
      w.key("ticket").value(ticket_number(e.ticket_id));
      w.key("severity").value(e.severity ? std::optional(std::string(model::to_string(*e.severity)))
                                         : std::nullopt);
      w.key("summary").value(e.summary);
      w.end_object();
    }
    w.end_array();
    w.end_object();
    env.out().write(w.str() + "\n");
    return 0;
  }
  env.out().write(key_line(history.key));
  for (const model::AlertEvent& e : history.events) {
    std::string line = fmt::format("  {} {} {} {}", util::format_time(e.at), model::to_string(e.action),
                                   model::to_string(e.outcome),
                                   e.ticket_id ? fmt::format("#{}", *e.ticket_id) : std::string("-"));
    if (e.severity) {
      line += fmt::format(" {}", model::to_string(*e.severity));
    }
    if (e.summary) {
      line += ": " + safe(*e.summary);
    }
    env.out().write(line + "\n");
  }
  return 0;
}

} // namespace

void register_event_keys(CLI::App& event, Invocation& invocation)
{
  auto list = std::make_shared<EventListOptions>();
  auto* sub = event.add_subcommand("list", "The event keys sdesk keeps, with their state and ticket");
  sub->add_flag("--open", list->open, "Only keys that fire");
  sub->add_flag("--flapping", list->flapping, "Only keys that flap");
  sub->add_flag("--json", list->json, "Print a JSON array of keys");
  sub->add_flag("-q,--quiet", list->quiet, "Print only the keys' ticket ids");
  sub->callback([list, &invocation] {
    invocation.run = [list](Env& env) { return run_event_list(env, *list); };
  });

  auto show = std::make_shared<EventShowOptions>();
  sub = event.add_subcommand("show", "One event key's state and history");
  sub->add_option("source", show->source, "The key's source")->type_name("SOURCE")->required();
  sub->add_option("key", show->key, "The key")->type_name("KEY")->required();
  sub->add_flag("--json", show->json, "Print a JSON object");
  sub->callback([show, &invocation] {
    invocation.run = [show](Env& env) { return run_event_show(env, *show); };
  });
}

} // namespace sdesk::cmd

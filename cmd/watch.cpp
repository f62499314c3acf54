#include "cmd/command.hpp"
#include "lib/ops/watch.hpp"
#include "lib/util/json_writer.hpp"
#include "lib/util/strings.hpp"

#include <CLI/CLI.hpp>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct WatchOptions {
  std::string id;
  std::vector<std::string> who;
  bool json = false;
};

int run_watch_change(Env& env, const WatchOptions& o, bool add)
{
  const model::TicketId id = parse_ticket_id(o.id);
  auto ctx = env.context();
  const ops::WatchResult r = ops::watch_ticket(ctx, id, o.who, add);
  if (o.json) {
    util::JsonWriter w;
    w.begin_object();
    w.key("id").value(static_cast<std::int64_t>(id));
    w.key(add ? "added" : "removed").value(r.changed);
    w.key("watchers").value(r.watchers);
    w.end_object();
    env.out().write(w.str() + "\n");
    return 0;
  }
  for (const std::string& who : r.changed) {
    env.out().write(fmt::format("{} {} ticket {}\n", safe(who), add ? "watches" : "no longer watches", id));
  }
  for (const std::string& who : r.unchanged) {
    env.out().write(fmt::format("{} {} ticket {} already\n", safe(who), add ? "watches" : "does not watch", id));
  }
  return 0;
}

void add_watch_options(CLI::App* sub, const std::shared_ptr<WatchOptions>& o)
{
  sub->add_option("id", o->id, "Ticket id")->required();
  sub->add_option("who", o->who, "Agent names or email addresses")->type_name("WHO")->required();
  sub->add_flag("--json", o->json, "One JSON object: the change and the watchers");
}

} // namespace

void register_watch(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<WatchOptions>();
  auto* sub = app.add_subcommand("watch", "Add watchers to a ticket (agents or addresses)");
  add_watch_options(sub, o);
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_watch_change(env, *o, true); };
  });
}

void register_unwatch(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<WatchOptions>();
  auto* sub = app.add_subcommand("unwatch", "Remove watchers from a ticket");
  add_watch_options(sub, o);
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_watch_change(env, *o, false); };
  });
}

} // namespace sdesk::cmd

// `sdesk subscribe SERVICE ADDRESS...`, `sdesk subscribe --list [SERVICE]`
// and `sdesk unsubscribe SERVICE ADDRESS...` (docs/sdesk-subscribe.md).

#include "cmd/command.hpp"
#include "cmd/complete.hpp"
#include "lib/ops/subscription.hpp"
#include "lib/util/error.hpp"
#include "lib/util/json_writer.hpp"
#include "lib/util/text_table.hpp"

#include <CLI/CLI.hpp>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct SubscribeOptions {
  std::optional<std::string> service;
  std::vector<std::string> addresses;
  bool list = false;
  bool json = false;
  bool quiet = false;
};

std::string subscribers_json(const std::vector<ops::Subscriber>& list)
{
  util::JsonWriter w;
  w.begin_array();
  for (const ops::Subscriber& s : list) {
    w.begin_object();
    w.key("service").value(s.service);
    w.key("address").value(s.address);
    w.key("configured").value(s.configured);
    w.key("stored").value(s.stored);
    w.key("added").value(s.added ? std::optional(util::format_time(*s.added)) : std::nullopt);
    w.key("added_by").value(s.added_by);
    w.end_object();
  }
  w.end_array();
  return w.str() + "\n";
}

int run_subscribe_list(Env& env, const SubscribeOptions& o)
{
  if (!o.addresses.empty()) {
    throw Error(ErrorKind::usage, "--list: takes at most a SERVICE, no ADDRESS");
  }
  auto ctx = env.context();
  const std::vector<ops::Subscriber> list = ops::list_subscribers(ctx, o.service);
  if (o.json) {
    env.out().write(subscribers_json(list));
    return 0;
  }
  if (o.quiet) {
    for (const ops::Subscriber& s : list) {
      env.out().write(safe(s.address) + "\n");
    }
    return 0;
  }
  util::TextTable table({"SERVICE", "ADDRESS", "SOURCE", "ADDED", "BY"});
  for (const ops::Subscriber& s : list) {
    const std::string source = s.configured && s.stored ? "config,store" : s.configured ? "config" : "store";
    table.add_row({safe(s.service), safe(s.address), source, s.added ? util::format_time(*s.added) : "-",
                   s.added_by ? safe(*s.added_by) : "-"});
  }
  if (table.size() > 0) {
    env.out().write(table.render());
  }
  return 0;
}

int run_subscribe_change(Env& env, const SubscribeOptions& o, bool add)
{
  if (o.json && o.quiet) {
    throw Error(ErrorKind::usage, fmt::format("{}: choose one of --json and -q", add ? "subscribe" : "unsubscribe"));
  }
  if (add && o.list) {
    return run_subscribe_list(env, o);
  }
  if (!o.service || o.addresses.empty()) {
    throw Error(ErrorKind::usage, add ? "subscribe: needs SERVICE and at least one ADDRESS (or --list [SERVICE])"
                                      : "unsubscribe: needs SERVICE and at least one ADDRESS");
  }
  auto ctx = env.context();
  const ops::SubscribeResult r = ops::subscribe_addresses(ctx, *o.service, o.addresses, add);
  if (o.json) {
    util::JsonWriter w;
    w.begin_object();
    w.key("service").value(*o.service);
    w.key(add ? "subscribed" : "unsubscribed").value(r.changed);
    w.key("subscribers").value(r.subscribers);
    w.end_object();
    env.out().write(w.str() + "\n");
    return 0;
  }
  if (o.quiet) {
    for (const std::string& address : r.changed) {
      env.out().write(safe(address) + "\n");
    }
    return 0;
  }
  const std::string service = safe(*o.service);
  for (const std::string& address : r.changed) {
    env.out().write(fmt::format("{} {} {}\n", safe(address), add ? "subscribed to" : "unsubscribed from", service));
  }
  for (const std::string& address : r.unchanged) {
    env.out().write(fmt::format("{} {} {}\n", safe(address), add ? "is subscribed already to" : "was not subscribed to",
                                service));
  }
  return 0;
}

void add_subscribe_arguments(CLI::App* sub, const std::shared_ptr<SubscribeOptions>& o)
{
  offer(sub->add_option("service", o->service, "The service (desk.services)")->type_name("SERVICE"), Values::services);
  sub->add_option("address", o->addresses, "Email addresses")->type_name("ADDRESS");
  sub->add_flag("-q,--quiet", o->quiet, "Print only the addresses");
}

} // namespace

void register_subscribe(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<SubscribeOptions>();
  auto* sub = app.add_subcommand("subscribe", "Subscribe addresses to a service's announcements, or list subscribers");
  add_subscribe_arguments(sub, o);
  sub->add_flag("--list", o->list, "List the subscribers (of SERVICE, or of every service)");
  sub->add_flag("--json", o->json, "Print JSON");
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_subscribe_change(env, *o, true); };
  });
}

void register_unsubscribe(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<SubscribeOptions>();
  auto* sub = app.add_subcommand("unsubscribe", "Unsubscribe addresses from a service's announcements");
  add_subscribe_arguments(sub, o);
  sub->add_flag("--json", o->json, "Print JSON: the change and the subscribers");
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_subscribe_change(env, *o, false); };
  });
}

} // namespace sdesk::cmd

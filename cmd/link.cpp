#include "cmd/command.hpp"
#include "cmd/complete.hpp"
#include "lib/model/link.hpp"
#include "lib/ops/link.hpp"
#include "lib/util/json_writer.hpp"

#include <CLI/CLI.hpp>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct LinkOptions {
  std::string a;
  std::string b;
  std::string type;
  bool json = false;
};

// The accepted --type names, for --help: "caused-by, causes, ...".
std::string link_type_list()
{
  std::string names;
  for (const std::string_view n : model::link_type_names()) {
    names += (names.empty() ? "" : ", ") + std::string(n);
  }
  return names;
}

int run_link(Env& env, const LinkOptions& o, ops::LinkChange change)
{
  const model::TicketId a = parse_ticket_id(o.a);
  const model::TicketId b = parse_ticket_id(o.b);
  auto ctx = env.context();
  const ops::LinkResult result = change == ops::LinkChange::link
                                   ? ops::link_tickets(ctx, a, o.type, b)
                                   : ops::unlink_tickets(ctx, a, o.type, b);
  const model::LinkEnd end = model::link_end(result.link, a);
  if (o.json) {
    util::JsonWriter json;
    json.begin_object();
    json.key("ticket").value(std::int64_t{a}).key("type").value(end.type);
    json.key("target").value(std::int64_t{end.target}).key("changed").value(result.changed);
    json.end_object();
    env.out().write(json.str() + "\n");
    return 0;
  }
  const bool linking = change == ops::LinkChange::link;
  const std::string_view verb = result.changed ? (linking ? "linked" : "unlinked")
                                               : (linking ? "already linked:" : "not linked:");
  env.out().write(fmt::format("{} #{} {} #{}\n", verb, a, end.type, end.target));
  return 0;
}

void register_link_command(CLI::App& app, Invocation& invocation, ops::LinkChange change)
{
  const bool linking = change == ops::LinkChange::link;
  auto o = std::make_shared<LinkOptions>();
  auto* sub = app.add_subcommand(linking ? "link" : "unlink",
                                 linking ? "Link two records: A TYPE B (shown from both ends)"
                                         : "Remove the link A TYPE B");
  sub->add_option("id", o->a, "Ticket id (A)")->required();
  offer(sub->add_option("target", o->b, "The other ticket's id (B)")->required(), Values::tickets);
  sub->add_option("-t,--type", o->type, "Link type: " + link_type_list())
    ->type_name("TYPE")
    ->required();
  sub->add_flag("--json", o->json, "Print {ticket, type, target, changed} as JSON");
  sub->callback([o, &invocation, change] {
    invocation.run = [o, change](Env& env) { return run_link(env, *o, change); };
  });
}

} // namespace

void register_link(CLI::App& app, Invocation& invocation)
{
  register_link_command(app, invocation, ops::LinkChange::link);
}

void register_unlink(CLI::App& app, Invocation& invocation)
{
  register_link_command(app, invocation, ops::LinkChange::unlink);
}

} // namespace sdesk::cmd

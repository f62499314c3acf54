#include "cmd/command.hpp"
#include "lib/model/enums.hpp"
#include "lib/ops/recurring.hpp"
#include "lib/util/error.hpp"
#include "lib/util/json_writer.hpp"
#include "lib/util/text_table.hpp"

#include <CLI/CLI.hpp>

namespace sdesk::cmd {

namespace {

struct RecurringListOptions {
  bool json = false;
  bool quiet = false;
};

// `t` in `zone`, or "-".
std::string when_or_dash(const std::optional<util::Time>& t, const util::TimeZone& zone)
{
  return t ? zone.format(*t) : "-";
}

std::string recurring_json(const std::vector<ops::RecurringStatus>& list)
{
  util::JsonWriter json;
  json.begin_array();
  for (const ops::RecurringStatus& s : list) {
    const config::RecurringTicket& r = *s.recurring;
    json.begin_object();
    json.key("name").value(r.name);
    json.key("schedule").value(r.schedule);
    json.key("timezone").value(s.zone.name());
    json.key("next").value(s.next ? std::optional(s.zone.format(*s.next)) : std::nullopt);
    json.key("last").value(s.last ? std::optional(s.zone.format(*s.last)) : std::nullopt);
    json.key("last_ticket").value(s.last_ticket ? std::optional(std::int64_t{*s.last_ticket}) : std::nullopt);
    json.key("catch_up").value(r.catch_up);
    json.key("title").value(r.title);
    json.key("kind").value(model::to_string(r.kind));
    json.key("group").value(r.group);
    json.key("category").value(r.category);
    json.key("service").value(r.service);
    json.key("priority").value(r.priority);
    json.end_object();
  }
  json.end_array();
  return json.str() + "\n";
}

int run_recurring_list(Env& env, const RecurringListOptions& o)
{
  if (o.json && o.quiet) {
    throw Error(ErrorKind::usage, "recurring list: choose one of --json and -q");
  }
  auto ctx = env.context();
  const auto list = ops::recurring_status(ctx);
  if (o.json) {
    env.out().write(recurring_json(list));
    return 0;
  }
  if (o.quiet) {
    for (const ops::RecurringStatus& s : list) {
      env.out().write(s.recurring->name + "\n");
    }
    return 0;
  }
  util::TextTable table({"NAME", "SCHEDULE", "TIMEZONE", "NEXT", "LAST", "TICKET", "TITLE"});
  for (const ops::RecurringStatus& s : list) {
    table.add_row({s.recurring->name, safe(s.recurring->schedule), s.zone.name(), when_or_dash(s.next, s.zone),
                   when_or_dash(s.last, s.zone), s.last_ticket ? std::to_string(*s.last_ticket) : "-",
                   safe(s.recurring->title)});
  }
  if (table.size() > 0) {
    env.out().write(table.render());
  }
  return 0;
}

} // namespace

void register_recurring(CLI::App& app, Invocation& invocation)
{
  auto* sub = app.add_subcommand("recurring", "Tickets opened on a schedule ([recurring.NAME], by sdesk tick)");
  sub->require_subcommand(1);
  auto o = std::make_shared<RecurringListOptions>();
  auto* list = sub->add_subcommand("list", "Each recurring ticket with its next and last due time");
  list->add_flag("--json", o->json, "Print a JSON array");
  list->add_flag("-q,--quiet", o->quiet, "Print only the names");
  list->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_recurring_list(env, *o); };
  });
}

} // namespace sdesk::cmd

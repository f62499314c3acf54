// `sdesk change calendar`: the changes and freezes of a period as a table,
// JSON or iCalendar (RFC 5545).

#include "cmd/command.hpp"
#include "cmd/result.hpp"
#include "lib/model/change_rules.hpp"
#include "lib/ops/change_calendar.hpp"
#include "lib/util/error.hpp"
#include "lib/util/ics.hpp"
#include "lib/util/json_writer.hpp"
#include "lib/util/strings.hpp"
#include "lib/util/text_table.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <unistd.h>

namespace sdesk::cmd {

namespace {

struct CalendarOptions {
  std::string from;
  std::string to;
  std::optional<std::string> service;
  std::optional<std::string> release;
  std::string format = "table";
  bool json = false; // --json: --format json
};

// The host part of the events' UIDs: the host name, else "sdesk".
std::string uid_host()
{
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') {
    return "sdesk";
  }
  return name;
}

std::string calendar_table(const ops::ChangeCalendar& cal)
{
  util::TextTable table({"START", "END", "WHAT", "STATUS", "SERVICE", "TITLE"});
  for (const config::Freeze& f : cal.freezes) {
    table.add_row({util::format_time(f.from), util::format_time(f.to), "freeze", "-", "-", safe(f.reason)});
  }
  for (const model::Ticket& t : cal.changes) {
    table.add_row({util::format_time(*t.planned_start), util::format_time(*t.planned_end),
                   fmt::format("change {} ({})", t.id, model::change_type_of(t)),
                   std::string(model::to_string(t.status)), safe_or_dash(t.service), safe(t.title)});
  }
  return table.size() == 0 ? std::string("no changes or freezes in the period\n") : table.render();
}

std::string calendar_json(const ops::ChangeCalendar& cal, const ops::CalendarRequest& request)
{
  util::JsonWriter json;
  json.begin_object()
    .key("from")
    .value(util::format_time(request.from))
    .key("to")
    .value(util::format_time(request.to))
    .key("changes")
    .begin_array();
  for (const model::Ticket& t : cal.changes) {
    json.begin_object()
      .key("id")
      .value(std::int64_t{t.id})
      .key("title")
      .value(t.title)
      .key("status")
      .value(model::to_string(t.status))
      .key("change_type")
      .value(model::change_type_of(t))
      .key("risk")
      .value(t.risk)
      .key("service")
      .value(t.service)
      .key("release")
      .value(t.release)
      .key("start")
      .value(util::format_time(*t.planned_start))
      .key("end")
      .value(util::format_time(*t.planned_end))
      .end_object();
  }
  json.end_array().key("freezes").begin_array();
  for (const config::Freeze& f : cal.freezes) {
    json.begin_object()
      .key("from")
      .value(util::format_time(f.from))
      .key("to")
      .value(util::format_time(f.to))
      .key("reason")
      .value(f.reason)
      .end_object();
  }
  json.end_array().end_object();
  return json.str() + "\n";
}

// One VEVENT, its lines folded.
void ics_event(std::string& out, const std::string& uid, util::Time stamp, util::Time start, util::Time end,
               const std::string& summary, const std::string& description, std::string_view status)
{
  out += util::ics_fold("BEGIN:VEVENT");
  out += util::ics_fold("UID:" + uid);
  out += util::ics_fold("DTSTAMP:" + util::ics_time(stamp));
  out += util::ics_fold("DTSTART:" + util::ics_time(start));
  out += util::ics_fold("DTEND:" + util::ics_time(end));
  out += util::ics_fold("SUMMARY:" + util::ics_escape(summary));
  if (!description.empty()) {
    out += util::ics_fold("DESCRIPTION:" + util::ics_escape(description));
  }
  out += util::ics_fold(fmt::format("STATUS:{}", status));
  out += util::ics_fold("TRANSP:OPAQUE");
  out += util::ics_fold("END:VEVENT");
}

std::string calendar_ics(const ops::ChangeCalendar& cal, util::Time now)
{
  const std::string host = uid_host();
  std::string out;
  out += util::ics_fold("BEGIN:VCALENDAR");
  out += util::ics_fold("VERSION:2.0");
  out += util::ics_fold("PRODID:-//sdesk//change calendar//EN");
  out += util::ics_fold("CALSCALE:GREGORIAN");
  out += util::ics_fold("METHOD:PUBLISH");
  for (const config::Freeze& f : cal.freezes) {
    ics_event(out, fmt::format("freeze-{}@{}", util::ics_time(f.from), host), now, f.from, f.to,
              "Change freeze: " + f.reason, "", "CONFIRMED");
  }
  for (const model::Ticket& t : cal.changes) {
    std::string description = fmt::format("{} change, status {}", model::change_type_of(t),
                                          model::to_string(t.status));
    const std::pair<std::string_view, const std::optional<std::string>*> extra[] = {
      {"risk", &t.risk},       {"service", &t.service},         {"release", &t.release},
      {"plan", &t.plan},       {"backout plan", &t.backout_plan}, {"test plan", &t.test_plan},
    };
    for (const auto& [label, value] : extra) {
      if (*value) {
        description += fmt::format("\n{}: {}", label, **value);
      }
    }
    const bool off = t.status == model::Status::cancelled || t.status == model::Status::rejected;
    const bool firm = t.status == model::Status::scheduled || t.status == model::Status::implementing
                      || t.status == model::Status::review || t.status == model::Status::closed;
    ics_event(out, fmt::format("change-{}@{}", t.id, host), now, *t.planned_start, *t.planned_end,
              fmt::format("Change {}: {}", t.id, t.title), description,
              off ? "CANCELLED" : (firm ? "CONFIRMED" : "TENTATIVE"));
  }
  out += util::ics_fold("END:VCALENDAR");
  return out;
}

int run_change_calendar(Env& env, CalendarOptions o)
{
  if (o.json && o.format != "table" && o.format != "json") {
    throw Error(ErrorKind::usage,
                fmt::format("choose one of --json and --format {}", util::sanitize_for_terminal(o.format)));
  }
  if (o.json) {
    o.format = "json";
  }
  if (o.format != "table" && o.format != "json" && o.format != "ics") {
    throw Error(ErrorKind::usage, fmt::format("--format: unknown value {} (accepted: table, json, ics)",
                                              util::quote(o.format)));
  }
  ops::CalendarRequest request;
  request.from = util::parse_time(o.from, "--from");
  request.to = util::parse_time(o.to, "--to");
  request.service = o.service;
  request.release = o.release;
  auto ctx = env.context();
  const ops::ChangeCalendar cal = ops::change_calendar(ctx, request);
  if (o.format == "json") {
    env.out().write(calendar_json(cal, request));
  } else if (o.format == "ics") {
    env.out().write(calendar_ics(cal, env.now()));
  } else {
    env.out().write(calendar_table(cal));
  }
  return 0;
}

} // namespace

void add_change_calendar(CLI::App* change, Invocation& invocation)
{
  auto o = make_options<CalendarOptions>();
  auto* sub = change->add_subcommand("calendar", "Changes and freezes in a period (table, JSON or iCalendar)");
  sub->add_option("--from", o->from, "First day or instant (ISO 8601)")->type_name("DATE")->required();
  sub->add_option("--to", o->to, "End, exclusive (ISO 8601)")->type_name("DATE")->required();
  sub->add_option("--service", o->service, "Only changes of this service")->type_name("NAME");
  sub->add_option("--release", o->release, "Only changes of this release")->type_name("NAME");
  sub->add_option("--format", o->format, "table (default), json or ics")->type_name("FORMAT");
  sub->add_flag("--json", o->json, "Same as --format json");
  sub->callback([o, &invocation] {
    invocation.needs = Needs::store;
    invocation.run = [o](Env& env) { return run_change_calendar(env, *o); };
  });
}

} // namespace sdesk::cmd

// `sdesk sla`: open tickets whose SLA is breached or at risk; `sdesk sla
// explain ID`: one ticket's clock, segment by segment.

#include "cmd/command.hpp"
#include "cmd/sla_format.hpp"
#include "cmd/ticket_filter.hpp"
#include "lib/ops/read.hpp"
#include "lib/ops/sla_status.hpp"
#include "lib/util/duration.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"
#include "lib/util/text_table.hpp"
#include "lib/util/time.hpp"

#include <CLI/CLI.hpp>

#include <charconv>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

// The largest --at-risk accepted, in percent.
constexpr std::int64_t k_sla_max_percent = 1000;

struct SlaOptions {
  TicketFilter filter;
  std::string at_risk = "80%";
  bool json = false;
  bool quiet = false;
  std::string explain_id;
  bool explain_json = false;
};

// "80%" or "80" -> 80; throws Error(usage).
std::int64_t parse_sla_percent(std::string_view text)
{
  std::string_view digits = text;
  if (!digits.empty() && digits.back() == '%') {
    digits.remove_suffix(1);
  }
  std::int64_t percent = -1;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), percent);
  if (digits.empty() || ec != std::errc{} || ptr != digits.data() + digits.size() || percent < 0
      || percent > k_sla_max_percent) {
    throw Error(ErrorKind::usage,
                fmt::format("--at-risk: bad percentage '{}' (accepted: 0% to {}%, e.g. 80%)",
                            util::sanitize_for_terminal(text), k_sla_max_percent));
  }
  return percent;
}

// "14m left" from "(14m left)".
std::string sla_state_words(const sla::TargetClock& target)
{
  const std::string words = describe_target(target);
  return words.size() >= 2 ? words.substr(1, words.size() - 2) : words;
}

std::string sla_time(const std::optional<sla::Time>& t)
{
  return t ? util::format_time(*t) : "-";
}

void write_sla_row_json(util::JsonWriter& json, const ops::SlaStatus& status)
{
  const model::Ticket& t = status.ticket;
  const sla::TargetClock& worst = *status.worst();
  json.begin_object();
  json.key("id").value(std::int64_t{t.id});
  json.key("title").value(t.title);
  json.key("priority").value(model::format_priority(t.priority));
  json.key("status").value(model::to_string(t.status));
  json.key("group").value(t.group);
  json.key("assignee").value(t.assignee);
  json.key("target").value(sla::to_string(worst.target));
  json.key("percent").value(worst.percent());
  json.key("state").value(sla::to_string(worst.state));
  json.key("due").value(worst.due ? std::optional{util::format_time(*worst.due)} : std::nullopt);
  json.key("seconds_left").value(std::int64_t{worst.left().count()});
  json.key("sla");
  write_clock_json(json, status.clock);
  json.end_object();
}

int run_sla_list(Env& env, const SlaOptions& o)
{
  if (o.json && o.quiet) {
    throw Error(ErrorKind::usage, "sla: choose one of --json and -q");
  }
  const std::int64_t percent = parse_sla_percent(o.at_risk);
  const store::TicketQuery query = build_query(o.filter, env.config().matrix.lowest());
  auto ctx = env.context();
  const std::vector<ops::SlaStatus> rows = ops::tickets_at_risk(ctx, query, percent);
  Output& out = env.out();
  if (o.json) {
    util::JsonWriter json;
    json.begin_array();
    for (const ops::SlaStatus& row : rows) {
      write_sla_row_json(json, row);
    }
    json.end_array();
    out.write(json.str() + "\n");
    return 0;
  }
  if (o.quiet) {
    for (const ops::SlaStatus& row : rows) {
      out.write(fmt::format("{}\n", row.ticket.id));
    }
    return 0;
  }
  if (rows.empty()) {
    return 0;
  }
  util::TextTable table({"ID", "PRI", "STATUS", "GROUP", "TARGET", "DUE", "USED", "STATE", "TITLE"});
  for (const ops::SlaStatus& row : rows) {
    const model::Ticket& t = row.ticket;
    const sla::TargetClock& worst = *row.worst();
    const auto due = worst.due ? util::format_time(*worst.due).substr(0, 16) : "-";
    table.add_row({std::to_string(t.id), model::format_priority(t.priority),
                   std::string(model::to_string(t.status)), safe_or_dash(t.group),
                   std::string(sla::to_string(worst.target)), due,
                   fmt::format("{}%", worst.percent()), sla_state_words(worst), safe(t.title)},
                  {{}, out.priority_style(t.priority), out.status_style(t.status)});
  }
  out.write(table.render(out.width()));
  return 0;
}

// The end of the explained stretch: now, or the resolution if earlier.
sla::Time explain_until(const model::Ticket& t, sla::Time now)
{
  return t.resolved ? std::min(*t.resolved, now) : now;
}

std::string explain_target_line(const std::optional<sla::TargetClock>& target)
{
  if (!target) {
    return "no target for this priority";
  }
  return fmt::format("target {}, due {}{}  {}", util::format_duration(target->goal),
                     sla_time(target->due),
                     target->done ? ", done " + util::format_time(*target->done) : "",
                     describe_target(*target));
}

void write_explain_json(Env& env, const model::Ticket& t, const sla::TicketClock& clock,
                        const std::vector<sla::ClockSegment>& segments, sla::Time until)
{
  util::JsonWriter json;
  json.begin_object();
  json.key("id").value(std::int64_t{t.id});
  json.key("policy").value(clock.policy ? std::optional{clock.policy->name} : std::nullopt);
  json.key("calendar").value(clock.calendar ? std::optional{clock.calendar->name()}
                                            : std::nullopt);
  json.key("timezone").value(clock.calendar ? std::optional{clock.calendar->zone_name()}
                                            : std::nullopt);
  json.key("created").value(util::format_time(t.created));
  json.key("until").value(util::format_time(until));
  json.key("response");
  write_target_json(json, clock.response);
  json.key("resolution");
  write_target_json(json, clock.resolution);
  json.key("segments").begin_array();
  for (const sla::ClockSegment& s : segments) {
    const bool counts = s.state == sla::ClockState::running;
    json.begin_object();
    json.key("begin").value(util::format_time(s.begin));
    json.key("end").value(util::format_time(s.end));
    json.key("state").value(clock_state_name(s.state));
    json.key("rule").value(s.rule);
    json.key("seconds").value(std::int64_t{counts ? (s.end - s.begin).count() : 0});
    json.end_object();
  }
  json.end_array().end_object();
  env.out().write(json.str() + "\n");
}

std::string render_explain(const model::Ticket& t, const sla::TicketClock& clock,
                           const std::vector<sla::ClockSegment>& segments, sla::Time until)
{
  std::string s = fmt::format("#{} {}\n", t.id, safe(t.title));
  const auto line = [&s](std::string_view name, const std::string& value) {
    s += fmt::format("  {:<11} {}\n", name, value);
  };
  line("policy", fmt::format("{}  (calendar {}, time zone {})", clock.policy->name,
                             clock.calendar->name(), clock.calendar->zone_name()));
  line("priority", model::format_priority(t.priority));
  line("created", util::format_time(t.created));
  line("response", explain_target_line(clock.response));
  line("resolution", explain_target_line(clock.resolution));
  s += fmt::format("\nClock from created until {}:\n", util::format_time(until));
  util::TextTable table({"FROM", "TO", "STATE", "COUNTED", "TOTAL", "RULE"});
  std::chrono::seconds total{0};
  for (const sla::ClockSegment& segment : segments) {
    const bool counts = segment.state == sla::ClockState::running;
    const auto counted = std::chrono::seconds{segment.end - segment.begin};
    total += counts ? counted : std::chrono::seconds{0};
    table.add_row({util::format_time(segment.begin), util::format_time(segment.end),
                   std::string(clock_state_name(segment.state)),
                   counts ? util::format_duration(counted) : "-", util::format_duration(total),
                   safe(segment.rule)});
  }
  std::string rendered = table.render();
  for (std::size_t at = 0; at < rendered.size();) {
    const std::size_t end = rendered.find('\n', at);
    s += "  " + rendered.substr(at, end == std::string::npos ? end : end - at + 1);
    at = end == std::string::npos ? rendered.size() : end + 1;
  }
  return s;
}

int run_sla_explain(Env& env, const SlaOptions& o)
{
  const auto record = ops::read_ticket(env.store(), parse_ticket_id(o.explain_id));
  const model::Ticket& t = record.ticket;
  const sla::TicketClock clock = sla::evaluate(env.config().sla, t, record.events, env.now());
  const sla::Time until = explain_until(t, env.now());
  const std::vector<sla::ClockSegment> segments = sla::ticket_segments(clock, t.created, until);
  if (o.explain_json) {
    write_explain_json(env, t, clock, segments, until);
  } else if (clock.policy == nullptr) {
    env.out().write(fmt::format("#{} {}\n  no SLA policy applies ({}, {}, service {}, group {})\n",
                                t.id, safe(t.title), model::format_priority(t.priority),
                                model::to_string(t.kind), safe_or_dash(t.service),
                                safe_or_dash(t.group)));
  } else {
    env.out().write(render_explain(t, clock, segments, until));
  }
  return 0;
}

} // namespace

void register_sla(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<SlaOptions>();
  auto* sub = app.add_subcommand(
    "sla", "List open tickets whose SLA is breached or at risk; 'sla explain ID' shows a clock");
  sub->require_subcommand(0, 1);
  add_filter_options(sub, o->filter, invocation);
  sub->add_option("--at-risk", o->at_risk,
                  "List targets with at least this share used (default 80%; missed ones always)")
    ->type_name("PCT");
  sub->add_flag("--json", o->json, "Print a JSON array");
  sub->add_flag("-q,--quiet", o->quiet, "Print only ticket ids");
  auto* explain = sub->add_subcommand(
    "explain", "Print a ticket's SLA clock as segments, with the rule behind each");
  explain->add_option("id", o->explain_id, "Ticket id")->required();
  explain->add_flag("--json", o->explain_json, "Print the clock and its segments as JSON");
  explain->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_sla_explain(env, *o); };
  });
  sub->callback([o, explain, &invocation] {
    if (explain->parsed()) {
      return;
    }
    invocation.run = [o](Env& env) { return run_sla_list(env, *o); };
  });
}

} // namespace sdesk::cmd

#include "cmd/command.hpp"
#include "cmd/complete.hpp"
#include "cmd/replacing_file.hpp"
#include "cmd/ticket_filter.hpp"
#include "lib/report/aggregate.hpp"
#include "lib/report/period.hpp"
#include "lib/report/render.hpp"
#include "lib/store/report_source.hpp"
#include "lib/util/error.hpp"

#include <CLI/CLI.hpp>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct ReportOptions {
  report::PeriodRequest period;
  std::optional<std::string> tz;
  std::vector<std::string> by;
  std::string format = "table";
  bool json = false;
  std::optional<std::string> output;
  bool trend = false;
  bool no_trend = false;
  TicketFilter filter;
};

constexpr std::array<std::string_view, 5> k_report_formats{"table", "markdown", "csv", "json", "html"};

// Checks what can be checked before the store is opened, so that a bad
// option is a usage error (exit 2) even without a store.
void report_check_options(ReportOptions& o)
{
  if (o.json) {
    o.format = "json";
  }
  if (std::find(k_report_formats.begin(), k_report_formats.end(), o.format) == k_report_formats.end()) {
    throw Error(ErrorKind::usage, fmt::format("--format: unknown format '{}' (accepted: table, "
                                              "markdown, csv, json, html)",
                                              o.format));
  }
  if (o.trend && o.no_trend) {
    throw Error(ErrorKind::usage, "choose one of --trend and --no-trend");
  }
  report::parse_dimensions(o.by);
  // The period's syntax does not depend on the zone; the real zone comes later.
  report::resolve_period(o.period, report::Zone::named("UTC", "--tz"), util::Time{});
}

report::Zone report_zone(const ReportOptions& o, const config::Config& config)
{
  if (o.tz) {
    return report::Zone::named(*o.tz, "--tz");
  }
  if (config.report_timezone) {
    std::string where = "report.timezone";
    for (const auto& setting : config.settings) {
      if (setting.key == "report.timezone") {
        where = setting.origin + ": report.timezone";
      }
    }
    return report::Zone::named(*config.report_timezone, where, ErrorKind::config);
  }
  return report::Zone::local();
}

std::string report_render(const report::Report& r, std::string_view format)
{
  if (format == "markdown") {
    return report::render_markdown(r);
  }
  if (format == "csv") {
    return report::render_csv(r);
  }
  if (format == "json") {
    return report::render_json(r);
  }
  if (format == "html") {
    return report::render_html(r);
  }
  return report::render_table(r);
}

// Writes `text` to `path`, which appears whole or not at all.
void report_write_file(const std::string& path, const std::string& text)
{
  ReplacingFile file(path);
  file.write(text);
  file.commit();
}

int run_report(Env& env, const ReportOptions& o)
{
  const report::Zone zone = report_zone(o, env.config());
  const report::Period period = report::resolve_period(o.period, zone, env.now());
  const auto by = report::parse_dimensions(o.by);
  const auto query = build_query(o.filter, env.config().matrix.lowest());
  const bool long_span = period.span == report::Span::half || period.span == report::Span::year;
  const bool trend = o.trend || (long_span && !o.no_trend);

  std::vector<report::Period> months;
  if (trend) {
    months = report::months_of(period, zone);
    // Months that have not begun yet would only repeat today's backlog.
    std::erase_if(months, [&](const report::Period& m) { return m.from > env.now(); });
  }
  report::Builder builder(period, by, months, env.now());
  const store::ReportWindow window{period.from.time_since_epoch().count(),
                                   period.to.time_since_epoch().count()};
  std::optional<std::int64_t> latest;
  std::optional<report::ProblemFigures> problems;
  std::optional<report::ChangeFigures> changes;
  {
    store::Transaction tx(env.store(), store::TxMode::read);
    store::ReportSource& source = env.backend().reports();
    source.tickets(window, query, [&](const store::ReportTicket& t) { builder.add(t); });
    source.events(window, query, [&](const store::ReportEvent& e) { builder.add(e); });
    latest = source.latest_change();
    // A --kind filter that includes problem: the problems section (issue 9).
    if (std::find(query.kinds.begin(), query.kinds.end(), model::Kind::problem) != query.kinds.end()) {
      report::ProblemTally tally(window.from, window.to);
      env.backend().problems().problem_report(
        window, query, [&](const store::ProblemRecord& p) { tally.add(p); },
        [&](const store::ProblemLinkEvent& l) { tally.add(l); });
      problems = tally.finish();
    }
    // A --kind filter that includes change: the changes section (issue 9).
    if (std::find(query.kinds.begin(), query.kinds.end(), model::Kind::change) != query.kinds.end()) {
      report::ChangeTally tally(window.from, window.to);
      env.backend().changes().change_report(
        window, query, [&](const store::ChangeRecord& c) { tally.add(c); },
        [&](const store::ChangeReviewEvent& r) { tally.add(r); },
        [&](const store::ChangeLinkEvent& l) { tally.add(l); });
      changes = tally.finish();
    }
    tx.commit();
  }
  report::Report result = builder.finish();
  result.problems = problems;
  result.changes = changes;
  if (latest) {
    result.data_as_of = fmt::format(
      "{} ({})", zone.format_words(util::Time{std::chrono::seconds{*latest}}), zone.name());
  }
  const std::string text = report_render(result, o.format);
  if (o.output && *o.output != "-") {
    report_write_file(*o.output, text);
  } else {
    env.out().write(text);
  }
  return 0;
}

} // namespace

void register_report(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<ReportOptions>();
  auto* sub = app.add_subcommand("report", "Service-level report for a month, quarter, half-year or year");
  sub->add_option("--month", o->period.month, "Calendar month: 2026-10")->type_name("YYYY-MM");
  sub->add_flag("--last-month", o->period.last_month, "The calendar month before this one");
  sub->add_option("--quarter", o->period.quarter, "Quarter: 2026Q3")->type_name("YYYYQn");
  sub->add_option("--half", o->period.half, "Half-year: 2026H1")->type_name("YYYYHn");
  sub->add_option("--year", o->period.year, "Calendar year: 2026")->type_name("YYYY");
  sub->add_option("--from", o->period.from, "First day of a custom period (with --to)")
    ->type_name("DATE");
  sub->add_option("--to", o->period.to, "First day after a custom period (exclusive)")
    ->type_name("DATE");
  sub->add_option("--tz", o->tz, "Time zone of the period (else report.timezone, else local)")
    ->type_name("ZONE");
  offer(sub->add_option("--by", o->by,
                        "Rows by one or two of: priority, group, assignee, category, kind, service")
          ->type_name("FIELD"),
        Values::report_fields);
  offer(sub->add_option("--format", o->format, "table, markdown, csv, json or html")->type_name("FORMAT"),
        {k_report_formats.begin(), k_report_formats.end()});
  sub->add_flag("--json", o->json, "Same as --format json");
  sub->add_option("-o,--output", o->output, "Write the report to FILE instead of standard output")
    ->type_name("FILE");
  sub->add_flag("--trend", o->trend, "Add month-by-month figures (default for --half and --year)");
  sub->add_flag("--no-trend", o->no_trend, "Leave out the month-by-month figures");
  add_filter_options(sub, o->filter, invocation);
  sub->callback([o, &invocation] {
    report_check_options(*o);
    invocation.run = [o](Env& env) { return run_report(env, *o); };
  });
}

} // namespace sdesk::cmd

#include "lib/report/render.hpp"

#include "lib/model/enums.hpp"
#include "lib/report/svg.hpp"

#include <array>

#include <fmt/format.h>

namespace sdesk::report {

namespace {

constexpr std::string_view k_dark = "#1f4e79";  // opened, response: dark in print
constexpr std::string_view k_light = "#e8a33d"; // resolved, resolution: light in print

constexpr std::string_view k_style = R"css(
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
       color: #1a1a1a; background: #fff; max-width: 1100px; margin: 2rem auto; padding: 0 1.5rem;
       line-height: 1.4; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .6rem; border-bottom: 2px solid #1f4e79; padding-bottom: .2rem; }
.period { color: #555; margin: 0 0 1.2rem; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: .8rem; }
.kpi { border: 1px solid #ccc; border-radius: 6px; padding: .6rem .8rem; }
.kpi .value { font-size: 1.5rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.kpi .label { color: #555; font-size: .85rem; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; }
figure { margin: 0; }
figcaption { font-weight: 600; margin-bottom: .3rem; }
svg.chart { width: 100%; height: auto; display: block; }
.wide { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin-bottom: 1rem; }
table.times { font-size: .8rem; }
th, td { padding: .3rem .5rem; border-bottom: 1px solid #ddd; text-align: left; }
th { background: #f0f3f7; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: 600; border-top: 2px solid #444; }
.note { color: #555; font-size: .85rem; }
.asof { color: #555; margin: -.8rem 0 1.2rem; font-size: .9rem; }
dl.defs { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; font-size: .9rem; margin: 0; }
dl.defs dt { font-weight: 600; }
dl.defs dd { margin: 0; }
footer { margin-top: 2rem; color: #666; font-size: .8rem; }
@media (max-width: 800px) { .charts { grid-template-columns: 1fr; } }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
  .wide { overflow: visible; }
  table.times { font-size: 7.5pt; }
  th, td { padding: .15rem .35rem; }
  h2 { break-after: avoid; }
  section, figure, table, .kpis { break-inside: avoid; }
  th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg.chart { max-height: 70mm; }
  svg.chart rect { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .charts { grid-template-columns: 1fr 1fr; }
}
)css";

std::string esc(std::string_view text)
{
  return xml_escape(text);
}

std::string num_cell(const std::string& text)
{
  return "<td class=\"num\">" + esc(text) + "</td>";
}

std::string sla_text(const SlaFigures& s)
{
  return s.pct() ? fmt::format("{} ({}/{})", pct_text(s.pct()), s.met, s.met + s.breached) : "-";
}

std::string kpi(std::string_view label, const std::string& value)
{
  return fmt::format("<div class=\"kpi\"><div class=\"value\">{}</div><div class=\"label\">{}</div></div>\n",
                     esc(value), esc(label));
}

std::string kpis(const Figures& f)
{
  return "<div class=\"kpis\">\n" + kpi("opened", std::to_string(f.opened))
         + kpi("resolved", std::to_string(f.resolved))
         + kpi("backlog at end", std::to_string(f.backlog))
         + kpi("response SLA met", pct_text(f.sla_response.pct()))
         + kpi("resolution SLA met", pct_text(f.sla_resolution.pct()))
         + kpi("median resolution (h)", hours_text(f.resolution_hours.median)) + "</div>\n";
}

// Key header cells and key cells for a row; a single "" column when ungrouped.
std::string key_headers(const Report& report, int rowspan)
{
  std::string out;
  for (const Dimension d : report.by) {
    out += fmt::format("<th rowspan=\"{}\">{}</th>", rowspan, esc(dimension_title(d)));
  }
  return report.by.empty() ? fmt::format("<th rowspan=\"{}\"></th>", rowspan) : out;
}

using Cells = std::string (*)(const Figures&);

std::string volume_cells(const Figures& f)
{
  return num_cell(std::to_string(f.opened)) + num_cell(std::to_string(f.resolved))
         + num_cell(std::to_string(f.closed)) + num_cell(std::to_string(f.reopened))
         + num_cell(std::to_string(f.escalated)) + num_cell(std::to_string(f.backlog))
         + num_cell(sla_text(f.sla_response)) + num_cell(sla_text(f.sla_resolution));
}

std::string summary_cells(const Summary& s)
{
  return num_cell(std::to_string(s.count)) + num_cell(hours_text(s.median))
         + num_cell(hours_text(s.p90)) + num_cell(hours_text(s.mean));
}

std::string time_cells(const Figures& f)
{
  return summary_cells(f.response_hours) + summary_cells(f.resolution_hours)
         + summary_cells(f.business_response_hours) + summary_cells(f.business_resolution_hours);
}

const std::string k_volume_head =
  "<th class=\"num\">Opened</th><th class=\"num\">Resolved</th><th class=\"num\">Closed</th>"
  "<th class=\"num\">Reopened</th><th class=\"num\">Escalated</th><th class=\"num\">Backlog</th>"
  "<th class=\"num\">Response SLA</th><th class=\"num\">Resolution SLA</th>";

std::string time_head()
{
  std::string top;
  std::string sub;
  for (const char* name : {"Response", "Resolution", "Business response", "Business resolution"}) {
    top += fmt::format("<th colspan=\"4\" class=\"num\">{}</th>", name);
    sub += "<th class=\"num\">n</th><th class=\"num\">median</th><th class=\"num\">p90</th>"
           "<th class=\"num\">mean</th>";
  }
  return top + "</tr>\n<tr>" + sub;
}

// Tables with a two-row head are the wide times tables.
std::string table_open(int head_rows)
{
  return head_rows > 1 ? "<div class=\"wide\"><table class=\"times\">\n" : "<div class=\"wide\"><table>\n";
}

std::string table(const Report& report, const std::string& head, int head_rows, Cells cells)
{
  std::string out = table_open(head_rows) + "<thead><tr>" + key_headers(report, head_rows) + head + "</tr></thead>\n<tbody>\n";
  if (!report.by.empty()) {
    for (const Row& row : report.rows) {
      out += "<tr>";
      for (const auto& value : row.key) {
        out += "<td>" + esc(key_label(value)) + "</td>";
      }
      out += cells(row.figures) + "</tr>\n";
    }
  }
  out += fmt::format("<tr class=\"total\"><td colspan=\"{}\">Total</td>{}</tr>\n",
                     std::max<std::size_t>(report.by.size(), 1), cells(report.total));
  return out + "</tbody>\n</table></div>\n";
}

std::string trend_table(const Report& report, const std::string& head, int head_rows, Cells cells)
{
  std::string out = table_open(head_rows)
                    + fmt::format("<thead><tr><th rowspan=\"{}\">Month</th>{}</tr></thead>\n<tbody>\n",
                                  head_rows, head);
  for (const TrendRow& month : report.trend) {
    out += "<tr><td>" + esc(month.month.label) + "</td>" + cells(month.figures) + "</tr>\n";
  }
  return out + "</tbody>\n</table></div>\n";
}

// Opened vs resolved per month; without a trend of two or more months, per row.
std::string volume_chart(const Report& report, std::string& caption)
{
  BarChart chart;
  chart.y_label = "tickets";
  BarSeries opened{"opened", std::string(k_dark), {}};
  BarSeries resolved{"resolved", std::string(k_light), {}};
  if (report.trend.size() >= 2 || report.by.empty()) {
    caption = "Opened vs resolved per month";
    if (report.trend.empty()) {
      chart.categories.push_back(report.period.label);
      opened.values.emplace_back(static_cast<double>(report.total.opened));
      resolved.values.emplace_back(static_cast<double>(report.total.resolved));
    }
    for (const TrendRow& month : report.trend) {
      chart.categories.push_back(month.month.label);
      opened.values.emplace_back(static_cast<double>(month.figures.opened));
      resolved.values.emplace_back(static_cast<double>(month.figures.resolved));
    }
  } else {
    caption = "Opened vs resolved by " + std::string(to_string(report.by.front()));
    for (const Row& row : report.rows) {
      std::string label;
      for (const auto& value : row.key) {
        label += (label.empty() ? "" : " / ") + key_label(value);
      }
      chart.categories.push_back(label);
      opened.values.emplace_back(static_cast<double>(row.figures.opened));
      resolved.values.emplace_back(static_cast<double>(row.figures.resolved));
    }
  }
  chart.title = caption;
  chart.series = {opened, resolved};
  return svg_bar_chart(chart);
}

std::string sla_chart(const Report& report)
{
  BarChart chart;
  chart.title = "SLA compliance by priority";
  chart.y_label = "% met";
  chart.percent = true;
  chart.y_max = 100;
  chart.width = 540;
  BarSeries response{"response", std::string(k_dark), {}};
  BarSeries resolution{"resolution", std::string(k_light), {}};
  for (const PrioritySla& p : report.sla_by_priority) {
    chart.categories.push_back(model::format_priority(p.priority));
    response.values.push_back(p.response.pct());
    resolution.values.push_back(p.resolution.pct());
  }
  chart.series = {response, resolution};
  return svg_bar_chart(chart);
}

std::string histogram_chart(const Report& report)
{
  BarChart chart;
  chart.title = "Resolution time distribution";
  chart.y_label = "tickets resolved";
  chart.width = 540;
  BarSeries count{"tickets", std::string(k_dark), {}};
  for (const HistogramBin& bin : report.resolution_histogram) {
    chart.categories.push_back(bin.label);
    count.values.emplace_back(static_cast<double>(bin.count));
  }
  chart.series = {count};
  return svg_bar_chart(chart);
}

// What each figure on the page means, for a reader without the docs (the
// same definitions as docs/sla.md, in plain words).
constexpr std::array<std::array<std::string_view, 2>, 13> k_definitions{{
  {"Opened", "Tickets opened in the period."},
  {"Resolved", "Tickets whose resolution falls in the period. A ticket reopened and not "
               "yet resolved again is not counted."},
  {"Closed", "Tickets closed in the period."},
  {"Reopened", "Times a resolved ticket was reopened in the period; a ticket reopened twice "
               "counts twice."},
  {"Escalated", "Escalations in the period: each time a ticket was moved up to a group with "
                "more expertise (functional) and each time management was informed "
                "(hierarchical). Every escalation counts, also two of one ticket at once."},
  {"Backlog", "Tickets still open at the end of the period: opened before its end and "
              "neither resolved nor closed by then."},
  {"Response SLA", "Of the tickets whose first-response target was met or missed in the "
                   "period, the share answered in time: met / (met + missed). A ticket still "
                   "unanswered after its due time counts as missed."},
  {"Resolution SLA", "The same for the resolution target: resolved in time, or resolved "
                     "late or still unresolved after the due time."},
  {"Response time", "Hours from opening to the first response by an agent, for tickets "
                    "opened in the period that have had one."},
  {"Resolution time", "Hours from opening to resolution, for tickets resolved in the period."},
  {"Business", "The same times counted in the SLA calendar's business hours, leaving out "
               "time the ticket waited (for example pending on the user)."},
  {"n, median, p90, mean", "How many tickets; the middle value; the value 90% of them stayed "
                           "within; the average."},
  {"-", "Nothing to measure: no ticket in the period had this figure."},
}};

std::string definitions()
{
  std::string out = "<section>\n<h2>What the figures mean</h2>\n<dl class=\"defs\">\n";
  for (const auto& [term, meaning] : k_definitions) {
    out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", esc(term), esc(meaning));
  }
  return out + "</dl>\n</section>\n";
}

} // namespace

std::string render_html(const Report& report)
{
  const std::string title = "Service report: " + report.period.words;
  std::string out = fmt::format(
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
    esc(title), k_style);
  out += fmt::format("<header>\n<h1>{}</h1>\n<p class=\"period\">{}{}</p>\n", esc(title),
                     esc(fmt::format("{} to {} ({})", report.period.from_words,
                                     report.period.to_words, report.period.tz)),
                     report.by.empty() ? ""
                                       : esc(", by " + std::string(to_string(report.by.front()))
                                             + (report.by.size() > 1
                                                  ? ", then " + std::string(to_string(report.by[1]))
                                                  : "")));
  if (report.data_as_of) {
    out += "<p class=\"asof\">Data as of " + esc(*report.data_as_of)
           + ", the latest change in the ticket store.</p>\n";
  }
  out += "</header>\n<section>\n" + kpis(report.total) + "</section>\n";

  std::string caption;
  const std::string volume = volume_chart(report, caption);
  out += "<section>\n<h2>Volume</h2>\n<figure>\n<figcaption>" + esc(caption) + "</figcaption>\n"
         + volume + "</figure>\n</section>\n";
  out += "<section>\n<h2>Service levels</h2>\n<div class=\"charts\">\n"
         "<figure>\n<figcaption>SLA compliance by priority (% met)</figcaption>\n"
         + sla_chart(report)
         + "</figure>\n<figure>\n<figcaption>Resolution time of tickets resolved in the period"
           "</figcaption>\n"
         + histogram_chart(report) + "</figure>\n</div>\n</section>\n";

  out += "<section>\n<h2>Volume and SLA</h2>\n" + table(report, k_volume_head, 1, volume_cells);
  out += "<p class=\"note\">SLA cells: percentage met (met / met + breached).</p>\n</section>\n";
  out += "<section>\n<h2>Times in hours</h2>\n" + table(report, time_head(), 2, time_cells);
  out += "<p class=\"note\">Response: tickets opened in the period that have a first response. "
         "Resolution: tickets resolved in the period. Business: hours of the SLA calendar, paused "
         "time excluded.</p>\n</section>\n";
  if (!report.trend.empty()) {
    out += "<section>\n<h2>By month</h2>\n" + trend_table(report, k_volume_head, 1, volume_cells)
           + trend_table(report, time_head(), 2, time_cells) + "</section>\n";
  }
  out += problems_html(report.problems);
  out += changes_html(report.changes);
  out += definitions();
  out += "<footer>Generated by sdesk report.</footer>\n"
         "</body>\n</html>\n";
  return out;
}

} // namespace sdesk::report

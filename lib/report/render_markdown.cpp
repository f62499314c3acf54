#include "lib/report/render.hpp"

#include "lib/util/strings.hpp"

#include <fmt/format.h>

namespace sdesk::report {

namespace {

// Table cell text: pipes escaped, line breaks and other C0 controls as
// spaces, Markdown emphasis characters escaped, and what else a terminal
// may act on (C1 controls, bidi overrides, bytes that are not UTF-8)
// neutralised as util::sanitize_for_terminal does.
std::string md(std::string_view text)
{
  std::string out;
  for (const char c : text) {
    if (c == '|' || c == '*' || c == '_' || c == '`' || c == '\\' || c == '<' || c == '[') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return util::sanitize_for_terminal(out);
}

std::string sla_cell(const SlaFigures& s)
{
  if (!s.pct()) {
    return "-";
  }
  return fmt::format("{} ({}/{})", pct_text(s.pct()), s.met, s.met + s.breached);
}

std::string line(const std::vector<std::string>& cells)
{
  std::string out = "|";
  for (const auto& cell : cells) {
    out += " " + cell + " |";
  }
  return out + "\n";
}

std::string rule(std::size_t keys, std::size_t figures)
{
  std::string out = "|";
  for (std::size_t i = 0; i < keys; ++i) {
    out += " --- |";
  }
  for (std::size_t i = 0; i < figures; ++i) {
    out += " ---: |";
  }
  return out + "\n";
}

using Cells = std::vector<std::string> (*)(const Figures&);

std::vector<std::string> volume(const Figures& f)
{
  return {std::to_string(f.opened),   std::to_string(f.resolved),  std::to_string(f.closed),
          std::to_string(f.reopened), std::to_string(f.escalated), std::to_string(f.backlog),
          sla_cell(f.sla_response),   sla_cell(f.sla_resolution)};
}

std::vector<std::string> summary(const Summary& s)
{
  return {std::to_string(s.count), hours_text(s.mean), hours_text(s.median), hours_text(s.p90)};
}

std::vector<std::string> wall_times(const Figures& f)
{
  auto cells = summary(f.response_hours);
  const auto more = summary(f.resolution_hours);
  cells.insert(cells.end(), more.begin(), more.end());
  return cells;
}

std::vector<std::string> business_times(const Figures& f)
{
  auto cells = summary(f.business_response_hours);
  const auto more = summary(f.business_resolution_hours);
  cells.insert(cells.end(), more.begin(), more.end());
  return cells;
}

const std::vector<std::string> k_volume{"Opened",    "Resolved", "Closed",       "Reopened",
                                        "Escalated", "Backlog",  "Response SLA", "Resolution SLA"};
const std::vector<std::string> k_times{"Response n",   "Response mean",   "Response median",
                                       "Response p90", "Resolution n",    "Resolution mean",
                                       "Resolution median", "Resolution p90"};

std::string table(const Report& report, const std::vector<std::string>& headers, Cells cells)
{
  std::vector<std::string> head;
  for (const Dimension d : report.by) {
    head.push_back(dimension_title(d));
  }
  if (head.empty()) {
    head.emplace_back("");
  }
  const std::size_t keys = head.size();
  head.insert(head.end(), headers.begin(), headers.end());
  std::string out = line(head) + rule(keys, headers.size());
  const auto add = [&](std::vector<std::string> row, const Figures& f) {
    const auto figures = cells(f);
    row.insert(row.end(), figures.begin(), figures.end());
    out += line(row);
  };
  if (!report.by.empty()) {
    for (const Row& row : report.rows) {
      std::vector<std::string> key;
      for (const auto& value : row.key) {
        key.push_back(md(key_label(value)));
      }
      add(key, row.figures);
    }
  }
  std::vector<std::string> total(keys);
  total.front() = "**Total**";
  add(total, report.total);
  return out;
}

std::string trend_table(const Report& report, const std::vector<std::string>& headers, Cells cells)
{
  std::vector<std::string> head{"Month"};
  head.insert(head.end(), headers.begin(), headers.end());
  std::string out = line(head) + rule(1, headers.size());
  for (const TrendRow& month : report.trend) {
    std::vector<std::string> row{month.month.label};
    const auto figures = cells(month.figures);
    row.insert(row.end(), figures.begin(), figures.end());
    out += line(row);
  }
  return out;
}

} // namespace

std::string render_markdown(const Report& report)
{
  std::string out = fmt::format("# {}\n\n{}", report_title(report), md(period_line(report)));
  if (!report.by.empty()) {
    std::string by;
    for (const Dimension d : report.by) {
      by += (by.empty() ? "" : ", then ") + std::string(to_string(d));
    }
    out += fmt::format(", by {}", by);
  }
  out += ".\n\n## Volume and SLA\n\n" + table(report, k_volume, volume);
  out += "\n## Times in hours (wall clock)\n\n" + table(report, k_times, wall_times);
  out += "\n## Times in business hours (SLA calendar, pauses excluded)\n\n"
         + table(report, k_times, business_times);
  if (!report.trend.empty()) {
    out += "\n## By month\n\n" + trend_table(report, k_volume, volume);
    out += "\n" + trend_table(report, k_times, wall_times);
  }
  out += problems_markdown(report.problems);
  out += changes_markdown(report.changes);
  return out;
}

} // namespace sdesk::report

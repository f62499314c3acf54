#include "lib/report/render.hpp"

#include "lib/util/strings.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::report {

namespace {

// Key columns left-aligned, figures right-aligned, two spaces between.
class Grid {
public:
  Grid(std::vector<std::string> headers, std::size_t key_columns)
    : m_keys(key_columns)
  {
    m_lines.push_back(std::move(headers));
  }

  void add(std::vector<std::string> cells) { m_lines.push_back(std::move(cells)); }

  std::string render() const
  {
    std::vector<std::size_t> widths(m_lines.front().size(), 0);
    for (const auto& line : m_lines) {
      for (std::size_t c = 0; c < line.size(); ++c) {
        widths[c] = std::max(widths[c], util::display_width(line[c]));
      }
    }
    std::string out;
    for (const auto& line : m_lines) {
      std::string text;
      for (std::size_t c = 0; c < line.size(); ++c) {
        const std::string pad(widths[c] - util::display_width(line[c]), ' ');
        text += c < m_keys ? line[c] + pad : pad + line[c];
        text += c + 1 < line.size() ? "  " : "";
      }
      while (!text.empty() && text.back() == ' ') {
        text.pop_back();
      }
      out += text + '\n';
    }
    return out;
  }

private:
  std::size_t m_keys;
  std::vector<std::vector<std::string>> m_lines;
};

std::vector<std::string> key_headers(const Report& report)
{
  std::vector<std::string> headers;
  for (const Dimension d : report.by) {
    std::string name(to_string(d));
    std::transform(name.begin(), name.end(), name.begin(), [](char c) { return static_cast<char>(c - 'a' + 'A'); });
    headers.push_back(name);
  }
  return headers;
}

std::vector<std::string> key_cells(const Row& row)
{
  std::vector<std::string> cells;
  for (const auto& value : row.key) {
    cells.push_back(util::sanitize_for_terminal(key_label(value)));
  }
  return cells;
}

std::vector<std::string> total_cells(const Report& report)
{
  std::vector<std::string> cells(std::max<std::size_t>(report.by.size(), 1));
  cells.front() = "TOTAL";
  return cells;
}

template<typename Cells>
std::vector<std::string> joined(std::vector<std::string> head, const Cells& tail)
{
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

std::vector<std::string> volume_cells(const Figures& f)
{
  return {std::to_string(f.opened),   std::to_string(f.resolved),  std::to_string(f.closed),
          std::to_string(f.reopened), std::to_string(f.escalated), std::to_string(f.backlog),
          pct_text(f.sla_response.pct()), pct_text(f.sla_resolution.pct())};
}

std::vector<std::string> time_cells(const Figures& f)
{
  return {hours_text(f.response_hours.median),          hours_text(f.response_hours.p90),
          hours_text(f.resolution_hours.median),        hours_text(f.resolution_hours.p90),
          hours_text(f.business_response_hours.median), hours_text(f.business_resolution_hours.median)};
}

const std::vector<std::string> k_volume_headers{"OPENED",  "RESOLVED", "CLOSED",   "REOPENED",
                                                "ESCALATED", "BACKLOG", "RESP SLA", "RES SLA"};
const std::vector<std::string> k_time_headers{"RESP MED", "RESP P90", "RES MED",
                                              "RES P90",  "BRESP MED", "BRES MED"};

// One table: rows (if grouped) and the total.
std::string section(const Report& report, const std::vector<std::string>& headers,
                    std::vector<std::string> (*cells)(const Figures&))
{
  std::vector<std::string> keys = key_headers(report);
  if (keys.empty()) {
    keys.emplace_back("");
  }
  Grid grid(joined(keys, headers), keys.size());
  for (const Row& row : report.rows) {
    if (!report.by.empty()) {
      grid.add(joined(key_cells(row), cells(row.figures)));
    }
  }
  grid.add(joined(total_cells(report), cells(report.total)));
  return grid.render();
}

std::string trend_section(const Report& report, const std::vector<std::string>& headers,
                          std::vector<std::string> (*cells)(const Figures&))
{
  Grid grid(joined({"MONTH"}, headers), 1);
  for (const TrendRow& month : report.trend) {
    grid.add(joined({month.month.label}, cells(month.figures)));
  }
  return grid.render();
}

} // namespace

std::string render_table(const Report& report)
{
  std::string out = fmt::format("{}: {}\n\n", report_title(report), period_line(report));
  out += section(report, k_volume_headers, volume_cells);
  out += "\nTimes in hours: wall clock (RESP, RES) and business (BRESP, BRES)\n";
  out += section(report, k_time_headers, time_cells);
  if (!report.trend.empty()) {
    out += "\nBy month\n";
    out += trend_section(report, k_volume_headers, volume_cells);
    out += "\n";
    out += trend_section(report, k_time_headers, time_cells);
  }
  out += problems_table(report.problems);
  out += changes_table(report.changes);
  return out;
}

} // namespace sdesk::report

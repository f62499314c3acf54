#include "lib/report/render.hpp"

#include "lib/util/csv.hpp"

#include <algorithm>

namespace sdesk::report {

namespace {

// Absent values are empty fields.
std::string opt(const std::optional<double>& value, int decimals)
{
  return value ? number_text(*value, decimals) : std::string();
}

void summary_headers(std::vector<std::string>& out, const std::string& name)
{
  for (const char* part : {"count", "mean", "median", "p90"}) {
    out.push_back(name + "_" + part);
  }
}

void summary_fields(std::vector<std::string>& out, const Summary& s)
{
  out.push_back(std::to_string(s.count));
  out.push_back(opt(s.mean, 4));
  out.push_back(opt(s.median, 4));
  out.push_back(opt(s.p90, 4));
}

void sla_fields(std::vector<std::string>& out, const SlaFigures& s)
{
  out.push_back(std::to_string(s.met));
  out.push_back(std::to_string(s.breached));
  out.push_back(opt(s.pct(), 2));
}

std::vector<std::string> figure_fields(const Figures& f)
{
  std::vector<std::string> out{std::to_string(f.opened),   std::to_string(f.resolved),
                               std::to_string(f.closed),   std::to_string(f.reopened),
                               std::to_string(f.escalated), std::to_string(f.backlog)};
  summary_fields(out, f.response_hours);
  summary_fields(out, f.resolution_hours);
  summary_fields(out, f.business_response_hours);
  summary_fields(out, f.business_resolution_hours);
  sla_fields(out, f.sla_response);
  sla_fields(out, f.sla_resolution);
  return out;
}

std::vector<std::string> header(const Report& report)
{
  std::vector<std::string> out{"section"};
  for (const Dimension d : report.by) {
    out.emplace_back(to_string(d));
  }
  for (const char* name : {"month", "from", "to", "opened", "resolved", "closed", "reopened",
                           "escalated", "backlog"}) {
    out.emplace_back(name);
  }
  summary_headers(out, "response_hours");
  summary_headers(out, "resolution_hours");
  summary_headers(out, "business_response_hours");
  summary_headers(out, "business_resolution_hours");
  for (const char* name : {"sla_response_met", "sla_response_breached", "sla_response_pct",
                           "sla_resolution_met", "sla_resolution_breached", "sla_resolution_pct"}) {
    out.emplace_back(name);
  }
  return out;
}

std::vector<std::string> record(const std::string& section,
                                std::vector<std::string> keys,
                                const std::string& month,
                                const Period& period,
                                const Figures& figures)
{
  std::vector<std::string> out{section};
  out.insert(out.end(), keys.begin(), keys.end());
  out.push_back(month);
  out.push_back(period.from_text);
  out.push_back(period.to_text);
  const auto fields = figure_fields(figures);
  out.insert(out.end(), fields.begin(), fields.end());
  return out;
}

} // namespace

std::string render_csv(const Report& report)
{
  // With a problems or changes section: its columns after the others,
  // filled on the one "problems" or "changes" record (problem_figures.hpp,
  // change_figures.hpp), empty on every other record.
  const auto add = [&](std::string& text, std::vector<std::string> cells,
                       const std::optional<ProblemFigures>& problems,
                       const std::optional<ChangeFigures>& changes) {
    if (report.problems) {
      const auto extra = problems_csv_cells(problems);
      cells.insert(cells.end(), extra.begin(), extra.end());
    }
    if (report.changes) {
      const auto extra = changes_csv_cells(changes);
      cells.insert(cells.end(), extra.begin(), extra.end());
    }
    util::append_csv_record(text, cells);
  };
  std::string out;
  auto head = header(report);
  if (report.problems) {
    const auto extra = problems_csv_headers();
    head.insert(head.end(), extra.begin(), extra.end());
  }
  if (report.changes) {
    const auto extra = changes_csv_headers();
    head.insert(head.end(), extra.begin(), extra.end());
  }
  util::append_csv_record(out, head);
  const std::vector<std::string> no_keys(report.by.size());
  for (const Row& row : report.rows) {
    std::vector<std::string> keys;
    for (const auto& value : row.key) {
      keys.push_back(value.value_or(""));
    }
    add(out, record("row", keys, "", report.period, row.figures), std::nullopt, std::nullopt);
  }
  add(out, record("total", no_keys, "", report.period, report.total), std::nullopt, std::nullopt);
  for (const TrendRow& month : report.trend) {
    add(out, record("month", no_keys, month.month.label, month.month, month.figures), std::nullopt,
        std::nullopt);
  }
  // A section's record: the ticket figures do not apply to it, left empty.
  const auto section = [&](const char* name) {
    auto cells = record(name, no_keys, "", report.period, Figures{});
    std::fill(cells.begin() + 1 + static_cast<std::ptrdiff_t>(no_keys.size()) + 3, cells.end(), std::string());
    return cells;
  };
  if (report.problems) {
    add(out, section("problems"), report.problems, std::nullopt);
  }
  if (report.changes) {
    add(out, section("changes"), std::nullopt, report.changes);
  }
  return out;
}

} // namespace sdesk::report

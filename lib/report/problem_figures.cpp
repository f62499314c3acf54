#include "lib/report/problem_figures.hpp"

#include "lib/report/render.hpp"
#include "lib/util/text_table.hpp"

#include <array>
#include <utility>

#include <fmt/format.h>

namespace sdesk::report {

namespace {

constexpr double k_seconds_per_day = 86400.0;

bool inside(std::int64_t at, std::int64_t from, std::int64_t to)
{
  return at >= from && at < to;
}

// Days with one decimal, or "-".
std::string days_text(const std::optional<double>& days)
{
  return days ? fmt::format("{:.1f}", *days) : "-";
}

// The section's lines as (label, value) pairs, in the order every format
// shows them.
std::vector<std::pair<std::string, std::string>> lines(const ProblemFigures& f)
{
  return {{"opened", std::to_string(f.opened)},
          {"known errors recorded", std::to_string(f.known_errors)},
          {"resolved", std::to_string(f.resolved)},
          {"incidents linked", std::to_string(f.incidents_linked)},
          {"days to known error, mean", days_text(f.days_to_known_error.mean)},
          {"days to known error, median", days_text(f.days_to_known_error.median)}};
}

} // namespace

ProblemTally::ProblemTally(std::int64_t from, std::int64_t to)
  : m_from(from)
  , m_to(to)
{
}

void ProblemTally::add(const store::ProblemRecord& p)
{
  if (inside(p.created, m_from, m_to)) {
    ++m_figures.opened;
  }
  if (p.resolved && inside(*p.resolved, m_from, m_to)) {
    ++m_figures.resolved;
  }
  if (p.known_error && inside(*p.known_error, m_from, m_to)) {
    ++m_figures.known_errors;
    m_days.push_back(static_cast<double>(*p.known_error - p.created) / k_seconds_per_day);
  }
}

void ProblemTally::add(const store::ProblemLinkEvent& link)
{
  if (inside(link.at, m_from, m_to)) {
    ++m_figures.incidents_linked;
  }
}

ProblemFigures ProblemTally::finish()
{
  m_figures.days_to_known_error = summarize(m_days);
  return m_figures;
}

std::string problems_table(const std::optional<ProblemFigures>& figures)
{
  if (!figures) {
    return {};
  }
  util::TextTable table({"PROBLEMS", ""});
  for (auto& [label, value] : lines(*figures)) {
    table.add_row({label, value});
  }
  return "\n" + table.render();
}

std::string problems_markdown(const std::optional<ProblemFigures>& figures)
{
  if (!figures) {
    return {};
  }
  std::string out = "\n## Problems\n\n| Figure | Value |\n|---|---:|\n";
  for (const auto& [label, value] : lines(*figures)) {
    out += fmt::format("| {} | {} |\n", label, value);
  }
  return out;
}

std::string problems_html(const std::optional<ProblemFigures>& figures)
{
  if (!figures) {
    return {};
  }
  std::string out = "<section>\n<h2>Problems</h2>\n<table>\n";
  for (const auto& [label, value] : lines(*figures)) {
    out += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", label, value);
  }
  return out + "</table>\n</section>\n";
}

void problems_json(util::JsonWriter& json, const std::optional<ProblemFigures>& figures)
{
  if (!figures) {
    return;
  }
  const ProblemFigures& f = *figures;
  json.key("problems").begin_object();
  json.key("opened").value(f.opened).key("known_errors").value(f.known_errors);
  json.key("resolved").value(f.resolved).key("incidents_linked").value(f.incidents_linked);
  json.key("days_to_known_error").begin_object();
  json.key("count").value(f.days_to_known_error.count);
  for (const auto& [key, value] : {std::pair{"mean", f.days_to_known_error.mean},
                                   std::pair{"median", f.days_to_known_error.median}}) {
    json.key(key);
    if (value) {
      json.raw(number_text(*value, 4));
    } else {
      json.null();
    }
  }
  json.end_object().end_object();
}

std::vector<std::string> problems_csv_headers()
{
  return {"problems_opened", "problems_known_errors", "problems_resolved", "problems_incidents_linked",
          "problems_days_to_known_error_mean", "problems_days_to_known_error_median"};
}

std::vector<std::string> problems_csv_cells(const std::optional<ProblemFigures>& figures)
{
  if (!figures) {
    return std::vector<std::string>(problems_csv_headers().size());
  }
  const ProblemFigures& f = *figures;
  const auto opt = [](const std::optional<double>& v) { return v ? number_text(*v, 4) : std::string(); };
  return {std::to_string(f.opened),           std::to_string(f.known_errors),
          std::to_string(f.resolved),         std::to_string(f.incidents_linked),
          opt(f.days_to_known_error.mean),    opt(f.days_to_known_error.median)};
}

} // namespace sdesk::report

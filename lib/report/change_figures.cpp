#include "lib/report/change_figures.hpp"

#include "lib/report/render.hpp"
#include "lib/util/text_table.hpp"

#include <utility>

#include <fmt/format.h>

namespace sdesk::report {

namespace {

bool inside(std::int64_t at, std::int64_t from, std::int64_t to)
{
  return at >= from && at < to;
}

bool inside(const std::optional<std::int64_t>& at, std::int64_t from, std::int64_t to)
{
  return at && inside(*at, from, to);
}

// The section's lines as (label, value) pairs, in the order every format
// shows them.
std::vector<std::pair<std::string, std::string>> lines(const ChangeFigures& f)
{
  return {{"requested", std::to_string(f.requested)},
          {"approved", std::to_string(f.approved)},
          {"rejected", std::to_string(f.rejected)},
          {"implemented", std::to_string(f.implemented)},
          {"outcome successful", std::to_string(f.successful)},
          {"outcome failed", std::to_string(f.failed)},
          {"outcome backed out", std::to_string(f.backed_out)},
          {"emergency", std::to_string(f.emergency)},
          {"emergency share", pct_text(f.emergency_pct)},
          {"caused incidents", std::to_string(f.caused_incidents)}};
}

} // namespace

ChangeTally::ChangeTally(std::int64_t from, std::int64_t to)
  : m_from(from)
  , m_to(to)
{
}

void ChangeTally::add(const store::ChangeRecord& c)
{
  if (inside(c.created, m_from, m_to)) {
    ++m_figures.requested;
    if (c.emergency) {
      ++m_figures.emergency;
    }
  }
  if (inside(c.approved, m_from, m_to)) {
    ++m_figures.approved;
  }
  if (inside(c.rejected, m_from, m_to)) {
    ++m_figures.rejected;
  }
  if (inside(c.implementing, m_from, m_to)) {
    ++m_figures.implemented;
  }
}

void ChangeTally::add(const store::ChangeReviewEvent& review)
{
  if (inside(review.at, m_from, m_to)) {
    m_outcomes[review.change] = review.outcome;
  }
}

void ChangeTally::add(const store::ChangeLinkEvent& link)
{
  if (inside(link.at, m_from, m_to)) {
    m_causes.insert(link.change);
  }
}

ChangeFigures ChangeTally::finish()
{
  for (const auto& [id, outcome] : m_outcomes) {
    if (outcome == "successful") {
      ++m_figures.successful;
    } else if (outcome == "failed") {
      ++m_figures.failed;
    } else if (outcome == "backed_out") {
      ++m_figures.backed_out;
    }
  }
  m_figures.caused_incidents = static_cast<std::int64_t>(m_causes.size());
  if (m_figures.requested > 0) {
    m_figures.emergency_pct =
      100.0 * static_cast<double>(m_figures.emergency) / static_cast<double>(m_figures.requested);
  }
  return m_figures;
}

std::string changes_table(const std::optional<ChangeFigures>& figures)
{
  if (!figures) {
    return {};
  }
  util::TextTable table({"CHANGES", ""});
  for (auto& [label, value] : lines(*figures)) {
    table.add_row({label, value});
  }
  return "\n" + table.render();
}

std::string changes_markdown(const std::optional<ChangeFigures>& figures)
{
  if (!figures) {
    return {};
  }
  std::string out = "\n## Changes\n\n| Figure | Value |\n|---|---:|\n";
  for (const auto& [label, value] : lines(*figures)) {
    out += fmt::format("| {} | {} |\n", label, value);
  }
  return out;
}

std::string changes_html(const std::optional<ChangeFigures>& figures)
{
  if (!figures) {
    return {};
  }
  std::string out = "<section>\n<h2>Changes</h2>\n<table>\n";
  for (const auto& [label, value] : lines(*figures)) {
    out += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", label, value);
  }
  return out + "</table>\n</section>\n";
}

void changes_json(util::JsonWriter& json, const std::optional<ChangeFigures>& figures)
{
  if (!figures) {
    return;
  }
  const ChangeFigures& f = *figures;
  json.key("changes").begin_object();
  json.key("requested").value(f.requested).key("approved").value(f.approved);
  json.key("rejected").value(f.rejected).key("implemented").value(f.implemented);
  json.key("outcomes").begin_object();
  json.key("successful").value(f.successful).key("failed").value(f.failed);
  json.key("backed_out").value(f.backed_out).end_object();
  json.key("emergency").begin_object().key("count").value(f.emergency).key("pct");
  if (f.emergency_pct) {
    json.raw(number_text(*f.emergency_pct, 2));
  } else {
    json.null();
  }
  json.end_object();
  json.key("caused_incidents").value(f.caused_incidents);
  json.end_object();
}

std::vector<std::string> changes_csv_headers()
{
  return {"changes_requested",  "changes_approved",       "changes_rejected",
          "changes_implemented", "changes_successful",    "changes_failed",
          "changes_backed_out", "changes_emergency",      "changes_emergency_pct",
          "changes_caused_incidents"};
}

std::vector<std::string> changes_csv_cells(const std::optional<ChangeFigures>& figures)
{
  if (!figures) {
    return std::vector<std::string>(changes_csv_headers().size());
  }
  const ChangeFigures& f = *figures;
  return {std::to_string(f.requested),   std::to_string(f.approved),
          std::to_string(f.rejected),    std::to_string(f.implemented),
          std::to_string(f.successful),  std::to_string(f.failed),
          std::to_string(f.backed_out),  std::to_string(f.emergency),
          f.emergency_pct ? number_text(*f.emergency_pct, 2) : std::string(),
          std::to_string(f.caused_incidents)};
}

} // namespace sdesk::report

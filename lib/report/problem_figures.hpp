#pragma once

// The problems section of `sdesk report --kind problem` (issue 9): its
// figures, computed from the store's problem records and link actions of
// the period, and one renderer per format, hooked into the report's
// renderers (render_*.cpp) by one call each. docs/report-problems.md
// defines each figure.

#include "lib/report/stats.hpp"
#include "lib/store/problem_store.hpp"
#include "lib/util/json_writer.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sdesk::report {

// The problem figures of one period.
struct ProblemFigures {
  std::int64_t opened = 0;           // problems created in the period
  std::int64_t known_errors = 0;     // problems whose first move to known_error is in the period
  std::int64_t resolved = 0;         // problems with their resolution time in the period
  std::int64_t incidents_linked = 0; // link actions in the period making an incident caused-by a problem
  Summary days_to_known_error;       // creation to first known_error, for the known_errors counted
};

// Accumulates the figures over the window [from, to) (Unix seconds) from
// ProblemStore::problem_report's two streams.
class ProblemTally {
public:
  ProblemTally(std::int64_t from, std::int64_t to);

  void add(const store::ProblemRecord& problem);
  void add(const store::ProblemLinkEvent& link);

  // The figures; call once, after every add.
  ProblemFigures finish();

private:
  std::int64_t m_from;
  std::int64_t m_to;
  ProblemFigures m_figures;
  std::vector<double> m_days;
};

// --- Renderers: each the problems section in its format (empty for none) ---

// Plain text: a heading line and aligned "label  value" lines.
std::string problems_table(const std::optional<ProblemFigures>& figures);

// Markdown: "## Problems" and a two-column table.
std::string problems_markdown(const std::optional<ProblemFigures>& figures);

// HTML: a <section> with a definition list.
std::string problems_html(const std::optional<ProblemFigures>& figures);

// JSON: the key "problems" and its object, into the open object of `json`.
void problems_json(util::JsonWriter& json, const std::optional<ProblemFigures>& figures);

// CSV: the extra column names, and a row's cells for them (empty cells for
// a row that is not the problems row, `figures` absent).
std::vector<std::string> problems_csv_headers();
std::vector<std::string> problems_csv_cells(const std::optional<ProblemFigures>& figures);

} // namespace sdesk::report

#pragma once

// The changes section of `sdesk report --kind change` (issue 9): its
// figures, computed from the store's change records, review actions and
// link actions of the period, and one renderer per format, hooked into the
// report's renderers (render_*.cpp) by one call each.
// docs/report-changes.md defines each figure.

#include "lib/store/change_store.hpp"
#include "lib/util/json_writer.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sdesk::report {

// The change figures of one period.
struct ChangeFigures {
  std::int64_t requested = 0;   // changes created in the period
  std::int64_t approved = 0;    // changes whose first move to approved is in the period
  std::int64_t rejected = 0;    // changes whose first move to rejected is in the period
  std::int64_t implemented = 0; // changes whose first move to implementing is in the period
  std::int64_t successful = 0;  // changes whose last review in the period recorded this outcome
  std::int64_t failed = 0;
  std::int64_t backed_out = 0;
  std::int64_t emergency = 0;         // emergency changes among the requested
  std::optional<double> emergency_pct; // emergency / requested * 100; absent for none requested
  std::int64_t caused_incidents = 0;  // changes a link action in the period made the cause of an incident
};

// Accumulates the figures over the window [from, to) (Unix seconds) from
// ChangeStore::change_report's three streams.
class ChangeTally {
public:
  ChangeTally(std::int64_t from, std::int64_t to);

  void add(const store::ChangeRecord& change);
  // Reviews oldest first: a later review of the same change replaces its outcome.
  void add(const store::ChangeReviewEvent& review);
  void add(const store::ChangeLinkEvent& link);

  // The figures; call once, after every add.
  ChangeFigures finish();

private:
  std::int64_t m_from;
  std::int64_t m_to;
  ChangeFigures m_figures;
  std::map<model::TicketId, std::string> m_outcomes;
  std::set<model::TicketId> m_causes;
};

// --- Renderers: each the changes section in its format (empty for none) ---

// Plain text: a heading line and aligned "label  value" lines.
std::string changes_table(const std::optional<ChangeFigures>& figures);

// Markdown: "## Changes" and a two-column table.
std::string changes_markdown(const std::optional<ChangeFigures>& figures);

// HTML: a <section> with a two-column table.
std::string changes_html(const std::optional<ChangeFigures>& figures);

// JSON: the key "changes" and its object, into the open object of `json`.
void changes_json(util::JsonWriter& json, const std::optional<ChangeFigures>& figures);

// CSV: the extra column names, and a row's cells for them (empty cells for
// a row that is not the changes row, `figures` absent).
std::vector<std::string> changes_csv_headers();
std::vector<std::string> changes_csv_cells(const std::optional<ChangeFigures>& figures);

} // namespace sdesk::report

#pragma once

// Turns the streamed report inputs (lib/store/report_source.hpp) into rows,
// a total, a monthly trend and the extra series the HTML charts draw.

#include "lib/report/change_figures.hpp"
#include "lib/report/problem_figures.hpp"
#include "lib/report/dimension.hpp"
#include "lib/report/figures.hpp"
#include "lib/report/period.hpp"
#include "lib/store/report_source.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::report {

// One row: the values of the `by` fields (absent = ticket has none).
struct Row {
  std::vector<std::optional<std::string>> key;
  Figures figures;
};

struct TrendRow {
  Period month; // clipped to the report period
  Figures figures;
};

struct PrioritySla {
  int priority = 0;
  SlaFigures response;
  SlaFigures resolution;
};

// Tickets resolved in the period by wall-clock resolution time.
struct HistogramBin {
  std::string label;     // "<1h", "1-4h", ...
  double from_hours = 0; // inclusive
  std::optional<double> to_hours; // exclusive; absent for the last bin
  std::int64_t count = 0;
};

struct Report {
  Period period;
  std::vector<Dimension> by;
  std::vector<Row> rows; // sorted by key: priorities by number, names A-Z, absent
                         // last; rows with all figures zero are left out; none
                         // when `by` is empty
  Figures total;
  std::vector<TrendRow> trend; // empty unless asked for
  std::vector<PrioritySla> sla_by_priority;       // every priority with an SLA outcome
  std::vector<HistogramBin> resolution_histogram; // always every bin
  // When the data was last changed, for readers: "6 October 2026 08:15
  // (UTC)" (the store's latest change, set by the caller; not the clock).
  std::optional<std::string> data_as_of;
  // The problems section (`--kind` includes problem), set by the caller;
  // absent: no section in any format.
  std::optional<ProblemFigures> problems;
  // The changes section (`--kind` includes change), set by the caller;
  // absent: no section in any format.
  std::optional<ChangeFigures> changes;
};

// Accumulates one report. Feed every ticket and event of the period's
// window (add), then call finish once. Memory grows with the tickets of the
// period (their durations are kept for the percentiles), not with the store.
class Builder {
public:
  // `trend_months` (possibly empty) are the months of the trend, inside
  // `period`. `as_of` is when the store was read (now): a due time after it
  // is not a breach yet, even when the period runs on past it.
  Builder(Period period, std::vector<Dimension> by, std::vector<Period> trend_months, Time as_of);
  ~Builder();
  Builder(const Builder&) = delete;
  Builder& operator=(const Builder&) = delete;

  void add(const store::ReportTicket& ticket);
  void add(const store::ReportEvent& event);

  Report finish();

private:
  struct State;
  std::unique_ptr<State> m_state;
};

} // namespace sdesk::report

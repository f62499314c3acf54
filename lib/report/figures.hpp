#pragma once

// The figures of one report row, of the total and of each trend month.
// docs/sla.md defines each one exactly; lib/report/aggregate.cpp computes
// them.

#include "lib/report/stats.hpp"

#include <cstdint>
#include <optional>

namespace sdesk::report {

// SLA outcomes for one target (response or resolution).
struct SlaFigures {
  std::int64_t met = 0;
  std::int64_t breached = 0;

  // met / (met + breached) x 100, absent when both are zero.
  std::optional<double> pct() const
  {
    const auto decided = met + breached;
    return decided == 0 ? std::nullopt
                        : std::optional{100.0 * static_cast<double>(met) / static_cast<double>(decided)};
  }
};

struct Figures {
  std::int64_t opened = 0;    // created in the period
  std::int64_t resolved = 0;  // resolution time in the period
  std::int64_t closed = 0;    // closing time in the period
  std::int64_t reopened = 0;  // reopen actions in the period
  std::int64_t escalated = 0; // escalation actions (functional or hierarchical) in the period
  std::int64_t backlog = 0;   // open at the end of the period
  // In hours; statistics absent when there is nothing to measure.
  Summary response_hours;            // created in the period, with a first response
  Summary resolution_hours;          // resolved in the period
  Summary business_response_hours;   // same tickets, from the stored business seconds
  Summary business_resolution_hours; // same tickets, from the stored business seconds
  SlaFigures sla_response;
  SlaFigures sla_resolution;
};

} // namespace sdesk::report

#pragma once

#include "lib/sla/calendar.hpp"

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sdesk::sla {

// An interval [begin, end) during which the SLA clock is stopped (the ticket
// was in a pausing status such as `pending`). An empty `end` means the clock
// is still paused. Pauses may overlap each other and may extend outside the
// interval being measured; all functions below merge and clip them.
struct Pause {
  Time begin;
  std::optional<Time> end;
};

// What the SLA clock was doing during a piece of time.
enum class ClockState {
  running,       // business hours, not paused: the clock counts
  paused,        // inside a pause (takes precedence over the calendar)
  outside_hours, // not paused, outside business hours
  holiday,       // not paused, on a holiday
};

// A piece of [start, until) with one state and the rule that caused it:
// the calendar's rule ("mon 08:00-17:00", "outside business hours",
// "holiday 2026-12-25", "24x7"), or "paused" for paused pieces.
struct ClockSegment {
  Time begin;
  Time end;
  ClockState state;
  std::string rule;

  friend bool operator==(const ClockSegment&, const ClockSegment&) = default;
};

// Returns the business time in [start, until) that falls outside every
// pause; zero if until <= start. Throws Error(internal) for a pause that ends
// before it begins.
std::chrono::seconds elapsed(const Calendar& calendar,
                             Time start,
                             Time until,
                             std::span<const Pause> pauses);

// Returns the earliest instant t >= start with elapsed(calendar, start, t,
// pauses) == target (`start` when target is zero), or an empty optional when
// an open pause stops the clock before the target is reached. Throws
// Error(usage) for a negative target or one too large for the calendar (see
// Calendar::add_business_time), Error(internal) for a reversed pause.
std::optional<Time> due_time(const Calendar& calendar,
                             Time start,
                             std::chrono::seconds target,
                             std::span<const Pause> pauses);

// Returns consecutive segments covering [start, until) exactly, adjacent
// segments with equal state and rule merged; empty if until <= start. A
// paused piece is reported as paused whatever the calendar says (one segment
// per merged pause). Throws Error(internal) for a reversed pause.
std::vector<ClockSegment> explain(const Calendar& calendar,
                                  Time start,
                                  Time until,
                                  std::span<const Pause> pauses);

} // namespace sdesk::sla

#pragma once

// SLA policies: which targets apply to a ticket, and the due times and
// business durations that follow from its history. Pure functions; the
// caller (lib/ops) loads the events and stores the results.
//
// The clock rules (docs/sla-policies.md):
// - Both targets are measured in business time of the policy's calendar,
//   from `created`.
// - Both clocks stop while the ticket is in a pausing status (the
//   configured `pause_statuses`, default `pending`) and while it is
//   `resolved` or `closed`. So a reopened ticket continues where it stopped
//   at resolution: the time it spent resolved does not count.
// - The response target is done at the first response, or at resolution if
//   that comes first (resolving a ticket answers it). The resolution target
//   is done at resolution. A done target's due time and business time are
//   fixed at that instant; a reopen (which clears `resolved`) un-does it.
// - While a clock is stopped and its target not reached, the due time is
//   unknown (empty): it is set again when the clock restarts.

#include "lib/model/record_type.hpp"
#include "lib/model/ticket.hpp"
#include "lib/sla/calendar.hpp"
#include "lib/sla/clock.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::sla {

// Targets for first response and resolution per priority, measured in
// business time of one calendar. A policy applies to tickets matching all
// of its non-empty criteria; among matching policies that define a target
// for the ticket's priority, the most specific (most criteria) wins, ties
// broken by name.
struct Policy {
  std::string name;
  std::vector<model::Kind> kinds;    // empty = any kind
  std::vector<std::string> services; // empty = any service
  std::vector<std::string> groups;   // empty = any group
  std::string calendar = "24x7";
  std::map<int, std::chrono::seconds> response;   // priority -> target
  std::map<int, std::chrono::seconds> resolution; // priority -> target
};

// The SLA part of the configuration ([calendars.*], [sla], [sla.policies.*]).
struct Settings {
  std::vector<Calendar> calendars{Calendar::twenty_four_seven()}; // always includes "24x7"
  std::vector<Policy> policies;                                   // sorted by name
  // Default: the statuses the record types pause in (model::RecordType).
  std::vector<model::Status> pause_statuses = model::pausing_statuses_of_any_type();

  // The calendar named `name`, or null.
  const Calendar* find_calendar(std::string_view name) const;
};

// The two targets a policy sets.
enum class Target { response, resolution };

// "response" or "resolution".
std::string_view to_string(Target target);

// Recomputes the SLA fields of `ticket` from its history `events` (oldest
// first, including the events of the change being made; status changes
// give the pauses): sla_policy, response_due, resolution_due, and — once the
// ticket has a first response / is resolved — response_business /
// resolution_business (business time from created, minus paused business
// time). Fields are cleared when no policy applies. Changing the priority,
// kind, service or group re-selects the policy; entering or leaving a
// pausing status moves the due times. Throws Error(internal) when the
// policy names a calendar `settings` lacks (the config loader prevents it).
void refresh(const Settings& settings, model::Ticket& ticket, std::span<const model::Event> events);

// Returns the policy for `ticket` (see Policy), or null when none matches
// with a target for its priority.
const Policy* select_policy(const Settings& settings, const model::Ticket& ticket);

// Whether a ticket of `kind` in `status` has its SLA clocks stopped: a
// configured pausing status, or one its type does not count as open
// (incidents: `resolved`, `closed`). A status the type does not have (the
// incident-lifecycle history of a ticket migrated to its own lifecycle by
// schema 9) is judged by the incident lifecycle, as it was when recorded.
bool stops_clock(const Settings& settings, model::Kind kind, model::Status status);

// One stretch of time the clocks were stopped, and the status that did it.
struct StatusPause {
  Time begin;
  std::optional<Time> end; // empty: still in that status
  model::Status status;
};

// Returns the stretches in which `events` (oldest first) put the ticket in
// a status that stops the clock, in order. A status event is one with
// field "status" and the status name as new_value. Event times that go
// backwards (a --now in the past) are taken as the previous event's time.
// `kind` is the ticket's (see stops_clock).
std::vector<StatusPause> status_pauses(const Settings& settings,
                                       std::span<const model::Event> events,
                                       model::Kind kind = model::Kind::incident);

// Where one target stands at an instant.
enum class TargetState {
  running, // not done, within target, clock running
  paused,  // not done, within target, clock stopped
  met,     // done within target
  missed,  // done late, or not done and past its target
};

// "running", "paused", "met", "missed".
std::string_view to_string(TargetState state);

// One target of a ticket measured at an instant.
struct TargetClock {
  Target target = Target::response;
  std::chrono::seconds goal{0};  // the policy's target
  std::optional<Time> due;       // empty while stopped short of the goal
  std::optional<Time> done;      // first response / resolution
  std::chrono::seconds used{0};  // business time counted until done, else until now
  TargetState state = TargetState::running;

  // Business time left; negative when the target was missed.
  std::chrono::seconds left() const { return goal - used; }
  // Percent of the goal used, rounded down (0 for a zero goal not yet used).
  std::int64_t percent() const;
};

// A ticket's SLA clocks at an instant.
struct TicketClock {
  const Policy* policy = nullptr; // null: no SLA applies, nothing below is set
  const Calendar* calendar = nullptr;
  std::vector<StatusPause> pauses;
  std::optional<TargetClock> response;   // empty: no response target for the priority
  std::optional<TargetClock> resolution; // empty: no resolution target
};

// Measures `ticket`'s clocks at `now` with its history `events` (oldest
// first), selecting the policy from `settings` as refresh() does. Throws
// like refresh().
TicketClock evaluate(const Settings& settings, const model::Ticket& ticket,
                     std::span<const model::Event> events, Time now);

// Returns the ticket's clock as consecutive segments covering [created,
// until): running, outside hours, holiday (the calendar's rule) or paused
// (rule "status pending", "status resolved", ...). Empty without a policy.
std::vector<ClockSegment> ticket_segments(const TicketClock& clock, Time created, Time until);

} // namespace sdesk::sla

#pragma once

// SLA policies: which targets apply to a ticket, and the due times and
// business durations that follow from its history. Pure functions; the
// caller (lib/ops) loads the events and stores the results.
//
// INTERFACE DRAFT by the lead — the implementer may refine names/comments
// but keep these shapes: lib/ops, import and reports depend on them.

#include "lib/model/ticket.hpp"
#include "lib/sla/calendar.hpp"

#include <chrono>
#include <map>
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
  std::vector<Calendar> calendars; // always includes "24x7"
  std::vector<Policy> policies;
  std::vector<model::Status> pause_statuses{model::Status::pending};

  // The calendar named `name`, or null.
  const Calendar* find_calendar(std::string_view name) const;
};

// Recomputes the SLA fields of `ticket` from its history `events` (oldest
// first, including the events of the change being made; status changes
// give the pauses): sla_policy, response_due, resolution_due, and — once the
// ticket has a first response / is resolved — response_business /
// resolution_business (business time from created, minus paused business
// time). Fields are cleared when no policy applies. Changing the priority,
// kind, service or group re-selects the policy; entering or leaving a
// pausing status moves the resolution due time.
void refresh(const Settings& settings, model::Ticket& ticket, std::span<const model::Event> events);

} // namespace sdesk::sla

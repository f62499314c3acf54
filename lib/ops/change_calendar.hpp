#pragma once

// What `sdesk change calendar` shows: the changes whose planned window
// meets a period, and the freezes in it (docs/sdesk-change.md).

#include "lib/config/config.hpp"
#include "lib/ops/context.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sdesk::ops {

// The period and the filters of a calendar.
struct CalendarRequest {
  util::Time from;
  util::Time to; // exclusive
  std::optional<std::string> service;
  std::optional<std::string> release;
};

// The calendar: changes by planned start (then id), freezes by start.
struct ChangeCalendar {
  std::vector<model::Ticket> changes; // with planned_start and planned_end in [from, to)
  std::vector<config::Freeze> freezes;
};

// The changes (any status) whose planned window overlaps [from, to), of
// `service` and `release` when given, and the configured freezes that
// overlap it. One read transaction. Throws Error(usage) when `to` is not
// after `from`.
ChangeCalendar change_calendar(Context& ctx, const CalendarRequest& request);

} // namespace sdesk::ops

#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sdesk::util {

// An instant, UTC, whole seconds. Stored as seconds since the Unix epoch.
using Time = std::chrono::sys_seconds;

// Parses an ISO 8601 date or date-time:
//   2026-11-22, 2026-11-22T09:30, 2026-11-22T09:30:15, 2026-11-22 09:30,
//   each optionally followed by Z, +01:00, -0500 or +01.
// A value without an offset is wall-clock time in the process's local time
// zone (TZ); a date alone means its midnight. Throws Error(usage) naming
// `what` (e.g. "--since") and the accepted forms.
Time parse_time(std::string_view text, std::string_view what);

// Formats `t` in the process's local time zone as ISO 8601 with its offset:
// "2026-11-22T16:42:05+01:00".
std::string format_time(Time t);

// Formats `t` as ISO 8601 in UTC: "2026-11-22T15:42:05Z" (for history values).
std::string format_time_utc(Time t);

// Formats an optional instant; empty string when absent.
std::string format_time(const std::optional<Time>& t);

// The current instant, truncated to seconds.
Time now();

} // namespace sdesk::util

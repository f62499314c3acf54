#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace sdesk::util {

// Parses a duration such as "30m", "4h", "1h30m", "2d", "1w", "45s" (units
// w, d, h, m, s; at least one; each at most once, largest first), at most
// 5200w (about 100 years). Throws Error(usage) naming `what` and the
// accepted form.
std::chrono::seconds parse_duration(std::string_view text, std::string_view what);

// Formats a duration compactly for people: "2d 3h", "4h 05m", "12m", "0m".
// Negative durations get a leading '-'.
std::string format_duration(std::chrono::seconds d);

// The delay before retrying a delivery that failed `attempts` times (1, 2,
// ...): 1 minute, doubled each time, at most 1 hour. The one retry
// schedule of post-commit hooks and outgoing mail.
std::chrono::seconds retry_delay(std::int64_t attempts);

} // namespace sdesk::util

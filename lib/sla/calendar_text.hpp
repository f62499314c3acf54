#pragma once

// Internal to lib/sla: small text helpers shared by calendar.cpp (messages,
// segment rules) and calendar_parse.cpp (the config parsers).

#include <array>
#include <string>
#include <string_view>

namespace sdesk::sla::detail {

// Weekday names as in config keys and rules, Monday first.
inline constexpr std::array<std::string_view, 7> k_weekdays{"mon", "tue", "wed", "thu",
                                                            "fri", "sat", "sun"};

// `text` in single quotes, for messages.
inline std::string quoted(std::string_view text)
{
  return std::string("'").append(text).append("'");
}

// `value` with a leading zero below 10: "07".
inline std::string two_digits(long value)
{
  return std::string(value >= 0 && value < 10 ? "0" : "").append(std::to_string(value));
}

} // namespace sdesk::sla::detail

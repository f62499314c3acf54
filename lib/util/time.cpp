#include "lib/util/time.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <tuple>

#include <fmt/format.h>

namespace sdesk::util {

namespace {

constexpr std::string_view k_accepted =
  "accepted: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] with optional Z or +HH:MM";

// Reads exactly `digits` decimal digits from the front of `text`.
std::optional<int> take_number(std::string_view& text, std::size_t digits)
{
  if (text.size() < digits) {
    return std::nullopt;
  }
  int value = 0;
  const auto* end = text.data() + digits;
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) {
    return std::nullopt;
  }
  text.remove_prefix(digits);
  return value;
}

bool take_char(std::string_view& text, char c)
{
  if (!text.empty() && text.front() == c) {
    text.remove_prefix(1);
    return true;
  }
  return false;
}

struct Parsed {
  std::chrono::year_month_day date;
  std::chrono::seconds time_of_day{0};
  std::optional<std::chrono::seconds> offset; // east of UTC
};

std::optional<std::chrono::seconds> parse_offset(std::string_view text)
{
  if (text == "Z" || text == "z") {
    return std::chrono::seconds{0};
  }
  const bool negative = take_char(text, '-');
  if (!negative && !take_char(text, '+')) {
    return std::nullopt;
  }
  const auto hours = take_number(text, 2);
  int minutes = 0;
  if (!text.empty()) {
    take_char(text, ':');
    const auto m = take_number(text, 2);
    if (!m) {
      return std::nullopt;
    }
    minutes = *m;
  }
  if (!hours || !text.empty() || *hours > 23 || minutes > 59) {
    return std::nullopt;
  }
  const std::chrono::seconds offset = std::chrono::hours{*hours} + std::chrono::minutes{minutes};
  return negative ? -offset : offset;
}

std::optional<Parsed> parse(std::string_view text)
{
  Parsed parsed;
  const auto y = take_number(text, 4);
  if (!y || !take_char(text, '-')) {
    return std::nullopt;
  }
  const auto m = take_number(text, 2);
  if (!m || !take_char(text, '-')) {
    return std::nullopt;
  }
  const auto d = take_number(text, 2);
  if (!d) {
    return std::nullopt;
  }
  parsed.date = std::chrono::year{*y} / std::chrono::month{static_cast<unsigned>(*m)}
                / std::chrono::day{static_cast<unsigned>(*d)};
  if (!parsed.date.ok()) {
    return std::nullopt;
  }
  if (text.empty()) {
    return parsed;
  }
  if (!take_char(text, 'T') && !take_char(text, 't') && !take_char(text, ' ')) {
    return std::nullopt;
  }
  const auto hh = take_number(text, 2);
  if (!hh || !take_char(text, ':')) {
    return std::nullopt;
  }
  const auto mm = take_number(text, 2);
  int ss = 0;
  if (!mm) {
    return std::nullopt;
  }
  if (take_char(text, ':')) {
    const auto s = take_number(text, 2);
    if (!s) {
      return std::nullopt;
    }
    ss = *s;
    if (take_char(text, '.')) { // fractional seconds are accepted and dropped
      while (!text.empty() && text.front() >= '0' && text.front() <= '9') {
        text.remove_prefix(1);
      }
    }
  }
  if (*hh > 23 || *mm > 59 || ss > 60) {
    return std::nullopt;
  }
  parsed.time_of_day = std::chrono::hours{*hh} + std::chrono::minutes{*mm} + std::chrono::seconds{ss};
  if (!text.empty()) {
    parsed.offset = parse_offset(text);
    if (!parsed.offset) {
      return std::nullopt;
    }
  }
  return parsed;
}

// A wall-clock time as its fields, most significant first, to compare.
using WallClock = std::tuple<int, int, int, int, int, int>;

WallClock fields_of(const std::tm& tm)
{
  return {tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec};
}

// What the clock in TZ shows at `t`.
WallClock wall_clock_at(std::time_t t)
{
  std::tm local{};
  localtime_r(&t, &local);
  return fields_of(local);
}

// Local wall-clock time to UTC through the C library, which honours TZ
// (POSIX rules too), read as TimeZone::to_sys reads it: a time the clock
// shows twice (clocks going back) is the earlier instant; one it never shows
// (clocks going forward) is the instant of the change. mktime alone guesses
// (glibc took the later of a repeated time in one zone, the earlier in
// another), so both readings are tried and checked.
Time local_to_utc(const Parsed& parsed)
{
  const auto seconds = parsed.time_of_day.count();
  std::tm wall{};
  wall.tm_year = static_cast<int>(parsed.date.year()) - 1900;
  wall.tm_mon = static_cast<int>(static_cast<unsigned>(parsed.date.month())) - 1;
  wall.tm_mday = static_cast<int>(static_cast<unsigned>(parsed.date.day()));
  wall.tm_hour = static_cast<int>(seconds / 3600);
  wall.tm_min = static_cast<int>(seconds / 60 % 60);
  wall.tm_sec = static_cast<int>(seconds % 60);
  const auto reading = [&wall](int isdst) {
    std::tm tm = wall;
    tm.tm_isdst = isdst;
    return mktime(&tm);
  };
  const std::time_t standard = reading(0);
  const std::time_t daylight = reading(1);
  const WallClock wanted = fields_of(wall);
  const bool as_standard = wall_clock_at(standard) == wanted;
  const bool as_daylight = wall_clock_at(daylight) == wanted;
  std::time_t found = 0;
  if (as_standard && as_daylight) {
    found = std::min(standard, daylight);
  } else if (as_standard || as_daylight) {
    found = as_standard ? standard : daylight;
  } else {
    // Skipped: the first second at which the clock shows `wall` or later
    // lies between the two readings.
    std::time_t before = std::min(standard, daylight);
    found = std::max(standard, daylight);
    while (found - before > 1) {
      const std::time_t middle = before + (found - before) / 2;
      (wall_clock_at(middle) >= wanted ? found : before) = middle;
    }
  }
  return Time{std::chrono::seconds{found}};
}

} // namespace

Time parse_time(std::string_view text, std::string_view what)
{
  const auto parsed = parse(text);
  if (!parsed) {
    throw Error(ErrorKind::usage, fmt::format("{}: bad date/time {} ({})", what, quote(text), k_accepted));
  }
  if (!parsed->offset) {
    return local_to_utc(*parsed);
  }
  return std::chrono::sys_days{parsed->date} + parsed->time_of_day - *parsed->offset;
}

std::string format_time(Time t)
{
  const std::time_t seconds = t.time_since_epoch().count();
  std::tm tm{};
  localtime_r(&seconds, &tm);
  const long offset_minutes = tm.tm_gmtoff / 60;
  const char sign = offset_minutes < 0 ? '-' : '+';
  const long magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}", tm.tm_year + 1900,
                     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, sign,
                     magnitude / 60, magnitude % 60);
}

std::string format_time_utc(Time t)
{
  const auto days = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day date{days};
  const std::chrono::hh_mm_ss clock{t - days};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     clock.hours().count(), clock.minutes().count(), clock.seconds().count());
}

std::string format_time(const std::optional<Time>& t)
{
  return t ? format_time(*t) : std::string{};
}

Time now()
{
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

} // namespace sdesk::util

#pragma once

// Cron schedules: the five fields of crontab(5), minute hour day-of-month
// month day-of-week ("0 9 1 * *"), and their occurrences in a time zone.
// Pure: the instant to search from is a parameter.
//
// Accepted in each field: `*`, a number, a range `A-B`, a step `*/S` or
// `A-B/S`, and comma-separated lists of these. Months may be named jan..dec
// and weekdays sun..sat (any case; also in ranges); weekday 7 is Sunday,
// like 0. Nothing else: no seconds or year field, no @daily, no L, W, # or ?.
//
// Day of month and day of week combine as in cron: when both are restricted
// (neither field starts with `*`), a day matches if EITHER matches
// ("0 9 1 * mon" is the 1st and every Monday); when one starts with `*`
// (also `*/2`), only the other restricts the day.
//
// Daylight saving time, in the schedule's zone: a wall-clock time the change
// to summer time skips (02:30 on the night clocks go 02:00 -> 03:00) occurs
// at the instant of the change (03:00 summer time), once, however many of
// the skipped minutes the schedule names; a wall-clock time repeated by the
// change to standard time occurs once, at its first (summer-time) instant.
// This is what Vixie cron and cronie do for fixed times. Unlike them, a
// schedule with a wildcard hour ("0 * * * *") gets the same treatment: the
// repeated hour's wall-clock times are not due a second time (cron runs
// wildcard jobs through it again), so such a schedule has one occurrence
// fewer on that night.

#include "lib/util/time.hpp"
#include "lib/util/time_zone.hpp"

#include <bitset>
#include <optional>
#include <string>
#include <string_view>

namespace sdesk::util {

class CronSchedule {
public:
  // What parse() accepts, for "(accepted: ...)" in messages.
  static constexpr std::string_view k_accepted =
    "five fields 'minute hour day-of-month month day-of-week' such as \"0 9 1 * *\"; each *, N, "
    "A-B, */S, A-B/S or a comma list of these; months jan-dec, weekdays sun-sat or 0-7";

  // Parses `text`. Throws Error(usage) with the problem alone (no key, no
  // accepted list: the caller adds both), e.g. "day of month: '32' is
  // outside 1-31", or "is never due: no selected month has day 31" for a
  // schedule that cannot occur (31 with only months of 30 days).
  static CronSchedule parse(std::string_view text);

  // The text it was parsed from.
  const std::string& text() const { return m_text; }

  // The first occurrence strictly after `after`, in `zone`; nothing if
  // there is none within ten years (never, for a schedule parse accepts,
  // beyond the leap-day gap of 2096-2104).
  std::optional<Time> next_after(Time after, const TimeZone& zone) const;

  // The last occurrence at or before `at`, in `zone`; nothing if there is
  // none within the ten years before it.
  std::optional<Time> last_at_or_before(Time at, const TimeZone& zone) const;

  // Whether the wall-clock minute `local` (seconds ignored) matches.
  bool matches(LocalSeconds local) const;

private:
  CronSchedule() = default;

  // The first matching minute at or after `from`, up to `limit`.
  std::optional<LocalSeconds> match_from(LocalSeconds from, LocalSeconds limit) const;
  // The last matching minute at or before `from`, down to `limit`.
  std::optional<LocalSeconds> match_before(LocalSeconds from, LocalSeconds limit) const;
  // Whether the day `d` matches (day of month, weekday, the OR rule).
  bool day_matches(date::year_month_day d) const;

  std::string m_text;
  std::bitset<60> m_minutes;
  std::bitset<24> m_hours;
  std::bitset<32> m_days;     // 1..31
  std::bitset<13> m_months;   // 1..12
  std::bitset<7> m_weekdays;  // 0 = Sunday
  bool m_days_star = false;     // the day-of-month field starts with '*'
  bool m_weekdays_star = false; // the day-of-week field starts with '*'
};

} // namespace sdesk::util

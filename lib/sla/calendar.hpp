#pragma once

#include "lib/util/time_zone.hpp"

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

namespace sdesk::sla {

// An instant, UTC, whole seconds (the same type as sdesk::util::Time).
using Time = std::chrono::sys_seconds;

// One range of business hours in local wall-clock time: minutes since local
// midnight, `begin` inclusive, `end` exclusive, 0 <= begin < end <= 24h.
struct BusinessHours {
  std::chrono::minutes begin;
  std::chrono::minutes end;

  friend bool operator==(const BusinessHours&, const BusinessHours&) = default;
};

// The business hours of each weekday: index 0 = Monday ... 6 = Sunday. Each
// day's ranges are sorted and non-overlapping; an empty day is closed.
using Week = std::array<std::vector<BusinessHours>, 7>;

// Why a piece of time is open or not.
enum class SegmentKind {
  open,    // inside a business-hours range
  closed,  // outside every business-hours range of its day
  holiday, // on a holiday: closed all (local) day
};

// A piece of [from, to) with one kind and the rule that caused it, e.g.
// "mon 08:00-17:00", "outside business hours", "holiday 2026-12-25", "24x7".
struct Segment {
  Time begin;
  Time end;
  SegmentKind kind;
  std::string rule;

  friend bool operator==(const Segment&, const Segment&) = default;
};

namespace detail {
class DayWalker;
}

// A business calendar: an IANA time zone, weekly business hours in that
// zone's wall-clock time, and holidays (local dates closed all day).
//
// Intervals are half-open: [from, to). Local times are mapped to instants
// as the earlier instant (util::TimeZone::to_sys), for both ends of every range:
// - a nonexistent local time (spring-forward gap) maps to the transition
//   instant, so 01:00-04:00 on 2026-03-29 in Europe/Amsterdam lasts 2 hours;
// - an ambiguous local time (fall-back overlap) maps to its first
//   occurrence, so 01:00-04:00 on 2026-10-25 lasts 4 hours, 02:00-03:00
//   lasts 2 hours, and a range ending at 02:30 ends at the first 02:30.
// Because one choice is used everywhere the mapping is monotonic: ranges that
// touch in local time touch in real time and never overlap.
// Note: the system tzdb (USE_OS_TZDB) lists transitions only up to 2037.
//
// A Calendar is a cheap-to-copy value; the zone is resolved once in make().
class Calendar {
public:
  // Returns a validated calendar. `zone` is an IANA name such as
  // "Europe/Amsterdam"; `holidays` may be unsorted and contain duplicates.
  // Throws Error(config) naming the calendar when the zone is unknown, a
  // range is outside 00:00-24:00 or empty, a day's ranges are unsorted or
  // overlap (naming the day), a holiday is not a valid date, or the week has
  // no business hours at all.
  static Calendar make(std::string name,
                       std::string_view zone,
                       Week week,
                       std::vector<date::year_month_day> holidays = {});

  // Returns the built-in calendar "24x7": UTC, always open, no holidays.
  // Never throws and never loads the time zone database.
  static Calendar twenty_four_seven();

  // Returns the calendar's name, e.g. "office" or "24x7".
  const std::string& name() const noexcept { return m_name; }

  // Returns the IANA zone name, "UTC" for 24x7.
  const std::string& zone_name() const noexcept { return m_zone_name; }

  // Returns true when every instant is business time (24x7, or 00:00-24:00
  // every day without holidays); all arithmetic is then plain +/-.
  bool always_open() const noexcept { return m_always_open; }

  // Returns the weekly business hours (index 0 = Monday).
  const Week& week() const noexcept { return m_week; }

  // Returns the holidays, sorted, without duplicates.
  const std::vector<date::local_days>& holidays() const noexcept { return m_holidays; }

  // Returns `t` as wall-clock time in the calendar's zone (UTC for 24x7).
  date::local_seconds to_local(Time t) const;

  // Returns the business (open) time in [from, to); zero if to <= from.
  // Does not throw.
  std::chrono::seconds business_time(Time from, Time to) const;

  // Returns the earliest instant t >= start with business_time(start, t) ==
  // `amount`; `start` itself when amount is zero (even outside hours), so a
  // positive amount never ends at the start of a closed period. Walks day by
  // day. Throws Error(usage) for a negative amount or one that cannot be
  // reached within 400 years.
  Time add_business_time(Time start, std::chrono::seconds amount) const;

  // Returns consecutive segments covering [from, to) exactly, adjacent
  // segments with equal kind and rule merged; empty if to <= from.
  std::vector<Segment> segments(Time from, Time to) const;

private:
  friend class detail::DayWalker;

  Calendar() = default;

  // The zone, loaded on first use: a command that does no calendar
  // arithmetic need not read the zone file just because a calendar is
  // configured. Not thread-safe.
  const util::TimeZone& zone() const;

  std::string m_name;
  std::string m_zone_name;
  mutable std::optional<util::TimeZone> m_zone; // see zone()
  bool m_utc = false;                             // the built-in 24x7
  Week m_week;
  std::vector<date::local_days> m_holidays; // sorted, unique
  bool m_always_open = false;
};

// --- Parsing helpers for the config loader ---

// Parses "HH:MM-HH:MM", e.g. "08:00-17:00" or "00:00-24:00" (24:00 only as
// an end). Throws Error(config) quoting `text`, accepted: HH:MM-HH:MM with
// begin before end.
BusinessHours parse_business_hours(std::string_view text);

// Parses one day's ranges separated by commas, e.g. "08:00-12:00,
// 13:00-17:00"; "" or "closed" means no ranges. Does not check order (make()
// does). Throws Error(config) like parse_business_hours().
std::vector<BusinessHours> parse_day(std::string_view text);

// Parses a weekday name "mon".."sun" or "monday".."sunday" (any case) and
// returns its Week index (0 = Monday). Throws Error(config) listing the names.
std::size_t parse_weekday(std::string_view text);

// Parses a date "YYYY-MM-DD", e.g. "2026-12-25". Throws Error(config) quoting
// `text` for bad syntax or an impossible date, accepted: YYYY-MM-DD.
date::year_month_day parse_date(std::string_view text);

// Returns "08:00-17:00" for a range (minutes are whole; "24:00" for end of day).
std::string format_business_hours(const BusinessHours& hours);

// Returns "mon".."sun" for Week index 0..6; "?" for anything else.
std::string_view weekday_name(std::size_t index) noexcept;

} // namespace sdesk::sla

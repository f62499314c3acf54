#include "lib/sla/calendar.hpp"

#include "lib/sla/calendar_text.hpp"
#include "lib/util/error.hpp"

#include <algorithm>
#include <utility>

namespace sdesk::sla {

using std::chrono::minutes;
using std::chrono::seconds;

using detail::k_weekdays;
using detail::quoted;
using detail::two_digits;

namespace {

constexpr minutes k_day_minutes{24 * 60};
constexpr std::string_view k_outside = "outside business hours";
constexpr std::string_view k_open_always = "24x7";
// add_business_time gives up after this many local days (400 years).
constexpr int k_max_walk_days = 400 * 366;

std::string format_ymd(const date::year_month_day& ymd)
{
  return std::to_string(static_cast<int>(ymd.year())) + "-"
         + two_digits(static_cast<unsigned>(ymd.month())) + "-"
         + two_digits(static_cast<unsigned>(ymd.day()));
}

std::size_t weekday_index(date::local_days day)
{
  return date::weekday{day}.iso_encoding() - 1; // iso: Monday = 1 ... Sunday = 7
}

// Throws Error(config) naming the day unless `ranges` (Week index `day`) are
// each within 00:00-24:00 and non-empty, sorted and non-overlapping.
void check_day(const std::string& prefix, std::size_t day, const std::vector<BusinessHours>& ranges)
{
  const std::string where = prefix + std::string(k_weekdays[day]);
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    const BusinessHours& range = ranges[i];
    if (range.begin < minutes{0} || range.end > k_day_minutes || range.begin >= range.end) {
      throw Error(ErrorKind::config,
                  where + " range " + quoted(format_business_hours(range))
                    + " is invalid; accepted: HH:MM-HH:MM with 00:00 <= begin < end <= 24:00");
    }
    if (i > 0 && ranges[i - 1].end > range.begin) {
      throw Error(ErrorKind::config,
                  where + " ranges " + quoted(format_business_hours(ranges[i - 1])) + " and "
                    + quoted(format_business_hours(range))
                    + " overlap or are out of order; accepted: sorted, non-overlapping ranges");
    }
  }
}

} // namespace

namespace detail {

// Walks a (not always-open) calendar one local day at a time, mapping local
// wall-clock times of the current day to the earlier instant (to_sys).
// Caches the zone's current UTC offset: when no transition lies within two
// days of the current day, conversion is a subtraction (the tzdb lookup is
// comparatively slow).
class DayWalker {
public:
  // Positions on the local day whose instants [begin(), end()) contain `at`.
  DayWalker(const Calendar& calendar, Time at)
    : m_calendar(calendar)
  {
    enter(date::floor<date::days>(calendar.to_local(at)));
    while (m_begin > at) {
      enter(m_day - date::days{1});
    }
    while (m_end <= at) {
      next();
    }
  }

  void next() { enter(m_day + date::days{1}); }

  date::local_days day() const { return m_day; }
  Time begin() const { return m_begin; }
  Time end() const { return m_end; }

  bool holiday() const
  {
    return std::binary_search(m_calendar.m_holidays.begin(), m_calendar.m_holidays.end(), m_day);
  }

  const std::vector<BusinessHours>& ranges() const
  {
    return m_calendar.m_week[weekday_index(m_day)];
  }

  // Returns the instant of local time `m` after the current day's midnight.
  Time to_sys(minutes m) const
  {
    const date::local_seconds local = m_day + m;
    if (m_uniform) {
      return Time{local.time_since_epoch()} - m_offset;
    }
    return m_calendar.zone().to_sys(local);
  }

private:
  // True when every local time of `day` lies, as an instant, more than two
  // days inside the cached offset's validity: UTC offsets differ by less than
  // two days, so no other offset can claim it and the mapping is unambiguous.
  bool offset_covers(date::local_days day) const
  {
    const Time lo = Time{day.time_since_epoch()} - m_offset - date::days{2};
    const Time hi = Time{day.time_since_epoch()} - m_offset + date::days{3};
    return m_valid_from <= lo && hi < m_valid_until;
  }

  void enter(date::local_days day)
  {
    m_day = day;
    if (!offset_covers(day)) {
      // Any instant near the day works: offsets are less than a day.
      const util::TimeZone::Offset info =
        m_calendar.zone().offset_at(Time{day.time_since_epoch()} + std::chrono::hours{12});
      m_offset = info.offset;
      m_valid_from = info.begin;
      m_valid_until = info.end;
    }
    m_uniform = offset_covers(day);
    m_begin = to_sys(minutes{0});
    m_end = to_sys(k_day_minutes);
  }

  const Calendar& m_calendar;
  date::local_days m_day{};
  seconds m_offset{0};
  Time m_valid_from = Time::max(); // empty until the first lookup
  Time m_valid_until = Time::min();
  bool m_uniform = false;
  Time m_begin{};
  Time m_end{};
};

} // namespace detail



Calendar Calendar::make(std::string name,
                        std::string_view zone,
                        Week week,
                        std::vector<date::year_month_day> holidays)
{
  const std::string prefix = "calendar " + quoted(name) + ": ";
  Calendar calendar;
  if (!util::TimeZone::exists(zone)) {
    throw Error(ErrorKind::config,
                prefix + "unknown time zone " + quoted(zone)
                  + "; accepted: an IANA name such as Europe/Amsterdam or UTC");
  }
  bool any_hours = false;
  bool all_day_every_day = true;
  for (std::size_t i = 0; i < week.size(); ++i) {
    check_day(prefix, i, week[i]);
    any_hours = any_hours || !week[i].empty();
    all_day_every_day = all_day_every_day && week[i].size() == 1 && week[i][0].begin == minutes{0}
                        && week[i][0].end == k_day_minutes;
  }
  if (!any_hours) {
    throw Error(ErrorKind::config,
                "calendar " + quoted(name)
                  + " has no business hours; accepted: at least one range such as 08:00-17:00");
  }
  for (const date::year_month_day& ymd : holidays) {
    if (!ymd.ok()) {
      throw Error(ErrorKind::config,
                  prefix + "invalid holiday " + quoted(format_ymd(ymd))
                    + "; accepted: a real date YYYY-MM-DD");
    }
    calendar.m_holidays.push_back(date::local_days{ymd});
  }
  std::sort(calendar.m_holidays.begin(), calendar.m_holidays.end());
  calendar.m_holidays.erase(std::unique(calendar.m_holidays.begin(), calendar.m_holidays.end()),
                            calendar.m_holidays.end());
  calendar.m_name = std::move(name);
  calendar.m_zone_name = std::string(zone);
  calendar.m_week = std::move(week);
  calendar.m_always_open = all_day_every_day && calendar.m_holidays.empty();
  return calendar;
}

Calendar Calendar::twenty_four_seven()
{
  Calendar calendar;
  calendar.m_name = std::string(k_open_always);
  calendar.m_zone_name = "UTC";
  calendar.m_utc = true;
  calendar.m_week.fill({{minutes{0}, k_day_minutes}});
  calendar.m_always_open = true;
  return calendar;
}

const util::TimeZone& Calendar::zone() const
{
  if (!m_zone) {
    m_zone = util::TimeZone::find(m_zone_name);
    if (!m_zone) { // the file was checked in make(), then removed
      throw Error(ErrorKind::config, "calendar " + quoted(m_name) + ": unknown time zone "
                                       + quoted(m_zone_name));
    }
  }
  return *m_zone;
}

date::local_seconds Calendar::to_local(Time t) const
{
  if (m_utc) {
    return date::local_seconds{t.time_since_epoch()};
  }
  return zone().to_local(t);
}

seconds Calendar::business_time(Time from, Time to) const
{
  if (to <= from) {
    return seconds{0};
  }
  if (m_always_open) {
    return to - from;
  }
  seconds total{0};
  for (detail::DayWalker walker(*this, from); walker.begin() < to; walker.next()) {
    if (walker.holiday()) {
      continue;
    }
    for (const BusinessHours& range : walker.ranges()) {
      const Time begin = std::max(walker.to_sys(range.begin), from);
      const Time end = std::min(walker.to_sys(range.end), to);
      if (begin < end) {
        total += end - begin;
      }
    }
  }
  return total;
}

Time Calendar::add_business_time(Time start, seconds amount) const
{
  if (amount < seconds{0}) {
    throw Error(ErrorKind::usage,
                "business time to add must not be negative (got " + std::to_string(amount.count())
                  + "s); accepted: 0s or more");
  }
  if (amount == seconds{0}) {
    return start;
  }
  if (m_always_open) {
    return start + amount;
  }
  seconds remaining = amount;
  detail::DayWalker walker(*this, start);
  const date::local_days last_day = walker.day() + date::days{k_max_walk_days};
  for (; walker.day() <= last_day; walker.next()) {
    if (walker.holiday()) {
      continue;
    }
    for (const BusinessHours& range : walker.ranges()) {
      const Time begin = std::max(walker.to_sys(range.begin), start);
      const Time end = walker.to_sys(range.end);
      if (begin >= end) {
        continue;
      }
      if (end - begin >= remaining) {
        return begin + remaining;
      }
      remaining -= end - begin;
    }
  }
  throw Error(ErrorKind::usage,
              "business time of " + std::to_string(amount.count()) + "s cannot be reached in "
                + "400 years with calendar " + quoted(m_name) + "; accepted: a shorter duration");
}

std::vector<Segment> Calendar::segments(Time from, Time to) const
{
  std::vector<Segment> out;
  if (to <= from) {
    return out;
  }
  if (m_always_open) {
    out.push_back({from, to, SegmentKind::open, std::string(k_open_always)});
    return out;
  }
  const auto push = [&](Time begin, Time end, SegmentKind kind, std::string_view rule) {
    begin = std::max(begin, from);
    end = std::min(end, to);
    if (begin >= end) {
      return;
    }
    if (!out.empty() && out.back().end == begin && out.back().kind == kind
        && out.back().rule == rule) {
      out.back().end = end;
      return;
    }
    out.push_back({begin, end, kind, std::string(rule)});
  };
  for (detail::DayWalker walker(*this, from); walker.begin() < to; walker.next()) {
    if (walker.holiday()) {
      push(walker.begin(), walker.end(), SegmentKind::holiday,
           "holiday " + format_ymd(date::year_month_day{walker.day()}));
      continue;
    }
    Time cursor = walker.begin();
    for (const BusinessHours& range : walker.ranges()) {
      const Time begin = std::max(walker.to_sys(range.begin), cursor);
      const Time end = std::max(walker.to_sys(range.end), begin);
      push(cursor, begin, SegmentKind::closed, k_outside);
      push(begin, end, SegmentKind::open,
           std::string(weekday_name(weekday_index(walker.day()))) + " "
             + format_business_hours(range));
      cursor = end;
    }
    push(cursor, walker.end(), SegmentKind::closed, k_outside);
  }
  return out;
}

} // namespace sdesk::sla

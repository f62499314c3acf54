#pragma once

// Report periods: a calendar month, quarter, half-year, year or a range of
// days in one time zone, as a half-open interval of instants [from, to)
// whose ends are local midnights.

#include "lib/util/error.hpp"
#include "lib/util/time.hpp"
#include "lib/util/time_zone.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::report {

using util::Time;

// The IANA time zone a report is computed in.
class Zone {
public:
  // The zone named `name` ("Europe/Amsterdam", "UTC"). Throws an Error of
  // `kind` (usage for --tz, config for report.timezone) naming `what` when
  // the name is unknown.
  static Zone named(std::string_view name, std::string_view what, ErrorKind kind = ErrorKind::usage);

  // The local zone: $TZ when it names a zone ("Europe/Paris", ":Europe/Paris"),
  // else /etc/localtime; UTC when neither can be read.
  static Zone local();

  const std::string& name() const { return m_zone.name(); }

  // The instant of local midnight starting `ymd` (for a midnight skipped by a
  // DST change, the instant the day begins).
  Time midnight(int year, unsigned month, unsigned day) const;

  // The local calendar date (year, month, day) of `t`.
  void local_date(Time t, int& year, unsigned& month, unsigned& day) const;

  // ISO 8601 local time with offset: "2026-10-01T00:00:00+02:00".
  std::string format(Time t) const;

  // Local time in words, to the minute: "6 October 2026 08:15".
  std::string format_words(Time t) const;

private:
  explicit Zone(util::TimeZone zone)
    : m_zone(std::move(zone))
  {
  }

  util::TimeZone m_zone;
};

// What kind of period a report covers.
enum class Span { month, quarter, half, year, range };

// A report period [from, to) in `zone`.
struct Period {
  Span span = Span::month;
  std::string label; // "2026-10", "2026Q3", "2026H1", "2026", "2026-10-01..2026-10-15"
  // For readers: "October 2026", "Q3 2026", "H1 2026", "2026", "1 October
  // 2026 to 14 October 2026" (a range names its last day, not --to).
  std::string words;
  Time from{};
  Time to{}; // exclusive
  std::string tz;
  std::string from_text; // local ISO 8601 with offset: "2026-10-01T00:00:00+02:00"
  std::string to_text;
  std::string from_words; // local, for readers: "1 October 2026 00:00"
  std::string to_words;
};

// How the period was asked for on the command line; exactly one form.
struct PeriodRequest {
  std::optional<std::string> month;   // --month 2026-10
  bool last_month = false;            // --last-month
  std::optional<std::string> quarter; // --quarter 2026Q3
  std::optional<std::string> half;    // --half 2026H1
  std::optional<std::string> year;    // --year 2026
  std::optional<std::string> from;    // --from 2026-10-01 (with --to)
  std::optional<std::string> to;      // --to 2026-11-01, exclusive
};

// Resolves `request` in `zone`; `now` decides --last-month. Throws
// Error(usage) naming the option and the accepted forms for a malformed or
// out-of-range value, no period, more than one, or --from without --to
// (or a range that is empty).
Period resolve_period(const PeriodRequest& request, const Zone& zone, Time now);

// The single forms, for tests and tools; each throws like resolve_period.
Period month_period(std::string_view text, const Zone& zone);   // "2026-10"
Period quarter_period(std::string_view text, const Zone& zone); // "2026Q3", "2026-Q3"
Period half_period(std::string_view text, const Zone& zone);    // "2026H1", "2026-H1"
Period year_period(std::string_view text, const Zone& zone);    // "2026"
Period range_period(std::string_view from, std::string_view to, const Zone& zone); // dates

// The calendar months overlapping `period`, each clipped to it: the rows of
// a monthly trend. Labels are "2026-01".
std::vector<Period> months_of(const Period& period, const Zone& zone);

} // namespace sdesk::report

#include "lib/report/period.hpp"

#include "lib/util/strings.hpp"

#include <date/date.h>

#include <array>
#include <cctype>
#include <chrono>

#include <fmt/format.h>

namespace sdesk::report {

namespace {

constexpr std::string_view k_accepted_periods =
  "--month YYYY-MM, --last-month, --quarter YYYYQn, --half YYYYHn, --year YYYY, or "
  "--from YYYY-MM-DD --to YYYY-MM-DD";

constexpr std::array<std::string_view, 12> k_month_names{
  "January", "February", "March",     "April",   "May",      "June",
  "July",    "August",   "September", "October", "November", "December"};

constexpr int k_min_year = 1900;
constexpr int k_max_year = 9999;

// The value of the `count` digits at `pos`, or -1 unless all are digits.
int digits(std::string_view text, std::size_t pos, std::size_t count)
{
  if (pos + count > text.size()) {
    return -1;
  }
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
      return -1;
    }
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

[[noreturn]] void bad(std::string_view option, std::string_view text, std::string_view what,
                      std::string_view accepted)
{
  throw Error(ErrorKind::usage,
              fmt::format("{}: {} is not {} (accepted: {})", option, util::quote(text), what, accepted));
}

int year_of(std::string_view text, std::string_view option, std::string_view what,
            std::string_view accepted)
{
  const int year = digits(text, 0, 4);
  if (year < k_min_year || year > k_max_year) {
    bad(option, text, what, accepted);
  }
  return year;
}

// "2026Q3", "2026-Q3", "2026q3": the number after the letter, 1..`max`.
int part_of_year(std::string_view text, char letter, int max, std::string_view option,
                 std::string_view what, std::string_view accepted)
{
  std::size_t pos = 4;
  if (text.size() == 7 && text[4] == '-') {
    ++pos;
  }
  if (text.size() != pos + 2 || std::toupper(static_cast<unsigned char>(text[pos])) != letter) {
    bad(option, text, what, accepted);
  }
  const int number = digits(text, pos + 1, 1);
  if (number < 1 || number > max) {
    bad(option, text, what, accepted);
  }
  year_of(text, option, what, accepted);
  return number;
}

// Fills the zone name and the local texts of `p`'s ends.
Period& localize(Period& p, const Zone& zone)
{
  p.tz = zone.name();
  p.from_text = zone.format(p.from);
  p.to_text = zone.format(p.to);
  p.from_words = zone.format_words(p.from);
  p.to_words = zone.format_words(p.to);
  return p;
}

// "October 2026".
std::string month_words(int year, unsigned month)
{
  return fmt::format("{} {}", k_month_names[month - 1], year);
}

// "6 October 2026".
std::string day_words(int year, unsigned month, unsigned day)
{
  return fmt::format("{} {}", day, month_words(year, month));
}

// The words of months [first, first + count) of `year` as a `span`.
std::string span_words(Span span, int year, unsigned first)
{
  switch (span) {
  case Span::month: return month_words(year, first);
  case Span::quarter: return fmt::format("Q{} {}", (first + 2) / 3, year);
  case Span::half: return fmt::format("H{} {}", (first + 5) / 6, year);
  case Span::year:
  case Span::range: break;
  }
  return std::to_string(year);
}

// Months [first, first + count) of `year` as one period.
Period months(Span span, std::string label, int year, unsigned first, unsigned count,
              const Zone& zone)
{
  const unsigned end = first + count; // may be 13: January of the next year
  Period p;
  p.span = span;
  p.label = std::move(label);
  p.words = span_words(span, year, first);
  p.from = zone.midnight(year, first, 1);
  p.to = end > 12 ? zone.midnight(year + 1, end - 12, 1) : zone.midnight(year, end, 1);
  return localize(p, zone);
}

std::string two(unsigned value)
{
  return fmt::format("{:02}", value);
}

struct Ymd {
  int year;
  unsigned month;
  unsigned day;
};

Ymd parse_date(std::string_view text, std::string_view option)
{
  constexpr std::string_view accepted = "YYYY-MM-DD, e.g. 2026-10-01";
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    bad(option, text, "a date", accepted);
  }
  const int year = year_of(text, option, "a date", accepted);
  const int month = digits(text, 5, 2);
  const int day = digits(text, 8, 2);
  if (month < 1 || month > 12 || day < 1) {
    bad(option, text, "a date", accepted);
  }
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) {
    bad(option, text, "a date", accepted);
  }
  return {year, static_cast<unsigned>(month), static_cast<unsigned>(day)};
}

} // namespace

// --- Zone ---------------------------------------------------------------------

Zone Zone::named(std::string_view name, std::string_view what, ErrorKind kind)
{
  // Shown as given: "UTC" rather than the "Etc/UTC" it links to.
  if (auto zone = util::TimeZone::find(name)) {
    return Zone(std::move(*zone));
  }
  throw Error(kind, fmt::format("{}: unknown time zone '{}' (accepted: an IANA name such as "
                                "Europe/Amsterdam, America/New_York or UTC)",
                                what, name));
}

Zone Zone::local()
{
  return Zone(util::TimeZone::local());
}

Time Zone::midnight(int year, unsigned month, unsigned day) const
{
  const date::local_days local{date::year{year} / date::month{month} / date::day{day}};
  return m_zone.to_sys(local);
}

void Zone::local_date(Time t, int& year, unsigned& month, unsigned& day) const
{
  const auto local = m_zone.to_local(t);
  const date::year_month_day ymd{date::floor<date::days>(local)};
  year = static_cast<int>(ymd.year());
  month = static_cast<unsigned>(ymd.month());
  day = static_cast<unsigned>(ymd.day());
}

std::string Zone::format_words(Time t) const
{
  const auto local = date::local_seconds{t.time_since_epoch() + m_zone.offset_at(t).offset};
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> hms{local - day};
  return fmt::format("{} {:02}:{:02}",
                     day_words(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                               static_cast<unsigned>(ymd.day())),
                     hms.hours().count(), hms.minutes().count());
}

std::string Zone::format(Time t) const
{
  const auto offset = m_zone.offset_at(t).offset;
  const auto local = date::local_seconds{t.time_since_epoch() + offset};
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> hms{local - day};
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(offset).count();
  const auto abs_minutes = minutes < 0 ? -minutes : minutes;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}",
                     static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count(), minutes < 0 ? '-' : '+',
                     abs_minutes / 60, abs_minutes % 60);
}

// --- Periods ------------------------------------------------------------------

Period month_period(std::string_view text, const Zone& zone)
{
  constexpr std::string_view accepted = "YYYY-MM with a month 01-12, e.g. 2026-10";
  if (text.size() != 7 || text[4] != '-') {
    bad("--month", text, "a month", accepted);
  }
  const int year = year_of(text, "--month", "a month", accepted);
  const int month = digits(text, 5, 2);
  if (month < 1 || month > 12) {
    bad("--month", text, "a month", accepted);
  }
  const auto m = static_cast<unsigned>(month);
  return months(Span::month, fmt::format("{}-{}", year, two(m)), year, m, 1, zone);
}

Period quarter_period(std::string_view text, const Zone& zone)
{
  constexpr std::string_view accepted = "YYYYQn with n 1-4, e.g. 2026Q3";
  const int q = part_of_year(text, 'Q', 4, "--quarter", "a quarter", accepted);
  const int year = year_of(text, "--quarter", "a quarter", accepted);
  return months(Span::quarter, fmt::format("{}Q{}", year, q), year,
                static_cast<unsigned>(3 * q - 2), 3, zone);
}

Period half_period(std::string_view text, const Zone& zone)
{
  constexpr std::string_view accepted = "YYYYHn with n 1 or 2, e.g. 2026H1";
  const int h = part_of_year(text, 'H', 2, "--half", "a half-year", accepted);
  const int year = year_of(text, "--half", "a half-year", accepted);
  return months(Span::half, fmt::format("{}H{}", year, h), year, static_cast<unsigned>(6 * h - 5),
                6, zone);
}

Period year_period(std::string_view text, const Zone& zone)
{
  constexpr std::string_view accepted = "YYYY, e.g. 2026";
  if (text.size() != 4) {
    bad("--year", text, "a year", accepted);
  }
  const int year = year_of(text, "--year", "a year", accepted);
  return months(Span::year, std::to_string(year), year, 1, 12, zone);
}

Period range_period(std::string_view from, std::string_view to, const Zone& zone)
{
  const Ymd a = parse_date(from, "--from");
  const Ymd b = parse_date(to, "--to");
  Period p;
  p.span = Span::range;
  p.label = fmt::format("{}..{}", from, to);
  p.from = zone.midnight(a.year, a.month, a.day);
  p.to = zone.midnight(b.year, b.month, b.day);
  localize(p, zone);
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  zone.local_date(p.to - std::chrono::seconds{1}, year, month, day); // the last day included
  p.words = day_words(a.year, a.month, a.day);
  if (year != a.year || month != a.month || day != a.day) {
    p.words += " to " + day_words(year, month, day);
  }
  if (p.to <= p.from) {
    throw Error(ErrorKind::usage,
                fmt::format("--to: {} is not after --from {} (the period is [from, to), so --to is "
                            "the first day not included)",
                            to, from));
  }
  return p;
}

Period resolve_period(const PeriodRequest& r, const Zone& zone, Time now)
{
  const int forms = int{r.month.has_value()} + int{r.last_month} + int{r.quarter.has_value()}
                    + int{r.half.has_value()} + int{r.year.has_value()}
                    + int{r.from.has_value() || r.to.has_value()};
  if (forms == 0) {
    throw Error(ErrorKind::usage, fmt::format("no period given (use one of {})", k_accepted_periods));
  }
  if (forms > 1) {
    throw Error(ErrorKind::usage,
                fmt::format("more than one period given (use one of {})", k_accepted_periods));
  }
  if (r.month) {
    return month_period(*r.month, zone);
  }
  if (r.quarter) {
    return quarter_period(*r.quarter, zone);
  }
  if (r.half) {
    return half_period(*r.half, zone);
  }
  if (r.year) {
    return year_period(*r.year, zone);
  }
  if (r.last_month) {
    int year = 0;
    unsigned month = 0;
    unsigned day = 0;
    zone.local_date(now, year, month, day);
    if (month == 1) {
      --year;
      month = 13;
    }
    return month_period(fmt::format("{}-{}", year, two(month - 1)), zone);
  }
  if (!r.from || !r.to) {
    throw Error(ErrorKind::usage, "--from and --to go together (--to is the first day not included)");
  }
  return range_period(*r.from, *r.to, zone);
}

std::vector<Period> months_of(const Period& period, const Zone& zone)
{
  std::vector<Period> result;
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  zone.local_date(period.from, year, month, day);
  Time start = period.from;
  while (start < period.to) {
    const int next_year = month == 12 ? year + 1 : year;
    const unsigned next_month = month == 12 ? 1 : month + 1;
    Period p;
    p.span = Span::month;
    p.label = fmt::format("{}-{}", year, two(month));
    p.words = month_words(year, month);
    p.from = start;
    p.to = std::min(period.to, zone.midnight(next_year, next_month, 1));
    result.push_back(localize(p, zone));
    start = p.to;
    year = next_year;
    month = next_month;
  }
  return result;
}

} // namespace sdesk::report

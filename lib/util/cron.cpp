#include "lib/util/cron.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <array>
#include <charconv>
#include <vector>

#include <fmt/format.h>

namespace sdesk::util {

namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::hours;
using std::chrono::minutes;

// How far next_after and last_at_or_before search: every schedule parse
// accepts occurs within 8 years (29 February skips 2100).
constexpr date::years k_search_span{10};

// How far past the wall-clock time of an instant a wall-clock time can
// still denote an earlier instant: the longest backward clock change (2h,
// double summer time), with room to spare.
constexpr hours k_repeat_margin{3};

// One of the five fields: its name in messages, its range, and names.
struct Field {
  std::string_view what;
  int low;
  int high;
  const std::array<std::string_view, 12>* names; // names[i] is low + i
};

constexpr std::array<std::string_view, 12> k_month_names{
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 12> k_weekday_names{"sun", "mon", "tue", "wed", "thu", "fri",
                                                           "sat", "",    "",    "",    "",    ""};

constexpr std::array<Field, 5> k_fields{{
  {"minute", 0, 59, nullptr},
  {"hour", 0, 23, nullptr},
  {"day of month", 1, 31, nullptr},
  {"month", 1, 12, &k_month_names},
  {"day of week", 0, 7, &k_weekday_names},
}};

[[noreturn]] void fail(const Field& field, std::string_view problem)
{
  throw Error(ErrorKind::usage, fmt::format("{}: {}", field.what, problem));
}

// A number or (in the month and weekday fields) a name, within the field.
int parse_value(const Field& field, std::string_view text)
{
  if (field.names != nullptr) {
    const std::string lower = to_lower(text);
    for (std::size_t i = 0; i < field.names->size(); ++i) {
      if (!(*field.names)[i].empty() && lower == (*field.names)[i]) {
        return field.low + static_cast<int>(i);
      }
    }
  }
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    fail(field, fmt::format("'{}' is not a number{}", text,
                            field.names != nullptr ? " or a name" : ""));
  }
  if (value < field.low || value > field.high) {
    fail(field, fmt::format("'{}' is outside {}-{}", text, field.low, field.high));
  }
  return value;
}

// Sets the values `item` (*, N, A-B, */S, A-B/S) selects in `bits`
// (indexed by value).
template <std::size_t N> void parse_item(const Field& field, std::string_view item, std::bitset<N>& bits)
{
  std::string_view range = item;
  int step = 1;
  if (const auto slash = item.find('/'); slash != std::string_view::npos) {
    range = item.substr(0, slash);
    const std::string_view step_text = item.substr(slash + 1);
    const auto [end, ec] = std::from_chars(step_text.data(), step_text.data() + step_text.size(), step);
    if (step_text.empty() || ec != std::errc() || end != step_text.data() + step_text.size()
        || step < 1 || step > field.high - field.low + 1) {
      fail(field, fmt::format("step '{}' is not a number from 1 to {}", step_text,
                              field.high - field.low + 1));
    }
    if (range != "*" && range.find('-') == std::string_view::npos) {
      fail(field, fmt::format("'{}': a step follows * or a range A-B", item));
    }
  }
  int from = field.low;
  int to = field.high;
  if (range != "*") {
    const auto dash = range.find('-');
    from = parse_value(field, range.substr(0, dash));
    to = dash == std::string_view::npos ? from : parse_value(field, range.substr(dash + 1));
    if (to < from) {
      fail(field, fmt::format("range '{}' runs backwards", range));
    }
  }
  for (int value = from; value <= to; value += step) {
    bits.set(static_cast<std::size_t>(value == 7 && field.high == 7 ? 0 : value));
  }
}

// Parses one field's comma list into `bits`.
template <std::size_t N> void parse_field(const Field& field, std::string_view text, std::bitset<N>& bits)
{
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    const std::string_view item = text.substr(start, comma == std::string_view::npos ? comma : comma - start);
    if (item.empty()) {
      fail(field, fmt::format("'{}' has an empty list item", text));
    }
    parse_item(field, item, bits);
    if (comma == std::string_view::npos) {
      return;
    }
    start = comma + 1;
  }
}

// The days in month `m` (1..12) of a leap year.
unsigned max_days(unsigned m)
{
  return static_cast<unsigned>((date::year{2000} / date::month{m} / date::last).day());
}

} // namespace

CronSchedule CronSchedule::parse(std::string_view text)
{
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
      ++i;
    }
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') {
      ++i;
    }
    if (i > start) {
      parts.push_back(text.substr(start, i - start));
    }
  }
  if (parts.size() != 5) {
    throw Error(ErrorKind::usage, fmt::format("'{}' has {} fields, not 5", text, parts.size()));
  }
  CronSchedule s;
  s.m_text = std::string(text);
  parse_field(k_fields[0], parts[0], s.m_minutes);
  parse_field(k_fields[1], parts[1], s.m_hours);
  parse_field(k_fields[2], parts[2], s.m_days);
  parse_field(k_fields[3], parts[3], s.m_months);
  parse_field(k_fields[4], parts[4], s.m_weekdays);
  s.m_days_star = parts[2].front() == '*';
  s.m_weekdays_star = parts[4].front() == '*';
  if (!s.m_days_star && s.m_weekdays_star) {
    bool possible = false;
    for (unsigned m = 1; m <= 12; ++m) {
      for (unsigned d = 1; d <= max_days(m) && s.m_months[m]; ++d) {
        possible = possible || s.m_days[d];
      }
    }
    if (!possible) {
      throw Error(ErrorKind::usage,
                  fmt::format("'{}' is never due: no selected month has the selected days", text));
    }
  }
  return s;
}

bool CronSchedule::day_matches(date::year_month_day d) const
{
  const bool day = m_days[static_cast<unsigned>(d.day())];
  const bool weekday = m_weekdays[date::weekday{d}.c_encoding()];
  if (m_days_star || m_weekdays_star) {
    return day && weekday; // the starred one matches every day
  }
  return day || weekday;
}

bool CronSchedule::matches(LocalSeconds local) const
{
  const auto day = floor<days>(local);
  const date::hh_mm_ss time{floor<minutes>(local - day)};
  const date::year_month_day ymd{day};
  return m_months[static_cast<unsigned>(ymd.month())] && day_matches(ymd)
         && m_hours[static_cast<std::size_t>(time.hours().count())]
         && m_minutes[static_cast<std::size_t>(time.minutes().count())];
}

std::optional<LocalSeconds> CronSchedule::match_from(LocalSeconds from, LocalSeconds limit) const
{
  LocalSeconds t = floor<minutes>(from);
  while (t <= limit) {
    const auto day = floor<days>(t);
    const date::year_month_day ymd{day};
    if (!m_months[static_cast<unsigned>(ymd.month())]) {
      const date::year_month next = date::year_month{ymd.year(), ymd.month()} + date::months{1};
      t = LocalSeconds{date::local_days{next / 1}};
      continue;
    }
    if (!day_matches(ymd)) {
      t = LocalSeconds{day + days{1}};
      continue;
    }
    const date::hh_mm_ss time{t - day};
    if (!m_hours[static_cast<std::size_t>(time.hours().count())]) {
      t = floor<hours>(t) + hours{1};
      continue;
    }
    if (!m_minutes[static_cast<std::size_t>(time.minutes().count())]) {
      t += minutes{1};
      continue;
    }
    return t;
  }
  return std::nullopt;
}

std::optional<LocalSeconds> CronSchedule::match_before(LocalSeconds from, LocalSeconds limit) const
{
  LocalSeconds t = floor<minutes>(from);
  while (t >= limit) {
    const auto day = floor<days>(t);
    const date::year_month_day ymd{day};
    if (!m_months[static_cast<unsigned>(ymd.month())]) {
      t = LocalSeconds{date::local_days{ymd.year() / ymd.month() / 1}} - minutes{1};
      continue;
    }
    if (!day_matches(ymd)) {
      t = LocalSeconds{day} - minutes{1};
      continue;
    }
    const date::hh_mm_ss time{t - day};
    if (!m_hours[static_cast<std::size_t>(time.hours().count())]) {
      t = floor<hours>(t) - minutes{1};
      continue;
    }
    if (!m_minutes[static_cast<std::size_t>(time.minutes().count())]) {
      t -= minutes{1};
      continue;
    }
    return t;
  }
  return std::nullopt;
}

std::optional<Time> CronSchedule::next_after(Time after, const TimeZone& zone) const
{
  // Wall-clock minutes map to instants in order (a skipped one to the
  // change, a repeated one to its first instant), so the first matching
  // minute from `after`'s own whose instant is later is the answer.
  LocalSeconds from = floor<minutes>(zone.to_local(after));
  const LocalSeconds limit = LocalSeconds{floor<days>(from) + days{1}} + k_search_span;
  while (const auto found = match_from(from, limit)) {
    const Time t = zone.to_sys(*found);
    if (t > after) {
      return t;
    }
    from = *found + minutes{1};
  }
  return std::nullopt;
}

std::optional<Time> CronSchedule::last_at_or_before(Time at, const TimeZone& zone) const
{
  // After a change to standard time, a wall-clock time up to the length of
  // the change later than `at`'s can denote an instant before it (its first
  // pass): start that much later and step back to the first that is not.
  LocalSeconds from = floor<minutes>(zone.to_local(at)) + k_repeat_margin;
  const LocalSeconds limit = LocalSeconds{floor<days>(from)} - k_search_span;
  while (const auto found = match_before(from, limit)) {
    const Time t = zone.to_sys(*found);
    if (t <= at) {
      return t;
    }
    from = *found - minutes{1};
  }
  return std::nullopt;
}

} // namespace sdesk::util

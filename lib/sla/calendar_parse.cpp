// The config parsers of lib/sla/calendar.hpp: business hours, days,
// weekdays and dates as written in [calendars.NAME].

#include "lib/sla/calendar.hpp"
#include "lib/sla/calendar_text.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <array>
#include <cctype>

namespace sdesk::sla {

using std::chrono::minutes;
using detail::k_weekdays;
using detail::quoted;
using detail::two_digits;
using util::trim;

namespace {

constexpr std::array<std::string_view, 7> k_weekdays_long{
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

// Returns the decimal value of text[pos..pos+count) or -1 if not all digits.
int digits_at(std::string_view text, std::size_t pos, std::size_t count)
{
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i]))) {
      return -1;
    }
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

} // namespace

BusinessHours parse_business_hours(std::string_view text)
{
  const std::string_view t = trim(text);
  const int begin_h = digits_at(t, 0, 2);
  const int begin_m = digits_at(t, 3, 2);
  const int end_h = digits_at(t, 6, 2);
  const int end_m = digits_at(t, 9, 2);
  const bool shape_ok = t.size() == 11 && t[2] == ':' && t[5] == '-' && t[8] == ':';
  const bool fields_ok = begin_h >= 0 && begin_m >= 0 && end_h >= 0 && end_m >= 0
                         && begin_h < 24 && begin_m < 60 && end_m < 60
                         && (end_h < 24 || (end_h == 24 && end_m == 0));
  const BusinessHours hours{minutes{begin_h * 60 + begin_m}, minutes{end_h * 60 + end_m}};
  if (!shape_ok || !fields_ok || hours.begin >= hours.end) {
    throw Error(ErrorKind::config,
                "invalid business hours " + quoted(text)
                  + "; accepted: HH:MM-HH:MM with 00:00 <= begin < end <= 24:00");
  }
  return hours;
}

std::vector<BusinessHours> parse_day(std::string_view text)
{
  std::vector<BusinessHours> ranges;
  std::string_view rest = trim(text);
  if (rest.empty() || rest == "closed") {
    return ranges;
  }
  while (true) {
    const std::size_t comma = rest.find(',');
    ranges.push_back(parse_business_hours(rest.substr(0, comma)));
    if (comma == std::string_view::npos) {
      return ranges;
    }
    rest.remove_prefix(comma + 1);
  }
}

std::size_t parse_weekday(std::string_view text)
{
  std::string lower;
  for (const char c : trim(text)) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (std::size_t i = 0; i < k_weekdays.size(); ++i) {
    if (lower == k_weekdays[i] || lower == k_weekdays_long[i]) {
      return i;
    }
  }
  throw Error(ErrorKind::config,
              "unknown weekday " + quoted(text) + "; accepted: mon, tue, wed, thu, fri, sat, sun");
}

date::year_month_day parse_date(std::string_view text)
{
  const std::string_view t = trim(text);
  const int y = digits_at(t, 0, 4);
  const int m = digits_at(t, 5, 2);
  const int d = digits_at(t, 8, 2);
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                                 date::day{static_cast<unsigned>(d)}};
  if (t.size() != 10 || t[4] != '-' || t[7] != '-' || y < 0 || m < 0 || d < 0 || !ymd.ok()) {
    throw Error(ErrorKind::config, "invalid date " + quoted(text) + "; accepted: YYYY-MM-DD");
  }
  return ymd;
}

std::string format_business_hours(const BusinessHours& hours)
{
  const auto hhmm = [](minutes m) {
    const std::string sign = m < minutes{0} ? "-" : "";
    const long total = m < minutes{0} ? -m.count() : m.count();
    return sign + two_digits(total / 60) + ":" + two_digits(total % 60);
  };
  return hhmm(hours.begin) + "-" + hhmm(hours.end);
}

std::string_view weekday_name(std::size_t index) noexcept
{
  return index < k_weekdays.size() ? k_weekdays[index] : std::string_view("?");
}

} // namespace sdesk::sla

#include "lib/io/time_reader.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <date/date.h>

#include <fmt/format.h>

namespace sdesk::io {

namespace {

using namespace std::chrono;

// A cursor over the text; every read advances it only on success.
struct Cursor {
  std::string_view text;

  bool digits(std::size_t count, int& value)
  {
    if (text.size() < count) {
      return false;
    }
    int result = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const char c = text[i];
      if (c < '0' || c > '9') {
        return false;
      }
      result = result * 10 + (c - '0');
    }
    value = result;
    text.remove_prefix(count);
    return true;
  }

  bool take(char c)
  {
    if (!text.empty() && text.front() == c) {
      text.remove_prefix(1);
      return true;
    }
    return false;
  }
};

// Parses "Z", "+HH", "+HHMM" or "+HH:MM" (or '-'); seconds east of UTC.
std::optional<seconds> read_offset(Cursor c)
{
  if (c.text == "Z" || c.text == "z") {
    return seconds{0};
  }
  const bool negative = c.take('-');
  if (!negative && !c.take('+')) {
    return std::nullopt;
  }
  int hh = 0;
  int mm = 0;
  if (!c.digits(2, hh)) {
    return std::nullopt;
  }
  if (!c.text.empty()) {
    c.take(':');
    if (!c.digits(2, mm)) {
      return std::nullopt;
    }
  }
  if (!c.text.empty() || hh > 23 || mm > 59) {
    return std::nullopt;
  }
  const seconds offset = hours{hh} + minutes{mm};
  return negative ? -offset : offset;
}

struct Parsed {
  sys_seconds wall; // the wall-clock reading, counted as if it were UTC
  std::optional<seconds> offset;
};

std::optional<Parsed> parse(std::string_view text)
{
  Cursor c{util::trim(text)};
  int y = 0;
  int mo = 0;
  int d = 0;
  if (!c.digits(4, y) || !c.take('-') || !c.digits(2, mo) || !c.take('-') || !c.digits(2, d)) {
    return std::nullopt;
  }
  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!date.ok()) {
    return std::nullopt;
  }
  Parsed parsed{sys_days{date}, std::nullopt};
  if (c.text.empty()) {
    return parsed;
  }
  if (!c.take('T') && !c.take('t') && !c.take(' ')) {
    return std::nullopt;
  }
  int hh = 0;
  int mm = 0;
  int ss = 0;
  if (!c.digits(2, hh) || !c.take(':') || !c.digits(2, mm)) {
    return std::nullopt;
  }
  if (c.take(':')) {
    if (!c.digits(2, ss)) {
      return std::nullopt;
    }
    if (c.take('.')) { // fractional seconds are accepted and dropped
      while (!c.text.empty() && c.text.front() >= '0' && c.text.front() <= '9') {
        c.text.remove_prefix(1);
      }
    }
  }
  if (hh > 23 || mm > 59 || ss > 60) {
    return std::nullopt;
  }
  parsed.wall += hours{hh} + minutes{mm} + seconds{ss};
  if (!c.text.empty()) {
    parsed.offset = read_offset(c);
    if (!parsed.offset) {
      return std::nullopt;
    }
  }
  return parsed;
}

} // namespace

TimeReader::TimeReader(const std::optional<std::string>& zone)
{
  if (!zone) {
    return;
  }
  m_zone = util::TimeZone::find(*zone);
  if (!m_zone) {
    throw Error(ErrorKind::usage,
                fmt::format("--tz: unknown time zone '{}' (accepted: an IANA zone name such as "
                            "UTC or Europe/Berlin)",
                            *zone));
  }
  m_utc = *zone == "UTC" || *zone == "Etc/UTC";
}

std::optional<util::Time> TimeReader::read(std::string_view text) const
{
  const auto parsed = parse(text);
  if (!parsed) {
    return std::nullopt;
  }
  const sys_seconds as_utc = parsed->wall;
  if (parsed->offset) {
    return as_utc - *parsed->offset;
  }
  if (m_utc) {
    return as_utc;
  }
  if (m_zone) {
    // A wall-clock time skipped or repeated by a DST change: the earlier
    // instant.
    return m_zone->to_sys(date::local_seconds{as_utc.time_since_epoch()});
  }
  return util::parse_time(text, "time"); // TZ, through the C library
}

std::string_view TimeReader::accepted()
{
  return "YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] with optional Z or +HH:MM";
}

} // namespace sdesk::io

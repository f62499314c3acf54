#pragma once

// IANA time zones, for business calendars, report periods and imported
// local times. The only user of Abseil's time-zone library (cctz, from
// Debian's libabsl-dev), which reads the system's tz database
// (/usr/share/zoneinfo) one zone at a time.

#include "lib/util/time.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

namespace sdesk::util {

// Wall-clock time in some zone, as seconds counted as if it were UTC.
using LocalSeconds = date::local_seconds;

class TimeZone {
public:
  // The zone named `name` ("Europe/Amsterdam", "UTC"), or nothing if the tz
  // database has no such zone. File paths and "localtime" are not names.
  static std::optional<TimeZone> find(std::string_view name);

  // Whether find(name) can succeed, from a stat() of the zone file, without
  // reading it: cheap enough to check every configured zone on every start.
  static bool exists(std::string_view name);

  // UTC.
  static TimeZone utc();

  // The process's zone: $TZ when it names a zone ("Europe/Berlin",
  // ":Europe/Berlin", a path under zoneinfo/; empty means UTC), else the
  // zone /etc/localtime links to, else UTC.
  static TimeZone local();

  // The name it was found by ("UTC", not the "Etc/UTC" it may link to).
  const std::string& name() const { return m_name; }

  // `t` as wall-clock time in this zone.
  LocalSeconds to_local(Time t) const;

  // The instant wall-clock time `local` denotes here: of a time repeated by
  // a change to standard time, the earlier; of a time skipped by a change
  // to summer time, the instant of the change.
  Time to_sys(LocalSeconds local) const;

  // The UTC offset in force at `t`, and the span [begin, end) over which it
  // holds (far past and far future where the zone has no changes).
  struct Offset {
    std::chrono::seconds offset{0};
    Time begin;
    Time end;
  };
  Offset offset_at(Time t) const;

  // `t` as ISO 8601 wall-clock time here with its offset:
  // "2026-12-01T09:00:00+01:00".
  std::string format(Time t) const;

  ~TimeZone();
  TimeZone(const TimeZone&);
  TimeZone& operator=(const TimeZone&);
  TimeZone(TimeZone&&) noexcept;
  TimeZone& operator=(TimeZone&&) noexcept;

private:
  struct Impl;
  explicit TimeZone(std::unique_ptr<Impl> impl, std::string name);

  std::unique_ptr<Impl> m_impl; // keeps Abseil's headers out of this one
  std::string m_name;
};

} // namespace sdesk::util

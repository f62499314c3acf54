#pragma once

#include "lib/util/time.hpp"
#include "lib/util/time_zone.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace sdesk::io {

// Reads the ISO 8601 times of import files: the forms util::parse_time
// accepts (2026-11-22, 2026-11-22T09:30[:15[.123]], a space for the T, and
// an optional Z, +01:00, -0500 or +01). A time with an offset is exact; one
// without is wall-clock time in the zone given (--tz), else in TZ.
class TimeReader {
public:
  // `zone`: an IANA zone name ("Europe/Berlin", "UTC"), or nothing for the
  // process's local zone. Throws Error(usage) naming --tz for an unknown zone.
  explicit TimeReader(const std::optional<std::string>& zone = std::nullopt);

  // The instant `text` names, or nothing when it is not a time in an
  // accepted form.
  std::optional<util::Time> read(std::string_view text) const;

  // The accepted forms, for error messages.
  static std::string_view accepted();

private:
  std::optional<util::TimeZone> m_zone; // none: local time through the C library
  bool m_utc = false;
};

} // namespace sdesk::io

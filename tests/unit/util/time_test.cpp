#include "lib/util/error.hpp"
#include "lib/util/time.hpp"

#include <cstdlib>
#include <ctime>

#include <doctest/doctest.h>

using namespace sdesk;
using namespace std::chrono;

namespace {

// Runs the test body in a given TZ and restores the previous one.
struct ScopedTz {
  explicit ScopedTz(const char* tz)
  {
    if (const char* old = std::getenv("TZ")) {
      m_old = old;
    }
    setenv("TZ", tz, 1);
    tzset();
  }
  ~ScopedTz()
  {
    if (m_old.empty()) {
      unsetenv("TZ");
    } else {
      setenv("TZ", m_old.c_str(), 1);
    }
    tzset();
  }
  std::string m_old;
};

util::Time utc(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0)
{
  return sys_days{year{y} / month{m} / day{d}} + hours{hh} + minutes{mm} + seconds{ss};
}

} // namespace

TEST_SUITE("util::time")
{
  TEST_CASE("parse_time accepts ISO 8601 with offsets")
  {
    CHECK(util::parse_time("2026-11-22T09:30:15Z", "t") == utc(2026, 11, 22, 9, 30, 15));
    CHECK(util::parse_time("2026-11-22T09:30+01:00", "t") == utc(2026, 11, 22, 8, 30));
    CHECK(util::parse_time("2026-11-22 09:30-0500", "t") == utc(2026, 11, 22, 14, 30));
    CHECK(util::parse_time("2026-11-22T09:30:15.250Z", "t") == utc(2026, 11, 22, 9, 30, 15));
  }

  TEST_CASE("times without an offset are local wall-clock time")
  {
    ScopedTz tz("Europe/Amsterdam");
    CHECK(util::parse_time("2026-07-01T12:00", "t") == utc(2026, 7, 1, 10)); // CEST
    CHECK(util::parse_time("2026-01-15", "t") == utc(2026, 1, 14, 23));      // CET midnight
    CHECK(util::format_time(utc(2026, 7, 1, 10)) == "2026-07-01T12:00:00+02:00");
    CHECK(util::format_time(utc(2026, 1, 1, 0)) == "2026-01-01T01:00:00+01:00");
  }

  TEST_CASE("format_time in UTC shows +00:00, format_time_utc shows Z")
  {
    ScopedTz tz("UTC");
    CHECK(util::format_time(utc(2026, 3, 4, 5, 6, 7)) == "2026-03-04T05:06:07+00:00");
    CHECK(util::format_time_utc(utc(2026, 3, 4, 5, 6, 7)) == "2026-03-04T05:06:07Z");
  }

  TEST_CASE("bad dates are usage errors naming the option and the accepted forms")
  {
    for (const char* bad : {"2026-13-01", "2026-02-30", "yesterday", "2026-11-22T25:00", "2026-11-22T10:00+1",
                            "2026/11/22", "2026-11-22T10:00Zjunk"}) {
      CAPTURE(bad);
      try {
        util::parse_time(bad, "--since");
        FAIL("accepted a bad date");
      } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::usage);
        CHECK(std::string(e.what()).find("--since") != std::string::npos);
        CHECK(std::string(e.what()).find("accepted") != std::string::npos);
      }
    }
  }
}

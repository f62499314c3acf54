#include "lib/util/error.hpp"
#include "lib/util/time.hpp"
#include "tests/unit/time_support.hpp"

#include <cstdlib>
#include <ctime>

#include <doctest/doctest.h>

using namespace sdesk;
using namespace std::chrono;
using sdesk::test::at;

namespace {

} // namespace

TEST_SUITE("util::time")
{
  TEST_CASE("parse_time accepts ISO 8601 with offsets")
  {
    CHECK(util::parse_time("2026-11-22T09:30:15Z", "t") == at(2026, 11, 22, 9, 30, 15));
    CHECK(util::parse_time("2026-11-22T09:30+01:00", "t") == at(2026, 11, 22, 8, 30));
    CHECK(util::parse_time("2026-11-22 09:30-0500", "t") == at(2026, 11, 22, 14, 30));
    CHECK(util::parse_time("2026-11-22T09:30:15.250Z", "t") == at(2026, 11, 22, 9, 30, 15));
  }

  TEST_CASE("times without an offset are local wall-clock time")
  {
    test::ScopedTz tz("Europe/Amsterdam");
    CHECK(util::parse_time("2026-07-01T12:00", "t") == at(2026, 7, 1, 10)); // CEST
    CHECK(util::parse_time("2026-01-15", "t") == at(2026, 1, 14, 23));      // CET midnight
    CHECK(util::format_time(at(2026, 7, 1, 10)) == "2026-07-01T12:00:00+02:00");
    CHECK(util::format_time(at(2026, 1, 1, 0)) == "2026-01-01T01:00:00+01:00");
  }

  TEST_CASE("a wall-clock time a clock change repeats or skips has one reading in every zone")
  {
    // glibc's mktime picked the later of a repeated time in Berlin and the
    // earlier in New York, and moved a skipped time an hour on. The rule is
    // TimeZone::to_sys's: the earlier of a repeated time, the instant of the
    // change for a skipped one.
    {
      test::ScopedTz tz("Europe/Berlin");
      CHECK(util::parse_time("2026-10-25T02:30", "t") == at(2026, 10, 25, 0, 30)); // CEST, not CET
      CHECK(util::parse_time("2026-03-29T02:30", "t") == at(2026, 3, 29, 1));      // the change, 03:00 CEST
      CHECK(util::parse_time("2026-03-29T03:00", "t") == at(2026, 3, 29, 1));
      CHECK(util::parse_time("2026-03-29T01:59:59", "t") == at(2026, 3, 29, 0, 59, 59));
    }
    {
      test::ScopedTz tz("America/New_York");
      CHECK(util::parse_time("2026-11-01T01:30", "t") == at(2026, 11, 1, 5, 30)); // EDT, the earlier
      CHECK(util::parse_time("2026-03-08T02:30", "t") == at(2026, 3, 8, 7));      // the change, 03:00 EDT
    }
    {
      test::ScopedTz tz("America/Sao_Paulo"); // 2018: clocks went from midnight to 01:00
      CHECK(util::parse_time("2018-11-04", "t") == at(2018, 11, 4, 3));
    }
  }

  TEST_CASE("format_time in UTC shows +00:00, format_time_utc shows Z")
  {
    test::ScopedTz tz("UTC");
    CHECK(util::format_time(at(2026, 3, 4, 5, 6, 7)) == "2026-03-04T05:06:07+00:00");
    CHECK(util::format_time_utc(at(2026, 3, 4, 5, 6, 7)) == "2026-03-04T05:06:07Z");
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

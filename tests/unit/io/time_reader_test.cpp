#include "lib/io/time_reader.hpp"

#include "lib/util/error.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using namespace std::chrono;

TEST_SUITE("io::TimeReader")
{
  TEST_CASE("an offset is exact whatever the zone")
  {
    const io::TimeReader berlin(std::string("Europe/Berlin"));
    const util::Time noon = sys_days{July / 1 / 2026} + hours{12};
    CHECK(berlin.read("2026-07-01T12:00:00Z") == noon);
    CHECK(berlin.read("2026-07-01T14:00:00+02:00") == noon);
    CHECK(berlin.read("2026-07-01 07:00-0500") == noon);
    CHECK(berlin.read("2026-07-01T13:00+01") == noon);
    CHECK(berlin.read("2026-07-01T12:00:00.250Z") == noon);
  }

  TEST_CASE("a time without an offset is wall-clock time in the zone, DST included")
  {
    const io::TimeReader berlin(std::string("Europe/Berlin"));
    CHECK(berlin.read("2026-07-01T14:00") == sys_days{July / 1 / 2026} + hours{12});   // CEST
    CHECK(berlin.read("2026-01-01T13:00") == sys_days{January / 1 / 2026} + hours{12}); // CET
    CHECK(berlin.read("2026-01-01") == sys_days{December / 31 / 2025} + hours{23});
    // 02:30 on 29 March 2026 does not exist in Berlin: the earlier instant.
    CHECK(berlin.read("2026-03-29T02:30") == sys_days{March / 29 / 2026} + hours{1});
    const io::TimeReader utc(std::string("UTC"));
    CHECK(utc.read("2016-02-29T01:16") == sys_days{February / 29 / 2016} + hours{1} + minutes{16});
  }

  TEST_CASE("malformed times and unknown zones")
  {
    const io::TimeReader utc(std::string("UTC"));
    CHECK_FALSE(utc.read("29/2/2016 01:16"));
    CHECK_FALSE(utc.read("2026-02-30"));
    CHECK_FALSE(utc.read("2026-01-01T25:00"));
    CHECK_FALSE(utc.read("2026-01-01T10:00+25:00"));
    CHECK_FALSE(utc.read("2026-01-01T10:00 garbage"));
    CHECK_THROWS_WITH_AS(io::TimeReader(std::string("Mars/Olympus")),
                         "--tz: unknown time zone 'Mars/Olympus' (accepted: an IANA zone name such "
                         "as UTC or Europe/Berlin)",
                         Error);
  }
}

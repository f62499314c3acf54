#include "lib/util/time_zone.hpp"
#include "tests/unit/time_support.hpp"

#include <cstdlib>
#include <optional>
#include <string>

#include <doctest/doctest.h>

using namespace sdesk;
using namespace std::chrono;
using sdesk::test::at;

namespace {

date::local_seconds local(int y, unsigned m, unsigned d, int hh, int mm = 0)
{
  return date::local_days{date::year{y} / date::month{m} / date::day{d}} + hours{hh} + minutes{mm};
}

} // namespace

TEST_SUITE("util::TimeZone")
{
  TEST_CASE("names: IANA zones are found, anything else is not")
  {
    CHECK(util::TimeZone::find("Europe/Amsterdam")->name() == "Europe/Amsterdam");
    CHECK(util::TimeZone::find("UTC")->name() == "UTC");
    CHECK_FALSE(util::TimeZone::find("Mars/Olympus"));
    CHECK_FALSE(util::TimeZone::find(""));
    CHECK_FALSE(util::TimeZone::find("localtime"));
    CHECK_FALSE(util::TimeZone::find("/etc/passwd"));
    CHECK_FALSE(util::TimeZone::find("../../etc/passwd"));
    CHECK(util::TimeZone::exists("Europe/Amsterdam"));
    CHECK_FALSE(util::TimeZone::exists("Mars/Olympus"));
    CHECK_FALSE(util::TimeZone::exists("localtime"));
    CHECK_FALSE(util::TimeZone::exists("../../etc/passwd"));
  }

  TEST_CASE("local and UTC wall-clock time, in winter and summer")
  {
    const auto ams = *util::TimeZone::find("Europe/Amsterdam");
    CHECK(ams.to_local(at(2026, 1, 15, 12)) == local(2026, 1, 15, 13));
    CHECK(ams.to_local(at(2026, 7, 15, 12)) == local(2026, 7, 15, 14));
    CHECK(ams.to_sys(local(2026, 1, 15, 13)) == at(2026, 1, 15, 12));
    CHECK(ams.to_sys(local(2026, 7, 15, 14)) == at(2026, 7, 15, 12));
  }

  TEST_CASE("a skipped local time maps to the change; a repeated one to its earlier instant")
  {
    const auto ams = *util::TimeZone::find("Europe/Amsterdam");
    // 2026-03-29: 02:00 CET jumps to 03:00 CEST at 01:00 UTC.
    CHECK(ams.to_sys(local(2026, 3, 29, 2, 30)) == at(2026, 3, 29, 1));
    // 2026-10-25: 03:00 CEST falls back to 02:00 CET at 01:00 UTC; 02:30 happens twice.
    CHECK(ams.to_sys(local(2026, 10, 25, 2, 30)) == at(2026, 10, 25, 0, 30));
  }

  TEST_CASE("offset_at gives the offset and the span it holds")
  {
    const auto ams = *util::TimeZone::find("Europe/Amsterdam");
    const auto summer = ams.offset_at(at(2026, 7, 1, 0));
    CHECK(summer.offset == hours{2});
    CHECK(summer.begin == at(2026, 3, 29, 1));
    CHECK(summer.end == at(2026, 10, 25, 1));
    // At the change itself, the new offset holds from that instant.
    const auto at_change = ams.offset_at(at(2026, 10, 25, 1));
    CHECK(at_change.offset == hours{1});
    CHECK(at_change.begin == at(2026, 10, 25, 1));
    const auto u = util::TimeZone::utc().offset_at(at(2026, 7, 1, 0));
    CHECK(u.offset == seconds{0});
    CHECK(u.begin < at(1900, 1, 1, 0));
    CHECK(u.end > at(2100, 1, 1, 0));
  }

  TEST_CASE("local(): TZ names the zone, with or without ':' or a zoneinfo path; empty is UTC")
  {
    {
      test::ScopedTz tz("Asia/Tokyo");
      CHECK(util::TimeZone::local().name() == "Asia/Tokyo");
    }
    {
      test::ScopedTz tz(":America/New_York");
      CHECK(util::TimeZone::local().name() == "America/New_York");
    }
    {
      test::ScopedTz tz("/usr/share/zoneinfo/Europe/Berlin");
      CHECK(util::TimeZone::local().name() == "Europe/Berlin");
    }
    {
      test::ScopedTz tz("");
      CHECK(util::TimeZone::local().name() == "UTC");
    }
  }
}

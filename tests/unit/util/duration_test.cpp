#include "lib/util/duration.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using namespace std::chrono;

TEST_SUITE("util::duration")
{
  TEST_CASE("parse_duration reads compound units largest first")
  {
    CHECK(util::parse_duration("45s", "x") == seconds{45});
    CHECK(util::parse_duration("4h", "x") == hours{4});
    CHECK(util::parse_duration("1h30m", "x") == minutes{90});
    CHECK(util::parse_duration("2d", "x") == hours{48});
    CHECK(util::parse_duration("1w1d", "x") == days{8});
  }

  TEST_CASE("parse_duration rejects malformed text")
  {
    for (const char* bad : {"", "4", "h", "30m1h", "1h1h", "-1h", "4x", "1.5h"}) {
      CAPTURE(bad);
      CHECK_THROWS_AS(util::parse_duration(bad, "x"), Error);
    }
  }

  TEST_CASE("format_duration is compact")
  {
    CHECK(util::format_duration(minutes{5}) == "5m");
    CHECK(util::format_duration(minutes{65}) == "1h 05m");
    CHECK(util::format_duration(hours{50}) == "2d 2h");
    CHECK(util::format_duration(-minutes{90}) == "-1h 30m");
  }
}

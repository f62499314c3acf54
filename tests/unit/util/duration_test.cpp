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

  // Found by the time fuzz target: the multiplication overflowed (signed
  // overflow, undefined; a Release build returned a wrapped, negative
  // duration for the first one).
  TEST_CASE("parse_duration refuses more than 100 years instead of overflowing")
  {
    CHECK(util::parse_duration("5200w", "x") == weeks{5200});
    CHECK(util::parse_duration("5199w6d23h59m60s", "x") == weeks{5200});
    for (const char* bad : {"15250284452472w", "5201w", "5200w1s", "5199w6d23h59m61s",
                            "9223372036854775807s", "2216060221602219w3d"}) {
      CAPTURE(bad);
      CHECK_THROWS_WITH_AS(util::parse_duration(bad, "x"),
                           doctest::Contains("(accepted: e.g. 45s, 30m, 4h, 1h30m, 2d, 1w; at most 5200w)"),
                           Error);
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

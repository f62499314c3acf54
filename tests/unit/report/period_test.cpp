#include "lib/report/period.hpp"

#include "tests/unit/fixture.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using report::Period;
using report::Zone;
using test::at;

namespace {

const Zone& utc()
{
  static const Zone zone = Zone::named("UTC", "--tz");
  return zone;
}

const Zone& amsterdam()
{
  static const Zone zone = Zone::named("Europe/Amsterdam", "--tz");
  return zone;
}

// The message of the usage error `f` throws, or "" if it does not.
template<typename F>
std::string usage_error(F f)
{
  try {
    f();
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::usage);
    return e.what();
  }
  FAIL("no error");
  return "";
}

} // namespace

TEST_SUITE("report::period")
{
  TEST_CASE("a month in UTC runs from its first midnight to the next month's")
  {
    const Period p = report::month_period("2026-10", utc());
    CHECK(p.label == "2026-10");
    CHECK(p.from == at(2026, 10, 1));
    CHECK(p.to == at(2026, 11, 1));
    CHECK(p.from_text == "2026-10-01T00:00:00+00:00");
    CHECK(p.tz == "UTC");
  }

  TEST_CASE("DST months in a named zone are an hour longer or shorter")
  {
    // Europe/Amsterdam leaves summer time on 2026-10-25: October has 745 hours.
    const Period october = report::month_period("2026-10", amsterdam());
    CHECK(october.from == at(2026, 9, 30, 22));
    CHECK(october.to == at(2026, 10, 31, 23));
    CHECK((october.to - october.from) == std::chrono::hours{31 * 24 + 1});
    CHECK(october.from_text == "2026-10-01T00:00:00+02:00");
    CHECK(october.to_text == "2026-11-01T00:00:00+01:00");
    // ... and enters it on 2026-03-29: March has 743 hours.
    const Period march = report::month_period("2026-03", amsterdam());
    CHECK(march.from == at(2026, 2, 28, 23));
    CHECK(march.to == at(2026, 3, 31, 22));
    CHECK((march.to - march.from) == std::chrono::hours{31 * 24 - 1});
  }

  TEST_CASE("a local midnight skipped by DST starts the day at the transition")
  {
    // Havana springs forward at midnight: 2026-03-08 00:00 does not exist
    // (clocks go from 00:00 -05:00 to 01:00 -04:00).
    const Zone havana = Zone::named("America/Havana", "--tz");
    const Period p = report::range_period("2026-03-08", "2026-03-09", havana);
    CHECK(p.from == at(2026, 3, 8, 5));
    CHECK(p.to == at(2026, 3, 9, 4));
  }

  TEST_CASE("periods in words, for readers")
  {
    CHECK(report::month_period("2026-12", utc()).words == "December 2026");
    CHECK(report::quarter_period("2026Q4", utc()).words == "Q4 2026");
    CHECK(report::half_period("2026H2", amsterdam()).words == "H2 2026");
    CHECK(report::year_period("2026", utc()).words == "2026");
    CHECK(report::range_period("2026-10-01", "2026-10-16", amsterdam()).words
          == "1 October 2026 to 15 October 2026");
    CHECK(report::range_period("2026-12-31", "2027-01-01", utc()).words == "31 December 2026");
    const auto months = report::months_of(report::year_period("2026", utc()), utc());
    CHECK(months.front().words == "January 2026");
    CHECK(amsterdam().format_words(at(2026, 10, 6, 8, 15, 59)) == "6 October 2026 10:15");
  }

  TEST_CASE("quarters, halves and years")
  {
    Period q = report::quarter_period("2026Q3", utc());
    CHECK(q.label == "2026Q3");
    CHECK(q.from == at(2026, 7, 1));
    CHECK(q.to == at(2026, 10, 1));
    CHECK(report::quarter_period("2026-q4", utc()).to == at(2027, 1, 1));
    Period h = report::half_period("2026H2", utc());
    CHECK(h.label == "2026H2");
    CHECK(h.from == at(2026, 7, 1));
    CHECK(h.to == at(2027, 1, 1));
    CHECK(report::half_period("2026-H1", amsterdam()).to == at(2026, 6, 30, 22));
    Period y = report::year_period("2026", amsterdam());
    CHECK(y.from == at(2025, 12, 31, 23));
    CHECK(y.to == at(2026, 12, 31, 23));
  }

  TEST_CASE("a range is [from, to) in local days")
  {
    const Period p = report::range_period("2026-10-15", "2026-11-15", amsterdam());
    CHECK(p.label == "2026-10-15..2026-11-15");
    CHECK(p.from == at(2026, 10, 14, 22));
    CHECK(p.to == at(2026, 11, 14, 23));
    CHECK(usage_error([] { report::range_period("2026-10-15", "2026-10-15", utc()); })
            .find("--to: 2026-10-15 is not after --from 2026-10-15") != std::string::npos);
  }

  TEST_CASE("--last-month is the month before now's local month")
  {
    report::PeriodRequest request;
    request.last_month = true;
    // 2026-10-31T23:30Z is already November in Amsterdam, still October in UTC.
    CHECK(report::resolve_period(request, amsterdam(), at(2026, 10, 31, 23, 30)).label == "2026-10");
    CHECK(report::resolve_period(request, utc(), at(2026, 10, 31, 23, 30)).label == "2026-09");
    CHECK(report::resolve_period(request, utc(), at(2026, 1, 15)).label == "2025-12");
  }

  TEST_CASE("bad period strings name what is accepted")
  {
    CHECK(usage_error([] { report::month_period("2026-13", utc()); })
          == "--month: '2026-13' is not a month (accepted: YYYY-MM with a month 01-12, e.g. 2026-10)");
    for (const char* text : {"2026-1", "26-10", "2026/10", "2026-00", "", "2026-10x"}) {
      CAPTURE(text);
      CHECK(usage_error([&] { report::month_period(text, utc()); }).find("accepted: YYYY-MM") != std::string::npos);
    }
    CHECK(usage_error([] { report::quarter_period("2026Q5", utc()); })
          == "--quarter: '2026Q5' is not a quarter (accepted: YYYYQn with n 1-4, e.g. 2026Q3)");
    CHECK(usage_error([] { report::half_period("2026H3", utc()); }).find("YYYYHn") != std::string::npos);
    CHECK(usage_error([] { report::year_period("20266", utc()); }).find("accepted: YYYY") != std::string::npos);
    CHECK(usage_error([] { report::range_period("2026-02-30", "2026-03-01", utc()); })
          .find("--from: '2026-02-30' is not a date") != std::string::npos);
  }

  TEST_CASE("exactly one period form")
  {
    report::PeriodRequest none;
    CHECK(usage_error([&] { report::resolve_period(none, utc(), at(2026, 1, 1)); })
            .find("no period given (use one of --month YYYY-MM, --last-month") != std::string::npos);
    report::PeriodRequest two;
    two.month = "2026-10";
    two.year = "2026";
    CHECK(usage_error([&] { report::resolve_period(two, utc(), at(2026, 1, 1)); })
            .find("more than one period") != std::string::npos);
    report::PeriodRequest half_range;
    half_range.from = "2026-10-01";
    CHECK(usage_error([&] { report::resolve_period(half_range, utc(), at(2026, 1, 1)); })
            .find("--from and --to go together") != std::string::npos);
  }

  TEST_CASE("months of a period, clipped to it")
  {
    const auto year = report::months_of(report::year_period("2026", amsterdam()), amsterdam());
    REQUIRE(year.size() == 12);
    CHECK(year.front().label == "2026-01");
    CHECK(year.back().label == "2026-12");
    for (std::size_t i = 1; i < year.size(); ++i) {
      CHECK(year[i].from == year[i - 1].to);
    }
    CHECK(year[9].to - year[9].from == std::chrono::hours{745});
    const auto range =
      report::months_of(report::range_period("2026-01-15", "2026-03-10", utc()), utc());
    REQUIRE(range.size() == 3);
    CHECK(range[0].from == at(2026, 1, 15));
    CHECK(range[0].to == at(2026, 2, 1));
    CHECK(range[2].label == "2026-03");
    CHECK(range[2].to == at(2026, 3, 10));
  }

  TEST_CASE("zones")
  {
    CHECK(usage_error([] { Zone::named("Mars/Olympus", "--tz"); })
          == "--tz: unknown time zone 'Mars/Olympus' (accepted: an IANA name such as "
             "Europe/Amsterdam, America/New_York or UTC)");
    try {
      Zone::named("Nowhere", "config.toml:3: report.timezone", ErrorKind::config);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::config);
    }
    CHECK(amsterdam().format(at(2026, 7, 1, 12)) == "2026-07-01T14:00:00+02:00");
    CHECK(Zone::named("America/St_Johns", "--tz").format(at(2026, 1, 1, 12)) == "2026-01-01T08:30:00-03:30");
  }
}

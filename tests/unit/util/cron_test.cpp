#include "lib/util/cron.hpp"
#include "lib/util/error.hpp"
#include "tests/unit/time_support.hpp"

#include <optional>
#include <string>

#include <doctest/doctest.h>

using namespace sdesk;
using sdesk::test::at;
using util::CronSchedule;

namespace {

// The problem parse() reports for `text`, or "" when it parses.
std::string problem(const char* text)
{
  try {
    (void)CronSchedule::parse(text);
    return "";
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::usage);
    return e.what();
  }
}

const util::TimeZone& utc()
{
  static const util::TimeZone zone = util::TimeZone::utc();
  return zone;
}

const util::TimeZone& amsterdam()
{
  static const util::TimeZone zone = *util::TimeZone::find("Europe/Amsterdam");
  return zone;
}

std::optional<util::Time> next(const char* text, util::Time after, const util::TimeZone& zone = utc())
{
  return CronSchedule::parse(text).next_after(after, zone);
}

std::optional<util::Time> last(const char* text, util::Time when, const util::TimeZone& zone = utc())
{
  return CronSchedule::parse(text).last_at_or_before(when, zone);
}

} // namespace

TEST_SUITE("util::CronSchedule")
{
  TEST_CASE("parse: five fields of numbers, names, lists, ranges and steps")
  {
    CHECK(problem("0 9 1 * *").empty());
    CHECK(problem("  */15  9-17 * jan,JUL mon-fri ").empty());
    CHECK(problem("0,30 0-23/2 1-31/10 1-12 0-7").empty());
    CHECK(problem("0 9 * * Sun").empty());
    CHECK(CronSchedule::parse("0 9 1 * *").text() == "0 9 1 * *");
  }

  TEST_CASE("parse: anything else is refused, naming the field and the problem")
  {
    CHECK(problem("0 9 1 *") == "'0 9 1 *' has 4 fields, not 5");
    CHECK(problem("0 0 9 1 * *") == "'0 0 9 1 * *' has 6 fields, not 5");
    CHECK(problem("@daily") == "'@daily' has 1 fields, not 5");
    CHECK(problem("") == "'' has 0 fields, not 5");
    CHECK(problem("60 9 1 * *") == "minute: '60' is outside 0-59");
    CHECK(problem("0 24 1 * *") == "hour: '24' is outside 0-23");
    CHECK(problem("0 9 0 * *") == "day of month: '0' is outside 1-31");
    CHECK(problem("0 9 32 * *") == "day of month: '32' is outside 1-31");
    CHECK(problem("0 9 1 13 *") == "month: '13' is outside 1-12");
    CHECK(problem("0 9 1 * 8") == "day of week: '8' is outside 0-7");
    CHECK(problem("0 9 1 foo *") == "month: 'foo' is not a number or a name");
    CHECK(problem("0 9 1 * monday") == "day of week: 'monday' is not a number or a name");
    CHECK(problem("x 9 1 * *") == "minute: 'x' is not a number");
    CHECK(problem("0 mon 1 * *") == "hour: 'mon' is not a number");
    CHECK(problem("0 17-9 * * *") == "hour: range '17-9' runs backwards");
    CHECK(problem("*/0 9 * * *") == "minute: step '0' is not a number from 1 to 60");
    CHECK(problem("*/x 9 * * *") == "minute: step 'x' is not a number from 1 to 60");
    CHECK(problem("5/10 9 * * *") == "minute: '5/10': a step follows * or a range A-B");
    CHECK(problem("0,,5 9 * * *") == "minute: '0,,5' has an empty list item");
    CHECK(problem("L 9 * * *") == "minute: 'L' is not a number");
    CHECK(problem("0 9 ? * *") == "day of month: '?' is not a number");
    CHECK(problem("0 9 * * 5#2") == "day of week: '5#2' is not a number or a name");
  }

  TEST_CASE("parse: a schedule that can never occur is refused")
  {
    CHECK(problem("0 9 31 apr,jun,sep,nov *")
          == "'0 9 31 apr,jun,sep,nov *' is never due: no selected month has the selected days");
    CHECK(problem("0 9 30 2 *") == "'0 9 30 2 *' is never due: no selected month has the selected days");
    // 29 February occurs; 30 February with a weekday occurs on that weekday.
    CHECK(problem("0 9 29 2 *").empty());
    CHECK(problem("0 9 30 2 mon").empty());
  }

  TEST_CASE("next_after: strictly after, in UTC")
  {
    CHECK(next("0 9 1 * *", at(2026, 11, 15, 12)) == at(2026, 12, 1, 9));
    CHECK(next("0 9 1 * *", at(2026, 12, 1, 8, 59, 59)) == at(2026, 12, 1, 9));
    CHECK(next("0 9 1 * *", at(2026, 12, 1, 9)) == at(2027, 1, 1, 9));
    CHECK(next("0 9 1 * *", at(2026, 12, 1, 9, 0, 1)) == at(2027, 1, 1, 9));
    CHECK(next("* * * * *", at(2026, 12, 31, 23, 59, 30)) == at(2027, 1, 1, 0, 0));
    CHECK(next("*/15 9-10 * * *", at(2026, 12, 1, 9, 50)) == at(2026, 12, 1, 10, 0));
    CHECK(next("*/15 9-10 * * *", at(2026, 12, 1, 10, 45)) == at(2026, 12, 2, 9, 0));
    CHECK(next("0 0-23/6 * * *", at(2026, 12, 1, 7)) == at(2026, 12, 1, 12));
    CHECK(next("0 0 1 jan,jul *", at(2026, 2, 1)) == at(2026, 7, 1));
    CHECK(next("0 0 1 jul-aug *", at(2026, 7, 1)) == at(2026, 8, 1));
  }

  TEST_CASE("next_after: weekdays, names, 7 is Sunday, leap days")
  {
    // 2026-12-01 is a Tuesday.
    CHECK(next("0 8 * * mon-fri", at(2026, 12, 4, 9)) == at(2026, 12, 7, 8)); // Fri -> Mon
    CHECK(next("0 8 * * 7", at(2026, 12, 1)) == at(2026, 12, 6, 8));
    CHECK(next("0 8 * * 0", at(2026, 12, 1)) == at(2026, 12, 6, 8));
    CHECK(next("0 8 * * SAT", at(2026, 12, 1)) == at(2026, 12, 5, 8));
    CHECK(next("0 8 * * 5-7", at(2026, 12, 1)) == at(2026, 12, 4, 8)); // Fri, Sat, Sun
    CHECK(next("0 0 29 2 *", at(2026, 1, 1)) == at(2028, 2, 29));
    CHECK(next("0 0 29 2 *", at(2096, 3, 1)) == at(2104, 2, 29)); // 2100 is no leap year
  }

  TEST_CASE("next_after: day of month OR day of week when both are restricted")
  {
    // The 15th, or any Monday: Monday 7 December comes first.
    CHECK(next("0 9 15 * mon", at(2026, 12, 1, 10)) == at(2026, 12, 7, 9));
    CHECK(next("0 9 2 * mon", at(2026, 12, 1, 10)) == at(2026, 12, 2, 9));
    // A field starting with '*' does not restrict: both must match.
    CHECK(next("0 9 * * mon", at(2026, 12, 1, 10)) == at(2026, 12, 7, 9));
    CHECK(next("0 9 15 * *", at(2026, 12, 1, 10)) == at(2026, 12, 15, 9));
    // */2 starts with '*': odd days that are Mondays (7 December is one).
    CHECK(next("0 9 */2 * mon", at(2026, 12, 1, 10)) == at(2026, 12, 7, 9));
    CHECK(next("0 9 */2 * mon", at(2026, 12, 7, 10)) == at(2026, 12, 21, 9));
  }

  TEST_CASE("next_after: wall-clock time in the schedule's zone")
  {
    // 09:00 in Amsterdam: 08:00Z in winter, 07:00Z in summer.
    CHECK(next("0 9 1 * *", at(2026, 11, 15), amsterdam()) == at(2026, 12, 1, 8));
    CHECK(next("0 9 1 * *", at(2026, 6, 15), amsterdam()) == at(2026, 7, 1, 7));
    // Midnight on the 1st, local, is still the 30th/31st in UTC.
    CHECK(next("0 0 1 * *", at(2026, 11, 15), amsterdam()) == at(2026, 11, 30, 23));
  }

  TEST_CASE("DST gap: a skipped wall-clock time occurs once, at the change")
  {
    // 2026-03-29 in Amsterdam: 02:00 CET -> 03:00 CEST, at 01:00Z.
    CHECK(next("30 2 * * *", at(2026, 3, 28, 12), amsterdam()) == at(2026, 3, 29, 1));
    CHECK(next("30 2 * * *", at(2026, 3, 29, 1), amsterdam()) == at(2026, 3, 30, 0, 30));
    // Four skipped times: one occurrence at the change, then the next day's.
    CHECK(next("*/15 2 * * *", at(2026, 3, 29, 0, 50), amsterdam()) == at(2026, 3, 29, 1));
    CHECK(next("*/15 2 * * *", at(2026, 3, 29, 1), amsterdam()) == at(2026, 3, 30, 0));
    // Times around the gap are unaffected.
    CHECK(next("59 1 * * *", at(2026, 3, 28, 12), amsterdam()) == at(2026, 3, 29, 0, 59));
    CHECK(next("0 3 * * *", at(2026, 3, 28, 12), amsterdam()) == at(2026, 3, 29, 1));
    CHECK(last("30 2 * * *", at(2026, 3, 29, 1, 30), amsterdam()) == at(2026, 3, 29, 1));
    CHECK(last("30 2 * * *", at(2026, 3, 29, 0, 59), amsterdam()) == at(2026, 3, 28, 1, 30));
  }

  TEST_CASE("DST repeat: a repeated wall-clock time occurs once, at its first instant")
  {
    // 2026-10-25 in Amsterdam: 03:00 CEST -> 02:00 CET, at 01:00Z; 02:00-03:00 twice.
    CHECK(next("30 2 * * *", at(2026, 10, 24, 12), amsterdam()) == at(2026, 10, 25, 0, 30));
    CHECK(next("30 2 * * *", at(2026, 10, 25, 0, 30), amsterdam()) == at(2026, 10, 26, 1, 30));
    // From inside the second pass, the repeated times are over.
    CHECK(next("*/20 2 * * *", at(2026, 10, 25, 1, 10), amsterdam()) == at(2026, 10, 26, 1, 0));
    CHECK(next("*/20 2 * * *", at(2026, 10, 25, 0, 50), amsterdam()) == at(2026, 10, 26, 1, 0));
    CHECK(next("*/20 2 * * *", at(2026, 10, 25, 0, 30), amsterdam()) == at(2026, 10, 25, 0, 40));
    // Hourly jobs run every hour: 02:00 CEST, then 03:00 CET (02:00 CET is a repeat).
    CHECK(next("0 * * * *", at(2026, 10, 25, 0, 0), amsterdam()) == at(2026, 10, 25, 2, 0));
    // last: from the second pass, the first pass's later wall-clock time.
    CHECK(last("50 2 * * *", at(2026, 10, 25, 1, 10), amsterdam()) == at(2026, 10, 25, 0, 50));
    CHECK(last("30 2 * * *", at(2026, 10, 25, 1, 45), amsterdam()) == at(2026, 10, 25, 0, 30));
  }

  TEST_CASE("last_at_or_before: at or before, stepping back through occurrences")
  {
    CHECK(last("0 9 1 * *", at(2026, 12, 1, 9)) == at(2026, 12, 1, 9));
    CHECK(last("0 9 1 * *", at(2026, 12, 1, 8, 59, 59)) == at(2026, 11, 1, 9));
    CHECK(last("0 9 1 * *", at(2027, 3, 15)) == at(2027, 3, 1, 9));
    CHECK(last("0 8 * * mon-fri", at(2026, 12, 7, 7)) == at(2026, 12, 4, 8));
    CHECK(last("0 0 29 2 *", at(2027, 1, 1)) == at(2024, 2, 29));
    CHECK(last("0 9 15 * mon", at(2026, 12, 14, 10)) == at(2026, 12, 14, 9));
    CHECK(last("0 9 1 * *", at(2026, 12, 1, 9), amsterdam()) == at(2026, 12, 1, 8));
    CHECK(last("0 9 1 * *", at(2026, 12, 1, 7, 59), amsterdam()) == at(2026, 11, 1, 8));
  }

  TEST_CASE("TimeZone::format: wall-clock time with the offset in force")
  {
    CHECK(amsterdam().format(at(2026, 12, 1, 8)) == "2026-12-01T09:00:00+01:00");
    CHECK(amsterdam().format(at(2026, 7, 1, 7)) == "2026-07-01T09:00:00+02:00");
    CHECK(utc().format(at(2026, 7, 1, 7, 5, 9)) == "2026-07-01T07:05:09+00:00");
    CHECK(util::TimeZone::find("America/St_Johns")->format(at(2026, 12, 1, 12))
          == "2026-12-01T08:30:00-03:30");
  }

  TEST_CASE("matches: one wall-clock minute")
  {
    const auto s = CronSchedule::parse("30 9 1 * *");
    const auto day = date::local_days{date::year{2026} / 12 / 1};
    CHECK(s.matches(util::LocalSeconds{day} + std::chrono::hours{9} + std::chrono::minutes{30}));
    CHECK(s.matches(util::LocalSeconds{day} + std::chrono::seconds{9 * 3600 + 30 * 60 + 59}));
    CHECK_FALSE(s.matches(util::LocalSeconds{day} + std::chrono::hours{9}));
    CHECK_FALSE(s.matches(util::LocalSeconds{day + date::days{1}} + std::chrono::minutes{570}));
  }
}

#include "lib/sla/calendar.hpp"
#include "tests/unit/time_support.hpp"

#include "lib/util/error.hpp"

#include <doctest/doctest.h>

#include <array>
#include <string>

using namespace std::chrono_literals;
using sdesk::Error;
using sdesk::ErrorKind;
using sdesk::sla::BusinessHours;
using sdesk::sla::Calendar;
using sdesk::sla::Segment;
using sdesk::sla::SegmentKind;
using sdesk::sla::Time;
using sdesk::sla::Week;
using sdesk::test::at;

namespace {

// 2026-03-02 is a Monday; 2026-12-25 a Friday; 2026-03-29 and 2026-10-25 are
// the DST Sundays in Europe/Amsterdam (CET = UTC+1, CEST = UTC+2).
BusinessHours hours(int begin_h, int end_h)
{
  return {std::chrono::hours{begin_h}, std::chrono::hours{end_h}};
}

// Mon-Fri 08:00-12:00 and 13:00-17:00 (8 hours a day) in `zone`.
Week office_week()
{
  Week week;
  for (int i = 0; i < 5; ++i) {
    week[i] = {hours(8, 12), hours(13, 17)};
  }
  return week;
}

Calendar office(const char* zone = "UTC")
{
  return Calendar::make("office", zone, office_week(), {date::year{2026} / 12 / 25});
}

// Europe/Amsterdam: Mon-Fri 08:00-17:00 plus Sunday 01:00-04:00 (across the
// 02:00/03:00 transitions).
Calendar amsterdam()
{
  Week week;
  for (int i = 0; i < 5; ++i) {
    week[i] = {hours(8, 17)};
  }
  week[6] = {hours(1, 4)};
  return Calendar::make("ams", "Europe/Amsterdam", week);
}

ErrorKind kind_of(auto&& fn)
{
  try {
    fn();
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::internal; // did not throw
}

std::string message_of(auto&& fn)
{
  try {
    fn();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

} // namespace

TEST_SUITE("sla::Calendar")
{
  TEST_CASE("parse_business_hours accepts HH:MM-HH:MM")
  {
    CHECK(sdesk::sla::parse_business_hours("08:00-17:00") == BusinessHours{480min, 1020min});
    CHECK(sdesk::sla::parse_business_hours("00:00-24:00") == BusinessHours{0min, 1440min});
    CHECK(sdesk::sla::parse_business_hours("13:30-17:45") == BusinessHours{810min, 1065min});
    CHECK(sdesk::sla::format_business_hours({810min, 1440min}) == "13:30-24:00");
  }

  TEST_CASE("parse_business_hours rejects bad text with a config error")
  {
    for (const char* bad : {"25:00-26:00", "8:00-17:00", "17:00-08:00", "08:00-08:00",
                            "24:00-24:00", "08:00-24:30", "08:60-09:00", "08:00", "", "08-17"}) {
      CAPTURE(bad);
      CHECK(kind_of([&] { sdesk::sla::parse_business_hours(bad); }) == ErrorKind::config);
    }
    CHECK(message_of([] { sdesk::sla::parse_business_hours("25:00-26:00"); })
          == "invalid business hours '25:00-26:00'; accepted: HH:MM-HH:MM with 00:00 <= begin "
             "< end <= 24:00");
  }

  TEST_CASE("parse_day, parse_weekday and parse_date")
  {
    const auto day = sdesk::sla::parse_day("08:00-12:00, 13:00-17:00");
    REQUIRE(day.size() == 2);
    CHECK(day[1] == hours(13, 17));
    CHECK(sdesk::sla::parse_day("closed").empty());
    CHECK(sdesk::sla::parse_day("").empty());
    CHECK(kind_of([] { sdesk::sla::parse_day("08:00-12:00,"); }) == ErrorKind::config);

    CHECK(sdesk::sla::parse_weekday("mon") == 0);
    CHECK(sdesk::sla::parse_weekday("Sunday") == 6);
    CHECK(kind_of([] { sdesk::sla::parse_weekday("mo"); }) == ErrorKind::config);

    CHECK(sdesk::sla::parse_date("2026-12-25") == date::year{2026} / 12 / 25);
    for (const char* bad : {"2026-02-30", "2026-2-03", "26-12-25", "2026/12/25", "2026-12-25x"}) {
      CAPTURE(bad);
      CHECK(kind_of([&] { sdesk::sla::parse_date(bad); }) == ErrorKind::config);
    }
  }

  TEST_CASE("make validates zone, ranges, holidays and that some hours exist")
  {
    CHECK(message_of([] { Calendar::make("office", "Europe/Amsterdm", office_week()); })
          == "calendar 'office': unknown time zone 'Europe/Amsterdm'; accepted: an IANA name "
             "such as Europe/Amsterdam or UTC");

    Week overlapping = office_week();
    overlapping[1] = {hours(8, 12), hours(11, 17)};
    CHECK(kind_of([&] { Calendar::make("office", "UTC", overlapping); }) == ErrorKind::config);
    CHECK(message_of([&] { Calendar::make("office", "UTC", overlapping); }).find("tue ranges")
          != std::string::npos);

    Week unsorted = office_week();
    unsorted[4] = {hours(13, 17), hours(8, 12)};
    CHECK(message_of([&] { Calendar::make("office", "UTC", unsorted); }).find("fri ranges")
          != std::string::npos);

    Week reversed = office_week();
    reversed[6] = {hours(17, 8)};
    CHECK(kind_of([&] { Calendar::make("office", "UTC", reversed); }) == ErrorKind::config);

    CHECK(message_of([] { Calendar::make("empty", "UTC", Week{}); })
          == "calendar 'empty' has no business hours; accepted: at least one range such as "
             "08:00-17:00");
    CHECK(kind_of([] {
            Calendar::make("office", "UTC", office_week(), {date::year{2026} / 2 / 30});
          })
          == ErrorKind::config);
  }

  TEST_CASE("business_time skips lunch, nights, weekends and holidays")
  {
    const Calendar cal = office();
    CHECK_FALSE(cal.always_open());
    CHECK(cal.business_time(at(2026, 3, 2, 7), at(2026, 3, 2, 18)) == 8h);
    CHECK(cal.business_time(at(2026, 3, 2, 11), at(2026, 3, 2, 14)) == 2h);
    CHECK(cal.business_time(at(2026, 3, 6, 16), at(2026, 3, 9, 9)) == 2h); // Fri -> Mon
    CHECK(cal.business_time(at(2026, 3, 2), at(2026, 3, 9)) == 40h);      // one week
    CHECK(cal.business_time(at(2026, 3, 7, 10), at(2026, 3, 8, 20)) == 0h); // weekend
    CHECK(cal.business_time(at(2026, 12, 24, 16), at(2026, 12, 28, 9)) == 2h); // Fri holiday
    CHECK(cal.business_time(at(2026, 3, 2, 10), at(2026, 3, 2, 10)) == 0h);
    CHECK(cal.business_time(at(2026, 3, 2, 10), at(2026, 3, 2, 9)) == 0h);
  }

  TEST_CASE("add_business_time returns the earliest instant and starts the clock on Monday")
  {
    const Calendar cal = office();
    const Time saturday = at(2026, 3, 7, 10);
    CHECK(cal.add_business_time(saturday, 0s) == saturday);
    CHECK(cal.add_business_time(saturday, 1s) == at(2026, 3, 9, 8) + 1s);
    CHECK(cal.add_business_time(saturday, 4h) == at(2026, 3, 9, 12)); // not 13:00
    CHECK(cal.add_business_time(saturday, 4h + 1min) == at(2026, 3, 9, 13, 1));
    CHECK(cal.add_business_time(at(2026, 3, 6, 16), 2h) == at(2026, 3, 9, 9));
    CHECK(cal.add_business_time(at(2026, 3, 2, 8), 24h) == at(2026, 3, 4, 17));
    CHECK(cal.add_business_time(at(2026, 3, 2, 8), 25h) == at(2026, 3, 5, 9));
    CHECK(cal.add_business_time(at(2026, 3, 2, 8), 80h) == at(2026, 3, 13, 17)); // 2 weeks
    CHECK(cal.add_business_time(at(2026, 12, 24, 16), 2h) == at(2026, 12, 28, 9));
    CHECK(kind_of([&] { cal.add_business_time(saturday, -1s); }) == ErrorKind::usage);
  }

  TEST_CASE("add_business_time inverts business_time (round trip over many starts)")
  {
    const Calendar cal = office("Europe/Amsterdam");
    const std::array<std::chrono::seconds, 5> k_amounts{1s, 59min + 1s, 8h, 31h, 100h};
    int checked = 0;
    for (Time start = at(2026, 3, 20); start < at(2026, 4, 10); start += 97min) {
      for (const std::chrono::seconds amount : k_amounts) {
        const Time due = cal.add_business_time(start, amount);
        REQUIRE(cal.business_time(start, due) == amount);
        REQUIRE(cal.business_time(start, due - 1s) == amount - 1s); // earliest
        ++checked;
      }
    }
    CHECK(checked > 1500);
  }

  TEST_CASE("segments explain open, closed and holiday time with their rules")
  {
    const Calendar cal = office();
    const std::vector<Segment> weekend = cal.segments(at(2026, 3, 6, 11), at(2026, 3, 9, 9));
    const std::vector<Segment> expected{
      {at(2026, 3, 6, 11), at(2026, 3, 6, 12), SegmentKind::open, "fri 08:00-12:00"},
      {at(2026, 3, 6, 12), at(2026, 3, 6, 13), SegmentKind::closed, "outside business hours"},
      {at(2026, 3, 6, 13), at(2026, 3, 6, 17), SegmentKind::open, "fri 13:00-17:00"},
      {at(2026, 3, 6, 17), at(2026, 3, 9, 8), SegmentKind::closed, "outside business hours"},
      {at(2026, 3, 9, 8), at(2026, 3, 9, 9), SegmentKind::open, "mon 08:00-12:00"},
    };
    CHECK(weekend == expected);

    const std::vector<Segment> christmas =
      cal.segments(at(2026, 12, 24, 16), at(2026, 12, 25, 12));
    REQUIRE(christmas.size() == 3);
    CHECK(christmas[1] == Segment{at(2026, 12, 24, 17), at(2026, 12, 25), SegmentKind::closed,
                                  "outside business hours"});
    CHECK(christmas[2] == Segment{at(2026, 12, 25), at(2026, 12, 25, 12), SegmentKind::holiday,
                                  "holiday 2026-12-25"});
    CHECK(cal.segments(at(2026, 3, 6, 11), at(2026, 3, 6, 11)).empty());
  }

  TEST_CASE("24x7 is plain arithmetic")
  {
    const Calendar cal = Calendar::twenty_four_seven();
    CHECK(cal.always_open());
    CHECK(cal.name() == "24x7");
    CHECK(cal.zone_name() == "UTC");
    const Time t = at(2026, 3, 7, 10, 17);
    CHECK(cal.business_time(t, t + 50h + 3s) == 50h + 3s);
    CHECK(cal.add_business_time(t, 1000h) == t + 1000h);
    CHECK(cal.segments(t, t + 2h) == std::vector<Segment>{{t, t + 2h, SegmentKind::open, "24x7"}});
  }
}

TEST_SUITE("sla::Calendar DST")
{
  TEST_CASE("winter offset: 08:00 local is 07:00 UTC")
  {
    const Calendar cal = amsterdam();
    CHECK(cal.business_time(at(2026, 3, 2), at(2026, 3, 3)) == 9h);
    CHECK(cal.add_business_time(at(2026, 3, 2), 1h) == at(2026, 3, 2, 8));
  }

  TEST_CASE("spring forward 2026-03-29: 01:00-04:00 is two real hours")
  {
    const Calendar cal = amsterdam();
    // 01:00 CET = 00:00Z, 04:00 CEST = 02:00Z
    CHECK(cal.business_time(at(2026, 3, 28, 12), at(2026, 3, 29, 12)) == 2h);
    CHECK(cal.add_business_time(at(2026, 3, 28, 12), 90min) == at(2026, 3, 29, 1, 30));
    CHECK(cal.add_business_time(at(2026, 3, 28, 12), 2h) == at(2026, 3, 29, 2));
    // Fri 16:00 CET (15:00Z) .. Mon 09:00 CEST (07:00Z): 1h + 2h + 1h
    CHECK(cal.business_time(at(2026, 3, 27, 15), at(2026, 3, 30, 7)) == 4h);
    CHECK(cal.add_business_time(at(2026, 3, 27, 15), 4h) == at(2026, 3, 30, 7));
  }

  TEST_CASE("fall back 2026-10-25: 01:00-04:00 is four real hours")
  {
    const Calendar cal = amsterdam();
    // 01:00 CEST = 23:00Z the day before, 04:00 CET = 03:00Z
    CHECK(cal.business_time(at(2026, 10, 24, 12), at(2026, 10, 25, 12)) == 4h);
    CHECK(cal.add_business_time(at(2026, 10, 24, 12), 3h) == at(2026, 10, 25, 2));
    CHECK(cal.add_business_time(at(2026, 10, 24, 12), 4h) == at(2026, 10, 25, 3));
    CHECK(cal.segments(at(2026, 10, 24, 22), at(2026, 10, 25, 4))[1]
          == Segment{at(2026, 10, 24, 23), at(2026, 10, 25, 3), SegmentKind::open,
                     "sun 01:00-04:00"});
  }

  TEST_CASE("ranges inside the transition hour: gap is empty, overlap counts twice")
  {
    Week week;
    week[6] = {hours(2, 3)};
    const Calendar cal = Calendar::make("night", "Europe/Amsterdam", week);
    CHECK(cal.business_time(at(2026, 3, 28), at(2026, 3, 30)) == 0h);
    // skips the empty spring Sunday: next Sunday 02:00 CEST = 00:00Z
    CHECK(cal.add_business_time(at(2026, 3, 28), 1h) == at(2026, 4, 5, 1));
    // 02:00 CEST (00:00Z) .. 03:00 CET (02:00Z)
    CHECK(cal.business_time(at(2026, 10, 24), at(2026, 10, 26)) == 2h);
  }

  TEST_CASE("all-day calendars: the fall-back Sunday has 25 hours")
  {
    Week week;
    week.fill({hours(0, 24)});
    const Calendar open = Calendar::make("open", "Europe/Amsterdam", week);
    CHECK(open.always_open());
    // With a holiday the fast path is off and the day is walked: Sun 00:00
    // CEST (22:00Z) .. Mon 00:00 CET (23:00Z)
    const Calendar walked =
      Calendar::make("walked", "Europe/Amsterdam", week, {date::year{2026} / 1 / 1});
    CHECK_FALSE(walked.always_open());
    CHECK(walked.business_time(at(2026, 10, 24, 22), at(2026, 10, 25, 23)) == 25h);
    CHECK(walked.business_time(at(2026, 3, 28, 23), at(2026, 3, 29, 22)) == 23h);
    CHECK(walked.add_business_time(at(2026, 10, 24, 22), 25h) == at(2026, 10, 25, 23));
  }
}

#include "lib/sla/clock.hpp"
#include "tests/unit/time_support.hpp"

#include "lib/util/error.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace std::chrono_literals;
using sdesk::Error;
using sdesk::ErrorKind;
using sdesk::sla::Calendar;
using sdesk::sla::ClockSegment;
using sdesk::sla::ClockState;
using sdesk::sla::Pause;
using sdesk::sla::Time;
using sdesk::sla::Week;
using sdesk::test::at;

namespace {

// 2026-03-02 is a Monday, 2026-12-25 a Friday.
// UTC, Mon-Fri 08:00-12:00 and 13:00-17:00, holiday 2026-12-25.
Calendar office()
{
  Week week;
  for (int i = 0; i < 5; ++i) {
    week[i] = {{8h, 12h}, {13h, 17h}};
  }
  return Calendar::make("office", "UTC", week, {date::year{2026} / 12 / 25});
}

ErrorKind error_kind(auto&& fn)
{
  try {
    fn();
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::refused; // did not throw
}

} // namespace

TEST_SUITE("sla::Clock")
{
  TEST_CASE("elapsed without pauses is business time")
  {
    const Calendar cal = office();
    CHECK(sdesk::sla::elapsed(cal, at(2026, 3, 6, 16), at(2026, 3, 9, 9), {}) == 2h);
    CHECK(sdesk::sla::elapsed(cal, at(2026, 3, 9, 9), at(2026, 3, 6, 16), {}) == 0h);
  }

  TEST_CASE("elapsed subtracts paused business time only")
  {
    const Calendar cal = office();
    const Time monday = at(2026, 3, 2, 8);
    const std::vector<Pause> closed{{at(2026, 3, 2, 9), at(2026, 3, 2, 10, 30)}};
    CHECK(sdesk::sla::elapsed(cal, monday, at(2026, 3, 2, 17), closed) == 6h + 30min);

    // overnight and over lunch: nothing to subtract
    const std::vector<Pause> outside{{at(2026, 3, 2, 17), at(2026, 3, 3, 8)},
                                     {at(2026, 3, 3, 12), at(2026, 3, 3, 13)}};
    CHECK(sdesk::sla::elapsed(cal, monday, at(2026, 3, 3, 14), outside) == 8h + 5h);

    // overlapping pauses count once: union is 09:00-11:00
    const std::vector<Pause> overlapping{{at(2026, 3, 2, 9, 30), at(2026, 3, 2, 11)},
                                         {at(2026, 3, 2, 9), at(2026, 3, 2, 10)},
                                         {at(2026, 3, 2, 10, 30), at(2026, 3, 2, 10, 45)}};
    CHECK(sdesk::sla::elapsed(cal, monday, at(2026, 3, 2, 12), overlapping) == 2h);

    // pauses reaching outside [start, until), and an open one
    const std::vector<Pause> around{{at(2026, 3, 1), at(2026, 3, 2, 9)},
                                    {at(2026, 3, 2, 11), std::nullopt}};
    CHECK(sdesk::sla::elapsed(cal, monday, at(2026, 3, 2, 10), around) == 1h);
    CHECK(sdesk::sla::elapsed(cal, monday, at(2026, 3, 4, 10), around) == 2h);
  }

  TEST_CASE("due_time without pauses, from outside business hours")
  {
    const Calendar cal = office();
    CHECK(sdesk::sla::due_time(cal, at(2026, 3, 2, 8), 8h, {}) == at(2026, 3, 2, 17));
    CHECK(sdesk::sla::due_time(cal, at(2026, 3, 7, 10), 4h, {}) == at(2026, 3, 9, 12));
    CHECK(sdesk::sla::due_time(cal, at(2026, 3, 7, 10), 0s, {}) == at(2026, 3, 7, 10));
    CHECK(sdesk::sla::due_time(cal, at(2026, 3, 2, 8), 40h + 1s, {}) == at(2026, 3, 9, 8) + 1s);
  }

  TEST_CASE("due_time moves by paused business time")
  {
    const Calendar cal = office();
    const Time monday = at(2026, 3, 2, 8);
    const std::vector<Pause> closed{{at(2026, 3, 2, 9), at(2026, 3, 2, 10, 30)}};
    CHECK(sdesk::sla::due_time(cal, monday, 8h, closed) == at(2026, 3, 3, 9, 30));

    const std::vector<Pause> weekend{{at(2026, 3, 6, 17), at(2026, 3, 9, 8)}};
    CHECK(sdesk::sla::due_time(cal, monday, 41h, weekend) == at(2026, 3, 9, 9));

    // pause began before start
    const std::vector<Pause> before{{at(2026, 3, 1), at(2026, 3, 2, 10)}};
    CHECK(sdesk::sla::due_time(cal, monday, 1h, before) == at(2026, 3, 2, 11));

    // Wed 10-17 (6h), Thu 08-12 (4h), paused Thu 13:00 .. Mon 10:00 (over the
    // holiday), Mon 10-12 (2h), 13-17 (4h)
    const std::vector<Pause> christmas{{at(2026, 12, 24, 13), at(2026, 12, 28, 10)}};
    const Time due = *sdesk::sla::due_time(cal, at(2026, 12, 23, 10), 16h, christmas);
    CHECK(due == at(2026, 12, 28, 17));
    CHECK(sdesk::sla::elapsed(cal, at(2026, 12, 23, 10), due, christmas) == 16h);
  }

  TEST_CASE("due_time with an open pause")
  {
    const Calendar cal = office();
    const Time monday = at(2026, 3, 2, 8);
    const std::vector<Pause> open{{at(2026, 3, 2, 10), std::nullopt}};
    CHECK_FALSE(sdesk::sla::due_time(cal, monday, 3h, open).has_value());
    CHECK(sdesk::sla::due_time(cal, monday, 1h, open) == at(2026, 3, 2, 9));
    CHECK(sdesk::sla::due_time(cal, monday, 2h, open) == at(2026, 3, 2, 10)); // reached exactly
    const std::vector<Pause> before_start{{at(2026, 3, 1), std::nullopt}};
    CHECK_FALSE(sdesk::sla::due_time(cal, monday, 1s, before_start).has_value());
    // an open pause starting outside hours, before the target is reached
    const std::vector<Pause> evening{{at(2026, 3, 2, 18), std::nullopt}};
    CHECK_FALSE(sdesk::sla::due_time(cal, monday, 9h, evening).has_value());
  }

  TEST_CASE("bad targets and pauses")
  {
    const Calendar cal = office();
    CHECK(error_kind([&] { sdesk::sla::due_time(cal, at(2026, 3, 2), -1s, {}); })
          == ErrorKind::usage);
    const std::vector<Pause> reversed{{at(2026, 3, 2, 10), at(2026, 3, 2, 9)}};
    CHECK(error_kind([&] { sdesk::sla::elapsed(cal, at(2026, 3, 2), at(2026, 3, 3), reversed); })
          == ErrorKind::internal);
  }

  TEST_CASE("24x7 with pauses")
  {
    const Calendar cal = Calendar::twenty_four_seven();
    const Time t = at(2026, 3, 7, 10);
    const std::vector<Pause> pause{{t + 2h, t + 3h}};
    CHECK(sdesk::sla::elapsed(cal, t, t + 10h, pause) == 9h);
    CHECK(sdesk::sla::due_time(cal, t, 5h, pause) == t + 6h);
    CHECK(sdesk::sla::due_time(cal, t, 2h, pause) == t + 2h);
    const std::vector<Pause> open{{t + 4h, std::nullopt}};
    CHECK(sdesk::sla::explain(cal, t, t + 6h, open)
          == std::vector<ClockSegment>{{t, t + 4h, ClockState::running, "24x7"},
                                       {t + 4h, t + 6h, ClockState::paused, "paused"}});
  }

  TEST_CASE("explain merges pieces and lets pauses take precedence")
  {
    const Calendar cal = office();
    const std::vector<Pause> pending{{at(2026, 3, 6, 16), at(2026, 3, 9, 9)}};
    const std::vector<ClockSegment> expected{
      {at(2026, 3, 6, 11), at(2026, 3, 6, 12), ClockState::running, "fri 08:00-12:00"},
      {at(2026, 3, 6, 12), at(2026, 3, 6, 13), ClockState::outside_hours, "outside business hours"},
      {at(2026, 3, 6, 13), at(2026, 3, 6, 16), ClockState::running, "fri 13:00-17:00"},
      {at(2026, 3, 6, 16), at(2026, 3, 9, 9), ClockState::paused, "paused"},
      {at(2026, 3, 9, 9), at(2026, 3, 9, 10), ClockState::running, "mon 08:00-12:00"},
    };
    CHECK(sdesk::sla::explain(cal, at(2026, 3, 6, 11), at(2026, 3, 9, 10), pending) == expected);

    const auto christmas = sdesk::sla::explain(cal, at(2026, 12, 24, 16), at(2026, 12, 25, 10), {});
    REQUIRE(christmas.size() == 3);
    CHECK(christmas[0].state == ClockState::running);
    CHECK(christmas[1].state == ClockState::outside_hours);
    CHECK(christmas[2]
          == ClockSegment{at(2026, 12, 25), at(2026, 12, 25, 10), ClockState::holiday,
                          "holiday 2026-12-25"});
  }

  TEST_CASE("explain agrees with elapsed")
  {
    const Calendar cal = office();
    const std::vector<Pause> pauses{{at(2026, 3, 3, 11), at(2026, 3, 4, 9)},
                                    {at(2026, 3, 5, 15), at(2026, 3, 5, 15, 20)},
                                    {at(2026, 3, 10, 16), std::nullopt}};
    const Time start = at(2026, 3, 2, 10, 10);
    const Time until = at(2026, 3, 12, 12);
    std::chrono::seconds running{0};
    Time cursor = start;
    for (const ClockSegment& s : sdesk::sla::explain(cal, start, until, pauses)) {
      CHECK(s.begin == cursor);
      cursor = s.end;
      if (s.state == ClockState::running) {
        running += s.end - s.begin;
      }
    }
    CHECK(cursor == until);
    CHECK(running == sdesk::sla::elapsed(cal, start, until, pauses));
    // Mon 10:10-17 (5h50m), Tue 08-11 (3h), Wed 09-17 (7h), Thu 8h - 20m, Fri 8h,
    // Mon 8h, Tue 08-16 (7h)
    CHECK(running == 5h + 50min + 3h + 7h + 8h - 20min + 8h + 8h + 7h);
  }
}

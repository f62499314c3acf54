#include "lib/sla/policy.hpp"
#include "tests/unit/time_support.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace std::chrono_literals;
using namespace sdesk;
using sla::ClockSegment;
using sla::ClockState;
using sla::Policy;
using sla::Settings;
using sla::TargetState;
using sla::Time;
using sdesk::test::at;

namespace {

// 2026-11-02 is a Monday; 2026-12-25 a Friday.
// UTC, Mon-Fri 08:00-12:00 and 13:00-17:00, holiday 2026-12-25.
sla::Calendar office()
{
  sla::Week week;
  for (int i = 0; i < 5; ++i) {
    week[i] = {{8h, 12h}, {13h, 17h}};
  }
  return sla::Calendar::make("office", "UTC", week, {date::year{2026} / 12 / 25});
}

Policy policy(std::string name, std::map<int, std::chrono::seconds> response,
              std::map<int, std::chrono::seconds> resolution, std::string calendar = "24x7")
{
  Policy p;
  p.name = std::move(name);
  p.response = std::move(response);
  p.resolution = std::move(resolution);
  p.calendar = std::move(calendar);
  return p;
}

// P2: respond within 1h, resolve within 4h, on the calendar named.
Settings settings_on(const std::string& calendar)
{
  Settings s;
  s.calendars.push_back(office());
  s.policies.push_back(policy("default", {{2, 1h}}, {{2, 4h}}, calendar));
  return s;
}

model::Ticket ticket_at(Time created, int priority = 2)
{
  model::Ticket t;
  t.id = 7;
  t.priority = priority;
  t.created = created;
  t.updated = created;
  t.group = "service-desk";
  return t;
}

model::Event status_event(Time when, std::string status)
{
  return {0, 7, when, "agent", model::Action::update, "status", std::nullopt, std::move(status), std::nullopt, std::nullopt};
}

} // namespace

TEST_SUITE("sla::policy")
{
  TEST_CASE("the most specific matching policy with a target for the priority wins; ties by name")
  {
    Settings s;
    Policy any = policy("any", {{1, 1h}, {4, 8h}}, {});
    Policy incidents = policy("incidents", {{1, 1h}, {4, 8h}}, {});
    incidents.kinds = {model::Kind::incident};
    Policy vpn_incidents = policy("vpn-incidents", {{1, 30min}}, {}); // no P4 target
    vpn_incidents.kinds = {model::Kind::incident};
    vpn_incidents.services = {"vpn"};
    Policy b_vpn = policy("b-vpn", {{1, 1h}, {4, 8h}}, {});
    b_vpn.services = {"vpn"};
    Policy a_vpn = b_vpn;
    a_vpn.name = "a-vpn";
    s.policies = {any, b_vpn, incidents, vpn_incidents, a_vpn};

    model::Ticket t = ticket_at(at(2026, 11, 2, 9), 1);
    t.service = "vpn";
    CHECK(sla::select_policy(s, t)->name == "vpn-incidents"); // two criteria
    t.priority = 4; // vpn-incidents has no P4 target: one-criterion tie, by name
    CHECK(sla::select_policy(s, t)->name == "a-vpn");
    t.kind = model::Kind::request;
    t.priority = 1;
    CHECK(sla::select_policy(s, t)->name == "a-vpn");
    t.service.reset(); // a service criterion needs a service
    CHECK(sla::select_policy(s, t)->name == "any");
    t.priority = 3; // nobody has P3
    CHECK(sla::select_policy(s, t) == nullptr);
  }

  TEST_CASE("no matching policy clears the SLA fields")
  {
    Settings s;
    Policy l2 = policy("l2", {{2, 1h}}, {{2, 4h}});
    l2.groups = {"second-line"};
    s.policies = {l2};
    model::Ticket t = ticket_at(at(2026, 11, 2, 9));
    t.sla_policy = "old";
    t.response_due = at(2026, 11, 2, 10);
    t.resolution_due = at(2026, 11, 2, 13);
    t.response_business = 60s;
    t.resolution_business = 60s;
    const std::vector events{status_event(t.created, "new")};
    sla::refresh(s, t, events);
    CHECK_FALSE(t.sla_policy);
    CHECK_FALSE(t.response_due);
    CHECK_FALSE(t.resolution_due);
    CHECK_FALSE(t.response_business);
    CHECK_FALSE(t.resolution_business);
    t.group = "second-line";
    sla::refresh(s, t, events);
    CHECK(t.sla_policy == "l2");
    CHECK(t.response_due == at(2026, 11, 2, 10));
  }

  TEST_CASE("pending pauses both clocks; resolved pauses too, so a reopen continues")
  {
    const Settings s = settings_on("24x7");
    model::Ticket t = ticket_at(at(2026, 11, 2, 9));
    std::vector<model::Event> events{status_event(at(2026, 11, 2, 9), "new"),
                                     status_event(at(2026, 11, 2, 9, 30), "pending"),
                                     status_event(at(2026, 11, 2, 10, 30), "in_progress")};
    sla::refresh(s, t, events);
    CHECK(t.response_due == at(2026, 11, 2, 11)); // 1h + the 1h pause
    CHECK(t.resolution_due == at(2026, 11, 2, 14));
    CHECK_FALSE(t.response_business);

    // First response at 11:00: 2h elapsed, 1h of it paused.
    t.first_response = at(2026, 11, 2, 11);
    sla::refresh(s, t, events);
    CHECK(t.response_business == 1h);
    CHECK(t.response_due == at(2026, 11, 2, 11));

    // Resolved at 12:00: 3h elapsed, 1h paused; the due time stays as it was.
    t.resolved = at(2026, 11, 2, 12);
    events.push_back(status_event(at(2026, 11, 2, 12), "resolved"));
    sla::refresh(s, t, events);
    CHECK(t.resolution_business == 2h);
    CHECK(t.resolution_due == at(2026, 11, 2, 14));

    // Reopened at 14:00: the 2h while resolved do not count.
    t.resolved.reset();
    events.push_back(status_event(at(2026, 11, 2, 14), "assigned"));
    sla::refresh(s, t, events);
    CHECK_FALSE(t.resolution_business);
    CHECK(t.resolution_due == at(2026, 11, 2, 16));
    CHECK(t.response_business == 1h); // the response stays done

    const auto clock = sla::evaluate(s, t, events, at(2026, 11, 2, 15));
    REQUIRE(clock.resolution);
    CHECK(clock.resolution->state == TargetState::running);
    CHECK(clock.resolution->used == 3h); // 09-15 minus 09:30-10:30 and 12-14
    CHECK(clock.resolution->left() == 1h);
    CHECK(clock.resolution->percent() == 75);
    CHECK(clock.response->state == TargetState::met);
    CHECK(clock.response->left() == 0s);

    const auto late = sla::evaluate(s, t, events, at(2026, 11, 2, 17));
    CHECK(late.resolution->state == TargetState::missed);
    CHECK(late.resolution->left() == -1h);
  }

  TEST_CASE("while paused the due time is unknown and the target is paused")
  {
    const Settings s = settings_on("24x7");
    model::Ticket t = ticket_at(at(2026, 11, 2, 9));
    const std::vector events{status_event(at(2026, 11, 2, 9), "new"),
                             status_event(at(2026, 11, 2, 9, 20), "pending")};
    sla::refresh(s, t, events);
    CHECK_FALSE(t.response_due);
    CHECK_FALSE(t.resolution_due);
    const auto clock = sla::evaluate(s, t, events, at(2026, 11, 3, 9));
    CHECK(clock.response->state == TargetState::paused);
    CHECK(clock.response->used == 20min);
    CHECK(clock.response->left() == 40min);
  }

  TEST_CASE("a target missed before the pause keeps its due time and stays missed")
  {
    const Settings s = settings_on("24x7");
    model::Ticket t = ticket_at(at(2026, 11, 2, 9));
    const std::vector events{status_event(at(2026, 11, 2, 9), "new"),
                             status_event(at(2026, 11, 2, 11), "pending")};
    sla::refresh(s, t, events);
    CHECK(t.response_due == at(2026, 11, 2, 10));
    const auto clock = sla::evaluate(s, t, events, at(2026, 11, 2, 12));
    CHECK(clock.response->state == TargetState::missed);
    CHECK(clock.response->left() == -1h);
  }

  TEST_CASE("resolving without a first response answers the response target")
  {
    const Settings s = settings_on("24x7");
    model::Ticket t = ticket_at(at(2026, 11, 2, 9));
    t.resolved = at(2026, 11, 2, 9, 30);
    const std::vector events{status_event(at(2026, 11, 2, 9), "new"),
                             status_event(at(2026, 11, 2, 9, 30), "resolved")};
    sla::refresh(s, t, events);
    CHECK(t.response_business == 30min);
    CHECK(t.resolution_business == 30min);
    CHECK(t.response_due == at(2026, 11, 2, 10));
  }

  TEST_CASE("a ticket opened outside business hours: due times count from the next opening")
  {
    const Settings s = settings_on("office");
    // Friday 18:00: the office is closed until Monday 08:00.
    model::Ticket t = ticket_at(at(2026, 11, 6, 18));
    const std::vector events{status_event(t.created, "new")};
    sla::refresh(s, t, events);
    CHECK(t.sla_policy == "default");
    CHECK(t.response_due == at(2026, 11, 9, 9));    // Mon 08:00 + 1h
    CHECK(t.resolution_due == at(2026, 11, 9, 12)); // Mon 08:00-12:00

    // Thursday 24 Dec 16:00: 1h on Thursday, Friday is a holiday, then the
    // weekend; Monday 08:00-12:00 and 13:00-14:00.
    model::Ticket xmas = ticket_at(at(2026, 12, 24, 16));
    Settings six = s;
    six.policies.front().resolution[2] = 6h;
    sla::refresh(six, xmas, std::vector{status_event(xmas.created, "new")});
    CHECK(xmas.resolution_due == at(2026, 12, 28, 14));
  }

  TEST_CASE("explain: segments with the calendar rule or the pausing status")
  {
    const Settings s = settings_on("office");
    const model::Ticket t = ticket_at(at(2026, 11, 2, 7));
    const std::vector events{status_event(at(2026, 11, 2, 7), "new"),
                             status_event(at(2026, 11, 2, 9), "pending"),
                             status_event(at(2026, 11, 2, 10), "in_progress")};
    const auto clock = sla::evaluate(s, t, events, at(2026, 11, 2, 14));
    const std::vector<ClockSegment> expected{
      {at(2026, 11, 2, 7), at(2026, 11, 2, 8), ClockState::outside_hours, "outside business hours"},
      {at(2026, 11, 2, 8), at(2026, 11, 2, 9), ClockState::running, "mon 08:00-12:00"},
      {at(2026, 11, 2, 9), at(2026, 11, 2, 10), ClockState::paused, "status pending"},
      {at(2026, 11, 2, 10), at(2026, 11, 2, 12), ClockState::running, "mon 08:00-12:00"},
      {at(2026, 11, 2, 12), at(2026, 11, 2, 13), ClockState::outside_hours, "outside business hours"},
      {at(2026, 11, 2, 13), at(2026, 11, 2, 14), ClockState::running, "mon 13:00-17:00"},
    };
    CHECK(sla::ticket_segments(clock, t.created, at(2026, 11, 2, 14)) == expected);
    CHECK(clock.resolution->used == 4h);
    CHECK(clock.resolution->state == TargetState::running);
    CHECK(clock.resolution->left() == 0s);
    CHECK(clock.response->state == TargetState::missed);
  }

  TEST_CASE("explain: consecutive stopping statuses are named one by one")
  {
    const Settings s = settings_on("24x7");
    model::Ticket t = ticket_at(at(2026, 11, 2, 9));
    t.resolved = at(2026, 11, 2, 10);
    const std::vector events{status_event(at(2026, 11, 2, 9), "new"),
                             status_event(at(2026, 11, 2, 9, 30), "pending"),
                             status_event(at(2026, 11, 2, 10), "resolved")};
    const auto clock = sla::evaluate(s, t, events, at(2026, 11, 2, 11));
    const auto segments = sla::ticket_segments(clock, t.created, at(2026, 11, 2, 11));
    REQUIRE(segments.size() == 3);
    CHECK(segments[0].rule == "24x7");
    CHECK(segments[1] == ClockSegment{at(2026, 11, 2, 9, 30), at(2026, 11, 2, 10),
                                      ClockState::paused, "status pending"});
    CHECK(segments[2] == ClockSegment{at(2026, 11, 2, 10), at(2026, 11, 2, 11),
                                      ClockState::paused, "status resolved"});
    CHECK(clock.resolution->used == 30min);
    CHECK(clock.resolution->state == TargetState::met);
  }

  TEST_CASE("configured pause statuses, and history whose times go backwards")
  {
    Settings s = settings_on("24x7");
    s.pause_statuses = {};
    const std::vector events{status_event(at(2026, 11, 2, 9), "new"),
                             status_event(at(2026, 11, 2, 10), "pending"),
                             status_event(at(2026, 11, 2, 9, 30), "in_progress"),
                             status_event(at(2026, 11, 2, 11), "nonsense")};
    CHECK(sla::status_pauses(s, events).empty());
    s.pause_statuses = {model::Status::pending, model::Status::new_};
    const auto pauses = sla::status_pauses(s, events);
    // new 09:00-10:00, pending 10:00-10:00 (a --now in the past) is dropped.
    REQUIRE(pauses.size() == 1);
    CHECK(pauses[0].status == model::Status::new_);
    CHECK(pauses[0].begin == at(2026, 11, 2, 9));
    CHECK(pauses[0].end == at(2026, 11, 2, 10));
  }
}

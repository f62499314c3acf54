#include "tests/unit/fixture.hpp"

#include "lib/ops/auto_escalate.hpp"
#include "lib/ops/open_ticket.hpp"
#include "lib/ops/routing.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using test::at;

namespace {

model::TicketId open_p1(test::Desk& desk)
{
  auto ctx = desk.as("requester");
  ops::OpenRequest r;
  r.title = "VPN down";
  r.impact = model::Level::high;
  r.urgency = model::Level::high; // P1: resolve in 4h
  return ops::open_ticket(ctx, r).id;
}

constexpr std::string_view k_rules = R"(
[escalation.rules.warn]
at = "80%"
action = "hierarchical"
inform = ["duty-manager"]
)";

} // namespace

TEST_SUITE("ops::auto_escalate")
{
  TEST_CASE("a note that reads like the auto-escalation marker does not stop a rule from firing")
  {
    test::Desk desk(k_rules);
    const auto id = open_p1(desk);
    desk.now = at(2026, 11, 2, 10);
    auto ctx = desk.ctx();
    // A person's escalation whose reason happens to read like the marker.
    ops::EscalateRequest request;
    request.hierarchical = true;
    request.informed = {"boss"};
    request.reason = "auto: rule warn (copied from last week)";
    ops::escalate(ctx, id, request);

    desk.now = at(2026, 11, 2, 12, 20); // 83% of the 4h target
    auto later = desk.ctx();
    const auto actions = ops::auto_escalate(later, false);
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].rule == "warn");
    CHECK(ops::auto_escalate(later, false).empty()); // and fires once only
  }

  TEST_CASE("a rule fires once more than its share of the goal is used, to the second")
  {
    test::Desk desk(k_rules);
    const auto id = open_p1(desk);
    desk.now = at(2026, 11, 2, 12, 12); // exactly 80% of the 4h target
    auto exact = desk.ctx();
    CHECK(ops::auto_escalate(exact, false).empty());
    desk.now = at(2026, 11, 2, 12, 12, 1);
    auto past = desk.ctx();
    const auto actions = ops::auto_escalate(past, false);
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].ticket == id);
    CHECK(actions[0].percent == 80);
  }

  TEST_CASE("business hours: the rule follows business time, however much wall time passed")
  {
    // 8h of business time, Monday to Friday 09:00-17:00: a P1 opened on
    // Monday at 16:00 has used 1h by Monday evening and 80% (6h24) on
    // Tuesday at 14:24, 22h24 of wall time after it was opened.
    test::Desk desk(std::string(k_rules) + R"(
[calendars.office]
timezone = "UTC"
mon = "09:00-17:00"
tue = "09:00-17:00"
wed = "09:00-17:00"
thu = "09:00-17:00"
fri = "09:00-17:00"

[sla.policies.office]
calendar = "office"
response = { P1 = "8h" }
resolution = { P1 = "8h" }
)");
    desk.now = at(2026, 11, 2, 16);
    open_p1(desk);
    desk.now = at(2026, 11, 3, 14, 24);
    auto before = desk.ctx();
    CHECK(ops::auto_escalate(before, false).empty());
    desk.now = at(2026, 11, 3, 14, 24, 1);
    auto after = desk.ctx();
    const auto actions = ops::auto_escalate(after, false);
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].percent == 80);
  }
}


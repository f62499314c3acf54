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
}

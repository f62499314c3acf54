#include "tests/unit/fixture.hpp"

#include "lib/ops/auto_escalate.hpp"
#include "lib/ops/open_ticket.hpp"
#include "lib/ops/routing.hpp"
#include "lib/ops/sla_status.hpp"
#include "lib/ops/workflow.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using test::at;

namespace {

// The events of `id` whose action is `action` and field is `field`.
std::vector<model::Event> events_of(test::Desk& desk, model::TicketId id, std::string_view action,
                                    std::string_view field)
{
  std::vector<model::Event> result;
  for (auto& e : desk.store->events(id)) {
    if (model::to_string(e.action) == action && e.field == field) {
      result.push_back(e);
    }
  }
  return result;
}

model::TicketId open_p(test::Desk& desk, model::Level impact, model::Level urgency,
                       std::optional<std::string> group = std::nullopt)
{
  auto ctx = desk.as("requester");
  ops::OpenRequest r;
  r.title = "VPN down";
  r.impact = impact;
  r.urgency = urgency;
  r.group = std::move(group);
  return ops::open_ticket(ctx, r).id;
}

constexpr std::string_view k_rules = R"(
[escalation.rules.warn]
at = "80%"
[escalation.rules.breach]
at = "100%"
action = "hierarchical"
inform = ["service-manager"]
)";

} // namespace

TEST_SUITE("ops::sla")
{
  TEST_CASE("open stores due times from the built-in policy and records them under 'open'")
  {
    test::Desk desk;
    const auto id = open_p(desk, model::Level::medium, model::Level::medium); // P3: 8h / 72h
    const auto t = desk.store->find(id).value();
    CHECK(t.sla_policy == "default");
    CHECK(t.response_due == at(2026, 11, 2, 17));
    CHECK(t.resolution_due == at(2026, 11, 5, 9));
    const auto due = events_of(desk, id, "open", "response_due");
    REQUIRE(due.size() == 1);
    CHECK(due[0].new_value == "2026-11-02T17:00:00Z");
  }

  TEST_CASE("entering and leaving pending moves the due times, recorded under the same action")
  {
    test::Desk desk;
    const auto id = open_p(desk, model::Level::medium, model::Level::medium);
    desk.now = at(2026, 11, 2, 10);
    auto ctx = desk.ctx();
    ops::set_pending(ctx, id, "waiting for the user");
    auto t = desk.store->find(id).value();
    CHECK_FALSE(t.response_due);
    auto cleared = events_of(desk, id, "pending", "response_due");
    REQUIRE(cleared.size() == 1);
    CHECK(cleared[0].old_value == "2026-11-02T17:00:00Z");
    CHECK_FALSE(cleared[0].new_value);

    desk.now = at(2026, 11, 2, 12);
    auto later = desk.ctx();
    ops::start(later, id);
    t = desk.store->find(id).value();
    CHECK(t.response_due == at(2026, 11, 2, 19)); // the 2h pause added
    CHECK(t.resolution_due == at(2026, 11, 5, 11));
    const auto moved = events_of(desk, id, "start", "resolution_due");
    REQUIRE(moved.size() == 1);
    CHECK(moved[0].new_value == "2026-11-05T11:00:00Z");

    // A comment by an agent: the first response fixes the business time.
    desk.now = at(2026, 11, 2, 13);
    auto reply = desk.ctx();
    ops::comment(reply, id, "on it");
    t = desk.store->find(id).value();
    CHECK(t.response_business == std::chrono::hours{2}); // 09-13 minus 10-12
    CHECK(events_of(desk, id, "comment", "response_business_seconds").size() == 1);
  }

  TEST_CASE("escalating to another group re-selects the policy")
  {
    test::Desk desk(R"(
[sla.policies.any]
response = { P3 = "8h" }
[sla.policies.l2]
groups = ["second-line"]
response = { P3 = "30m" }
)");
    const auto id = open_p(desk, model::Level::medium, model::Level::medium);
    CHECK(desk.store->find(id)->sla_policy == "any");
    auto ctx = desk.ctx();
    ops::escalate(ctx, id, {});
    const auto t = desk.store->find(id).value();
    CHECK(t.sla_policy == "l2");
    CHECK(t.response_due == at(2026, 11, 2, 9, 30));
    CHECK_FALSE(t.resolution_due);
    CHECK(events_of(desk, id, "escalate", "sla_policy").size() == 1);
  }

  TEST_CASE("escalate --auto: each rule fires once per ticket; a dry run writes nothing")
  {
    test::Desk desk(k_rules);
    const auto p1 = open_p(desk, model::Level::high, model::Level::high); // resolve in 4h
    const auto p3 = open_p(desk, model::Level::medium, model::Level::medium, "third-line");
    desk.now = at(2026, 11, 2, 12, 20); // P1 at 83%
    const auto before = desk.count("ticket_event");
    auto ctx = desk.ctx();
    auto dry = ops::auto_escalate(ctx, true);
    REQUIRE(dry.size() == 1);
    CHECK(desk.count("ticket_event") == before);

    auto actions = ops::auto_escalate(ctx, false);
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].ticket == p1);
    CHECK(actions[0].rule == "warn");
    CHECK(actions[0].percent == 83);
    CHECK(actions[0].to == "second-line");
    CHECK_FALSE(actions[0].skipped);
    CHECK(desk.store->find(p1)->group == "second-line");
    CHECK(ops::auto_escalate(ctx, false).empty()); // idempotent

    desk.now = at(2026, 11, 5, 10); // P1 far past, P3 (72h) at 101%
    auto late = desk.ctx();
    actions = ops::auto_escalate(late, false);
    REQUIRE(actions.size() == 3);
    CHECK(actions[0].ticket == p1);
    CHECK(actions[0].rule == "breach");
    CHECK(actions[0].inform == std::vector<std::string>{"service-manager"});
    CHECK(actions[1].ticket == p3);
    CHECK(actions[1].rule == "warn");
    CHECK(actions[1].skipped == "at the last tier: group 'third-line' escalates to no group");
    CHECK(actions[2].rule == "breach");
    bool noted = false;
    for (const auto& e : desk.store->events(p1)) {
      noted = noted
              || (e.action == model::Action::escalate_hierarchical
                  && e.note == "informed: service-manager; auto: rule breach (1825% of resolution target)");
    }
    CHECK(noted);
    CHECK(desk.store->find(p3)->group == "third-line");
    // The skip was recorded once, with its rule as data.
    std::vector<model::Event> skips;
    for (auto& e : desk.store->events(p3)) {
      if (e.action == model::Action::escalate_skipped) {
        skips.push_back(e);
      }
    }
    REQUIRE(skips.size() == 1);
    CHECK_FALSE(skips[0].field);
    CHECK(skips[0].new_value == "warn");
    // Again: the skip is not reported a second time; nothing is written.
    const auto events = desk.count("ticket_event");
    actions = ops::auto_escalate(late, false);
    CHECK(actions.empty());
    CHECK(desk.count("ticket_event") == events);
  }

  TEST_CASE("tickets at risk: missed or at the threshold, most used first")
  {
    test::Desk desk;
    const auto p1 = open_p(desk, model::Level::high, model::Level::high);       // 1h / 4h
    const auto p3 = open_p(desk, model::Level::medium, model::Level::medium);   // 8h / 72h
    desk.now = at(2026, 11, 2, 15); // P1: response 600%; P3: response 75%
    auto ctx = desk.ctx();
    auto rows = ops::tickets_at_risk(ctx, {}, 80);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].ticket.id == p1);
    CHECK(rows[0].worst()->target == sla::Target::response);
    rows = ops::tickets_at_risk(ctx, {}, 75);
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].ticket.id == p3);
    CHECK(rows[1].worst()->percent() == 75);
    CHECK(ops::tickets_at_risk(ctx, {}, 1000).size() == 1); // missed ones always
  }
}

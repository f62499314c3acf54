#include "tests/unit/fixture.hpp"

#include "lib/ops/open_ticket.hpp"
#include "lib/ops/routing.hpp"
#include "lib/ops/workflow.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

using namespace sdesk;

namespace {

constexpr std::string_view k_config = R"(
[groups.desk]
tier = 1
escalates_to = "network"
[groups.network]
tier = 2
escalates_to = "acme"
[groups.acme]
tier = "vendor"
[agents.alice]
groups = ["desk"]
[agents.nina]
groups = ["network"]
)";

model::TicketId open_one(test::Desk& desk)
{
  auto ctx = desk.as("requester");
  ops::OpenRequest r;
  r.title = "VPN down";
  return ops::open_ticket(ctx, r).id;
}

ErrorKind error_kind(const std::function<void()>& action)
{
  try {
    action();
  } catch (const Error& e) {
    return e.kind();
  }
  FAIL("no error");
  return ErrorKind::internal;
}

} // namespace

TEST_SUITE("ops::routing")
{
  TEST_CASE("assigning an agent moves the ticket to the agent's group")
  {
    test::Desk desk(k_config);
    const auto id = open_one(desk);
    auto ctx = desk.ctx();
    const auto t = ops::assign(ctx, id, {"nina", std::nullopt});
    CHECK(t.assignee == "nina");
    CHECK(t.group == "network");
    CHECK(t.status == model::Status::assigned);
    CHECK(error_kind([&] { ops::assign(ctx, id, {"alice", "network"}); }) == ErrorKind::usage);
  }

  TEST_CASE("start: only an agent of the ticket's group may start it, as for assign")
  {
    test::Desk desk(k_config);
    const auto id = open_one(desk);
    auto ctx = desk.ctx();
    ops::escalate(ctx, id, {}); // desk -> network (tier 2)
    const auto events = desk.count("ticket_event");
    auto alice = desk.as("alice");
    CHECK(error_kind([&] { ops::start(alice, id); }) == ErrorKind::usage);
    CHECK(desk.count("ticket_event") == events);
    auto nina = desk.as("nina");
    const auto t = ops::start(nina, id);
    CHECK(t.status == model::Status::in_progress);
    CHECK(t.assignee == "nina");
    // Assigned to nina, it is still not alice's ticket to work.
    CHECK(error_kind([&] { ops::start(alice, id); }) == ErrorKind::usage);
  }

  TEST_CASE("re-assigning to the same agent writes nothing")
  {
    test::Desk desk(k_config);
    const auto id = open_one(desk);
    auto ctx = desk.ctx();
    ops::assign(ctx, id, {"alice", std::nullopt});
    const auto before = desk.count("ticket_event");
    ops::assign(ctx, id, {"alice", std::nullopt});
    CHECK(desk.count("ticket_event") == before);
  }

  TEST_CASE("functional escalation walks the tiers, then refuses past the last")
  {
    test::Desk desk(k_config);
    const auto id = open_one(desk);
    auto ctx = desk.ctx();
    ops::assign(ctx, id, {"alice", std::nullopt});
    auto t = ops::escalate(ctx, id, {std::nullopt, std::string("needs routing"), false, {}});
    CHECK(t.group == "network");
    CHECK(t.escalation_level == 1);
    CHECK_FALSE(t.assignee);
    CHECK(t.status == model::Status::assigned);
    t = ops::escalate(ctx, id, {});
    CHECK(t.group == "acme");
    CHECK(t.escalation_level == 2);
    const auto events = desk.count("ticket_event");
    try {
      ops::escalate(ctx, id, {});
      FAIL("escalated past the vendor");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::refused);
      CHECK(std::string(e.what()).find("last tier") != std::string::npos);
    }
    CHECK(desk.count("ticket_event") == events);
  }

  TEST_CASE("--to a lower tier is refused: routing back down is not an escalation")
  {
    test::Desk desk(k_config);
    const auto id = open_one(desk);
    auto ctx = desk.ctx();
    ops::assign(ctx, id, {"nina", std::nullopt}); // group network, tier 2
    const auto events = desk.count("ticket_event");
    try {
      ops::escalate(ctx, id, {std::string("desk"), std::nullopt, false, {}});
      FAIL("escalated down a tier");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::refused);
      CHECK(std::string(e.what())
            == "ticket 1 is in group 'network' (tier 2); 'desk' is tier 1, so that is not an "
               "escalation (route it with 'sdesk assign 1 --group desk')");
    }
    CHECK(desk.count("ticket_event") == events);
    CHECK(desk.store->find(id)->escalation_level == 0);
    const auto t = ops::escalate(ctx, id, {std::string("acme"), std::nullopt, false, {}});
    CHECK(t.group == "acme"); // up to the vendor: fine
    CHECK(t.escalation_level == 1);
    try {
      ops::escalate(ctx, id, {});
      FAIL("escalated past the vendor");
    } catch (const Error& e) {
      CHECK(std::string(e.what()).find("group 'acme' (tier vendor) escalates to no group")
            != std::string::npos);
    }
  }

  TEST_CASE("hierarchical escalation records who was informed and keeps the group")
  {
    test::Desk desk(k_config);
    const auto id = open_one(desk);
    auto ctx = desk.ctx();
    const auto t = ops::escalate(ctx, id, {std::nullopt, std::string("VIP"), true, {"cio", "head-it"}});
    CHECK(t.group == "desk");
    CHECK(t.escalation_level == 0);
    const auto events = desk.store->events(id);
    CHECK(events.back().action == model::Action::escalate_hierarchical);
    CHECK(events.back().note == "informed: cio, head-it; VIP");
    CHECK(error_kind([&] { ops::escalate(ctx, id, {std::nullopt, std::nullopt, true, {}}); })
          == ErrorKind::usage);
  }

  TEST_CASE("resolved tickets cannot be assigned or escalated")
  {
    test::Desk desk(k_config);
    const auto id = open_one(desk);
    auto ctx = desk.ctx();
    ops::resolve(ctx, id, "fixed", std::nullopt);
    CHECK(error_kind([&] { ops::assign(ctx, id, {"alice", std::nullopt}); }) == ErrorKind::refused);
    CHECK(error_kind([&] { ops::escalate(ctx, id, {}); }) == ErrorKind::refused);
  }
}

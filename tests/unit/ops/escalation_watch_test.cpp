#include "tests/unit/fixture.hpp"

#include "lib/ops/auto_escalate.hpp"
#include "lib/ops/escalation_check.hpp"
#include "lib/ops/open_ticket.hpp"
#include "lib/ops/update.hpp"
#include "lib/ops/workflow.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using test::at;

namespace {

// P1: resolve in 4h, so the 50% rule is due after 2h of the clock.
model::TicketId open_ticket(test::Desk& desk, model::Level level)
{
  auto ctx = desk.as("requester");
  ops::OpenRequest r;
  r.title = "VPN down";
  r.impact = level;
  r.urgency = level;
  return ops::open_ticket(ctx, r).id;
}

constexpr std::string_view k_rules = R"(
[escalation.rules.half]
at = "50%"
action = "hierarchical"
inform = ["duty-manager"]
)";

// One run at `when`: what it did, and what it looked at.
std::vector<ops::AutoAction> run_at(test::Desk& desk, util::Time when, ops::AutoEscalateStats& stats)
{
  desk.now = when;
  auto ctx = desk.as("sdesk-tick");
  return ops::auto_escalate(ctx, false, &stats);
}

} // namespace

TEST_SUITE("ops::auto_escalate watch")
{
  TEST_CASE("a run looks only at the tickets that can be due, and at every one after a configuration change")
  {
    test::Desk desk(k_rules);
    const auto first = open_ticket(desk, model::Level::high); // 09:00, due after 11:00
    desk.now = at(2026, 11, 2, 10);
    open_ticket(desk, model::Level::high);                    // 10:00, due after 12:00
    open_ticket(desk, model::Level::low);                     // 10:00, P4

    ops::AutoEscalateStats stats;
    CHECK(run_at(desk, at(2026, 11, 2, 10, 30), stats).empty());
    CHECK(stats.swept); // no sweep recorded yet: every open ticket, as before the watch
    CHECK(stats.looked_at == 3);

    const auto fired = run_at(desk, at(2026, 11, 2, 11, 1), stats);
    REQUIRE(fired.size() == 1);
    CHECK(fired[0].ticket == first);
    CHECK(stats.swept);

    // The write pass recorded the sweep and each ticket's next check.
    CHECK(run_at(desk, at(2026, 11, 2, 11, 30), stats).empty());
    CHECK_FALSE(stats.swept);
    CHECK(stats.looked_at == 0);

    // The second P1 is looked at when it can be due, not before.
    CHECK(run_at(desk, at(2026, 11, 2, 12), stats).empty());
    CHECK(stats.looked_at == 0); // exactly 50%: not yet
    CHECK(run_at(desk, at(2026, 11, 2, 12, 0, 1), stats).size() == 1);
    CHECK(stats.looked_at == 1);

    // A changed configuration looks at every open ticket once.
    desk.config = config::load_text(std::string(k_rules)
                                      + "\n[escalation.rules.late]\nat = \"90%\"\naction = \"hierarchical\"\n"
                                        "inform = [\"boss\"]\n",
                                    "test.toml");
    CHECK(run_at(desk, at(2026, 11, 2, 12, 10), stats).empty());
    CHECK(stats.swept);
    CHECK(stats.looked_at == 3);
  }

  TEST_CASE("a ticket changed through the write path is looked at by the next run")
  {
    test::Desk desk(k_rules);
    open_ticket(desk, model::Level::high);
    const auto slow = open_ticket(desk, model::Level::low); // P4: the 50% rule is days away
    ops::AutoEscalateStats stats;
    REQUIRE(run_at(desk, at(2026, 11, 2, 11, 1), stats).size() == 1); // records the sweep
    CHECK(run_at(desk, at(2026, 11, 2, 11, 2), stats).empty());
    CHECK(stats.looked_at == 0);

    // Raised to P1 at 11:10: its 4h goal is 2h13 used by now, past 50%.
    desk.now = at(2026, 11, 2, 11, 10);
    auto ctx = desk.ctx();
    ops::UpdateRequest raise;
    raise.priority = "P1";
    ops::update(ctx, slow, raise);
    const auto fired = run_at(desk, at(2026, 11, 2, 11, 13), stats);
    CHECK(stats.looked_at == 1);
    REQUIRE(fired.size() == 1);
    CHECK(fired[0].ticket == slow);
  }

  TEST_CASE("next_check is never after the instant the rule becomes due")
  {
    test::Desk desk(k_rules);
    const auto id = open_ticket(desk, model::Level::high); // 09:00
    desk.now = at(2026, 11, 2, 9, 30);
    {
      auto ctx = desk.ctx();
      ops::set_pending(ctx, id, "waiting for the user");
    }
    desk.now = at(2026, 11, 2, 10, 30);
    {
      auto ctx = desk.ctx();
      ops::start(ctx, id); // 30 min used, paused for an hour, running again
    }
    desk.now = at(2026, 11, 2, 11, 30); // past the wall-time bound (2h since created): the clock decides
    auto ctx = desk.ctx();
    std::optional<util::Time> next;
    {
      store::Transaction read(*desk.store, store::TxMode::read);
      const auto ticket = desk.store->find(id);
      REQUIRE(ticket);
      const auto events = desk.store->events(id);
      next = ops::next_check(ctx, *ticket, &events);
    }
    REQUIRE(next);
    // 1h30 used at 11:30 (30 min, the pause, 1h); 2h are allowed: due from 12:00:01 on.
    CHECK(*next == at(2026, 11, 2, 12, 0, 1));
    ops::AutoEscalateStats stats;
    CHECK(run_at(desk, at(2026, 11, 2, 12), stats).empty());
    CHECK(run_at(desk, at(2026, 11, 2, 12, 0, 1), stats).size() == 1);
  }

  TEST_CASE("the fingerprint follows the rules, the SLA settings and the groups, nothing else")
  {
    const auto base = ops::escalation_fingerprint(config::load_text(k_rules, "a.toml"));
    CHECK(base == ops::escalation_fingerprint(config::load_text(std::string(k_rules) + "\n[mail]\nsubject_tag = \"x\"\n", "b.toml")));
    CHECK(base != ops::escalation_fingerprint(config::load_text("[escalation.rules.half]\nat = \"60%\"\n", "c.toml")));
    CHECK(base != ops::escalation_fingerprint(config::load_text(std::string(k_rules) + "\n[sla.policies.default]\nresolution = { P1 = \"2h\" }\n", "d.toml")));
    CHECK(base != ops::escalation_fingerprint(config::load_text(std::string(k_rules) + "\n[groups.l9]\ntier = 2\n", "e.toml")));
  }
}

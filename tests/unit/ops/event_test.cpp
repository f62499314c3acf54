#include "lib/ops/event.hpp"

#include "lib/ops/change.hpp"
#include "lib/ops/link.hpp"
#include "lib/ops/workflow.hpp"
#include "tests/unit/fixture.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using test::at;

namespace {

model::Alert alert(model::AlertAction action, std::string key = "disk",
                   std::optional<std::string> summary = std::nullopt)
{
  return {"prom", std::move(key), action, model::Severity::warning, std::move(summary), {}, {}, std::nullopt, {}, std::nullopt};
}

// Handles `a` at `when` (its own time too) and returns what it did.
ops::AlertResult handle(test::Desk& desk, model::Alert a, util::Time when)
{
  desk.now = when;
  a.at = when;
  auto ctx = desk.ctx();
  return ops::handle_alerts(ctx, desk.backend->alerts(), {a}, {}).front();
}

} // namespace

TEST_SUITE("ops::event")
{
  TEST_CASE("trigger opens one ticket, repeats append, resolve resolves, trigger reopens; all as event:SOURCE")
  {
    test::Desk desk;
    auto r = handle(desk, alert(model::AlertAction::trigger, "disk", "disk 91% full"), at(2026, 3, 1, 9));
    CHECK(r.outcome == model::Outcome::created);
    REQUIRE(r.ticket.has_value());
    const auto id = *r.ticket;
    auto t = ops::load_ticket(*desk.store, id);
    CHECK(t.title == "disk 91% full");
    CHECK(t.requester == "event:prom");

    r = handle(desk, alert(model::AlertAction::trigger), at(2026, 3, 1, 9, 5));
    CHECK(r.outcome == model::Outcome::appended);
    CHECK(r.ticket == id);
    CHECK(desk.count("ticket") == 1);
    const auto key = desk.backend->alerts().find("prom", "disk");
    REQUIRE(key.has_value());
    CHECK(key->trigger_count == 2);

    r = handle(desk, alert(model::AlertAction::resolve), at(2026, 3, 1, 10));
    CHECK(r.outcome == model::Outcome::resolved);
    t = ops::load_ticket(*desk.store, id);
    CHECK(t.status == model::Status::resolved);
    CHECK(t.resolution_code == "fixed");

    const auto rows = desk.count("ticket_event");
    r = handle(desk, alert(model::AlertAction::resolve), at(2026, 3, 1, 10, 1));
    CHECK(r.outcome == model::Outcome::ignored);
    CHECK(desk.count("ticket_event") == rows);

    r = handle(desk, alert(model::AlertAction::trigger), at(2026, 3, 1, 11));
    CHECK(r.outcome == model::Outcome::reopened);
    CHECK(ops::load_ticket(*desk.store, id).status != model::Status::resolved);
  }

  TEST_CASE("a resolve on a ticket a person changed only comments; a late trigger opens a linked ticket")
  {
    test::Desk desk;
    const auto id = *handle(desk, alert(model::AlertAction::trigger), at(2026, 3, 1, 9)).ticket;
    desk.now = at(2026, 3, 1, 9, 30);
    auto bob = desk.as("bob");
    ops::comment(bob, id, "looking at it");
    auto r = handle(desk, alert(model::AlertAction::resolve), at(2026, 3, 1, 10));
    CHECK(r.outcome == model::Outcome::commented);
    CHECK(ops::load_ticket(*desk.store, id).status != model::Status::resolved);

    desk.now = at(2026, 3, 1, 10, 30);
    auto bob_later = desk.as("bob");
    ops::resolve(bob_later, id, "fixed", std::nullopt);
    r = handle(desk, alert(model::AlertAction::trigger), at(2026, 3, 1, 13));
    CHECK(r.outcome == model::Outcome::recurred);
    REQUIRE(r.ticket.has_value());
    CHECK(*r.ticket != id);
    CHECK(r.previous == id);
    const auto links = ops::linked_tickets(*desk.store, *r.ticket);
    REQUIRE(links.size() == 1);
  }

  TEST_CASE("a batch is one transaction: a bad alert stores nothing of the others")
  {
    test::Desk desk;
    auto ctx = desk.ctx();
    auto good = alert(model::AlertAction::trigger, "a");
    auto bad = alert(model::AlertAction::trigger, "b", "two\nlines");
    CHECK_THROWS_AS(ops::handle_alerts(ctx, desk.backend->alerts(), {good, bad}, {}), Error);
    CHECK(desk.count("ticket") == 0);
    CHECK_FALSE(desk.backend->alerts().find("prom", "a").has_value());
  }

  TEST_CASE("flapping tags the ticket once and keeps it open")
  {
    test::Desk desk;
    model::Outcome last = model::Outcome::ignored;
    for (int i = 0; i < 6; ++i) {
      const auto action = i % 2 == 0 ? model::AlertAction::trigger : model::AlertAction::resolve;
      last = handle(desk, alert(action), at(2026, 3, 1, 9, 2 * i)).outcome;
    }
    CHECK(last == model::Outcome::flapping);
    const auto t = ops::load_ticket(*desk.store, 1);
    CHECK(t.status != model::Status::resolved);
    CHECK(t.tags == std::vector<std::string>{"flapping"});
    CHECK(desk.count("ticket") == 1);
  }
}

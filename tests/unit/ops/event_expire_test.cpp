#include "lib/ops/change.hpp"
#include "lib/ops/event.hpp"
#include "tests/unit/fixture.hpp"
#include "tests/unit/time_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace sdesk;
using test::at;

namespace {

model::Alert alert_at(model::AlertAction action, std::string key, util::Time when)
{
  model::Alert a;
  a.source = "prom";
  a.key = std::move(key);
  a.action = action;
  a.at = when;
  return a;
}

model::Outcome handle(test::Desk& desk, const model::Alert& a, const model::AlertPolicy& policy = {})
{
  desk.now = a.at;
  auto ctx = desk.ctx();
  return ops::handle_alerts(ctx, desk.backend->alerts(), {a}, policy).front().outcome;
}

int expire(test::Desk& desk, util::Time now, const model::AlertPolicy& policy = {})
{
  desk.now = now;
  auto ctx = desk.ctx();
  return ops::expire_alert_states(ctx, desk.backend->alerts(), policy);
}

bool tagged(test::Desk& desk, model::TicketId id)
{
  const auto t = ops::load_ticket(*desk.store, id);
  return std::find(t.tags.begin(), t.tags.end(), "flapping") != t.tags.end();
}

} // namespace

TEST_SUITE("ops::event expire")
{
  TEST_CASE("a flapping key quiet for a whole window stops flapping; resolved, its ticket is resolved")
  {
    test::Desk desk;
    const auto t0 = at(2026, 3, 2, 9);
    for (int i = 0; i < 6; ++i) {
      const auto action = i % 2 == 0 ? model::AlertAction::trigger : model::AlertAction::resolve;
      handle(desk, alert_at(action, "web", t0 + std::chrono::minutes(i)));
    }
    auto key = desk.backend->alerts().find("prom", "web");
    REQUIRE(key.has_value());
    REQUIRE(key->flapping);
    REQUIRE(key->state == model::AlertState::resolved);
    const auto id = *key->ticket_id;
    CHECK(tagged(desk, id));
    CHECK(ops::load_ticket(*desk.store, id).status == model::Status::new_);

    CHECK(expire(desk, t0 + std::chrono::minutes(20)) == 0); // not quiet for 30 minutes yet
    const auto rows = desk.count("ticket_event");
    CHECK(expire(desk, t0 + std::chrono::minutes(40)) == 1);
    key = desk.backend->alerts().find("prom", "web");
    CHECK_FALSE(key->flapping);
    CHECK(key->changes.empty());
    CHECK_FALSE(tagged(desk, id));
    CHECK(ops::load_ticket(*desk.store, id).status == model::Status::resolved);
    CHECK(desk.count("ticket_event") > rows);
    const auto history = desk.backend->alerts().events("prom", "web");
    REQUIRE_FALSE(history.empty());
    CHECK(history.back().action == model::AlertAction::expire);
    CHECK(history.back().outcome == model::Outcome::resolved);

    CHECK(expire(desk, t0 + std::chrono::minutes(50)) == 0); // nothing left to do
  }

  TEST_CASE("a firing flapping key stops flapping and keeps its ticket open, untagged")
  {
    test::Desk desk;
    const auto t0 = at(2026, 3, 2, 9);
    for (int i = 0; i < 5; ++i) {
      const auto action = i % 2 == 0 ? model::AlertAction::trigger : model::AlertAction::resolve;
      handle(desk, alert_at(action, "web", t0 + std::chrono::minutes(i)));
    }
    const auto id = *desk.backend->alerts().find("prom", "web")->ticket_id;
    REQUIRE(tagged(desk, id));
    CHECK(expire(desk, t0 + std::chrono::hours(1)) == 1);
    CHECK_FALSE(tagged(desk, id));
    CHECK(ops::load_ticket(*desk.store, id).status == model::Status::new_);
  }

  TEST_CASE("a downtime whose end has passed ends; one still running stays")
  {
    test::Desk desk;
    model::AlertPolicy policy;
    policy.downtime_max = std::chrono::hours(2);
    const auto t0 = at(2026, 3, 2, 9);
    CHECK(handle(desk, alert_at(model::AlertAction::downtime_start, "db", t0), policy) ==
          model::Outcome::suppressed);
    CHECK(handle(desk, alert_at(model::AlertAction::trigger, "db", t0 + std::chrono::minutes(5)), policy) ==
          model::Outcome::suppressed);
    CHECK(desk.count("ticket") == 0);
    CHECK(expire(desk, t0 + std::chrono::hours(1), policy) == 0);
    CHECK(expire(desk, t0 + std::chrono::hours(3), policy) == 1);
    CHECK_FALSE(desk.backend->alerts().find("prom", "db")->downtime_until.has_value());
    CHECK(handle(desk, alert_at(model::AlertAction::trigger, "db", t0 + std::chrono::hours(4)), policy) ==
          model::Outcome::created);
  }
}

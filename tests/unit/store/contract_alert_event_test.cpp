// The store contract, part 6b: the history of monitoring event keys
// (AlertStore::append_event, events) and the keys tick expires
// (AlertQuery::expiring). Through the interfaces alone, on any backend.

#include "tests/unit/store/contract_support.hpp"

#include "lib/store/alert_store.hpp"

using namespace sdesk;
using namespace sdesk::test::contract;
using test::at;

namespace {

model::AlertEvent sample_event(std::string key, model::AlertAction action, model::Outcome outcome,
                               std::optional<model::TicketId> ticket, util::Time when)
{
  return {"prom", std::move(key), when, when + std::chrono::seconds(2), action, outcome, ticket,
          model::Severity::critical, "disk 91% full"};
}

} // namespace

TEST_SUITE("store contract: alert history")
{
  TEST_CASE("events are kept per key, oldest first, with every field; a rolled-back append is not")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    const auto id = add(b.tickets(), ticket("disk", at(2026, 3, 1)));
    {
      store::Transaction tx(b.tickets(), store::TxMode::write);
      b.alerts().append_event(sample_event("disk", model::AlertAction::trigger, model::Outcome::created, id,
                                           at(2026, 3, 1, 9)));
      auto second = sample_event("disk", model::AlertAction::downtime_start, model::Outcome::suppressed,
                                 std::nullopt, at(2026, 3, 1, 8));
      second.severity.reset();
      second.summary.reset();
      b.alerts().append_event(second);
      b.alerts().append_event(sample_event("cpu", model::AlertAction::expire, model::Outcome::appended, id,
                                           at(2026, 3, 1, 9)));
      tx.commit();
    }
    {
      store::Transaction tx(b.tickets(), store::TxMode::write);
      b.alerts().append_event(sample_event("disk", model::AlertAction::resolve, model::Outcome::resolved, id,
                                           at(2026, 3, 1, 10)));
      // no commit: rolled back
    }
    store::Transaction tx(b.tickets(), store::TxMode::read);
    const auto events = b.alerts().events("prom", "disk");
    REQUIRE(events.size() == 2);
    CHECK(events[0].source == "prom");
    CHECK(events[0].key == "disk");
    CHECK(events[0].at == at(2026, 3, 1, 9));
    CHECK(events[0].received == at(2026, 3, 1, 9) + std::chrono::seconds(2));
    CHECK(events[0].action == model::AlertAction::trigger);
    CHECK(events[0].outcome == model::Outcome::created);
    CHECK(events[0].ticket_id == id);
    CHECK(events[0].severity == model::Severity::critical);
    CHECK(events[0].summary == "disk 91% full");
    CHECK(events[1].action == model::AlertAction::downtime_start); // in the order appended, not by time
    CHECK_FALSE(events[1].ticket_id.has_value());
    CHECK_FALSE(events[1].severity.has_value());
    CHECK_FALSE(events[1].summary.has_value());
    CHECK(b.alerts().events("prom", "cpu").size() == 1);
    CHECK(b.alerts().events("prom", "cpu")[0].action == model::AlertAction::expire);
    CHECK(b.alerts().events("prom", "none").empty());
    CHECK_THROWS_AS(b.alerts().append_event(sample_event("disk", model::AlertAction::trigger,
                                                         model::Outcome::created, 999, at(2026, 3, 1))),
                    Error);
  }

  TEST_CASE("expiring selects the keys that flap or are in downtime")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    model::AlertKey k;
    k.source = "prom";
    k.first_at = at(2026, 3, 1);
    k.updated = at(2026, 3, 1);
    {
      store::Transaction tx(b.tickets(), store::TxMode::write);
      k.key = "plain";
      b.alerts().put(k);
      k.key = "flaps";
      k.flapping = true;
      b.alerts().put(k);
      k.key = "down";
      k.flapping = false;
      k.downtime_until = at(2026, 3, 2);
      b.alerts().put(k);
      tx.commit();
    }
    std::vector<std::string> seen;
    store::Transaction tx(b.tickets(), store::TxMode::read);
    store::AlertQuery q;
    q.expiring = true;
    b.alerts().for_each(q, [&](const model::AlertKey& key) { seen.push_back(key.key); });
    CHECK(seen == std::vector<std::string>{"down", "flaps"});
  }
}

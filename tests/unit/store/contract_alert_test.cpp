// The store contract, part 6: the alert store (Backend::alerts()), the state
// of monitoring event keys. Through the interfaces alone, on any backend
// (see contract_support.hpp).

#include "tests/unit/store/contract_support.hpp"

#include "lib/store/alert_store.hpp"

using namespace sdesk;
using namespace sdesk::test::contract;
using test::at;

namespace {

model::AlertKey sample_key(std::string source, std::string key, std::optional<model::TicketId> ticket)
{
  model::AlertKey k;
  k.source = std::move(source);
  k.key = std::move(key);
  k.ticket_id = ticket;
  k.state = model::AlertState::firing;
  k.severity = model::Severity::warning;
  k.summary = "disk 91% full";
  k.first_at = at(2026, 3, 1, 9);
  k.last_trigger = at(2026, 3, 1, 9, 5);
  k.trigger_count = 3;
  k.resolve_count = 1;
  k.changes = {at(2026, 3, 1, 9), at(2026, 3, 1, 9, 5)};
  k.downtime_until = at(2026, 3, 2);
  k.updated = at(2026, 3, 1, 9, 5);
  return k;
}

std::vector<std::string> keys(store::Backend& b, const store::AlertQuery& q)
{
  std::vector<std::string> result;
  store::Transaction tx(b.tickets(), store::TxMode::read);
  b.alerts().for_each(q, [&](const model::AlertKey& k) { result.push_back(k.source + "/" + k.key); });
  tx.commit();
  return result;
}

} // namespace

TEST_SUITE("store contract: alerts")
{
  TEST_CASE("a key is stored with every field, found by source and key, and replaced by put")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    const auto id = add(b.tickets(), ticket("disk", at(2026, 3, 1)));
    CHECK_FALSE(b.alerts().find("prom", "abc").has_value());
    const auto sent = sample_key("prom", "abc", id);
    {
      store::Transaction tx(b.tickets(), store::TxMode::write);
      b.alerts().put(sent);
      tx.commit();
    }
    const auto back = b.alerts().find("prom", "abc");
    REQUIRE(back.has_value());
    CHECK(back->ticket_id == id);
    CHECK(back->state == sent.state);
    CHECK(back->severity == sent.severity);
    CHECK(back->summary == sent.summary);
    CHECK(back->first_at == sent.first_at);
    CHECK(back->last_trigger == sent.last_trigger);
    CHECK_FALSE(back->last_resolve.has_value());
    CHECK(back->trigger_count == 3);
    CHECK(back->resolve_count == 1);
    CHECK(back->changes == sent.changes);
    CHECK_FALSE(back->flapping);
    CHECK(back->downtime_until == sent.downtime_until);
    CHECK(back->updated == sent.updated);
    CHECK_FALSE(b.alerts().find("prom", "ABC").has_value()); // keys are exact
    CHECK_FALSE(b.alerts().find("other", "abc").has_value());

    auto changed = *back;
    changed.state = model::AlertState::resolved;
    changed.last_resolve = at(2026, 3, 1, 10);
    changed.flapping = true;
    changed.changes.clear();
    changed.severity.reset();
    {
      store::Transaction tx(b.tickets(), store::TxMode::write);
      b.alerts().put(changed);
      tx.commit();
    }
    const auto again = b.alerts().find("prom", "abc");
    REQUIRE(again.has_value());
    CHECK(again->state == model::AlertState::resolved);
    CHECK(again->last_resolve == changed.last_resolve);
    CHECK(again->flapping);
    CHECK(again->changes.empty());
    CHECK_FALSE(again->severity.has_value());
    CHECK(keys(b, {}) == std::vector<std::string>{"prom/abc"});
  }

  TEST_CASE("a put rolled back is not stored; a key without a ticket is stored; one naming no ticket is refused")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    {
      store::Transaction tx(b.tickets(), store::TxMode::write);
      b.alerts().put(sample_key("prom", "gone", std::nullopt));
      // no commit: the transaction rolls back
    }
    CHECK_FALSE(b.alerts().find("prom", "gone").has_value());
    {
      store::Transaction tx(b.tickets(), store::TxMode::write);
      b.alerts().put(sample_key("prom", "quiet", std::nullopt));
      tx.commit();
    }
    CHECK(b.alerts().find("prom", "quiet").has_value());
    store::Transaction tx(b.tickets(), store::TxMode::write);
    CHECK_THROWS_AS(b.alerts().put(sample_key("prom", "bad", 999)), Error);
  }

  TEST_CASE("for_each visits keys by source then key, bytes order, and filters open and flapping ones")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    {
      store::Transaction tx(b.tickets(), store::TxMode::write);
      auto k = sample_key("zabbix", "b", std::nullopt);
      b.alerts().put(k);
      k = sample_key("prom", "b", std::nullopt);
      k.state = model::AlertState::resolved;
      b.alerts().put(k);
      k = sample_key("prom", "B", std::nullopt);
      k.flapping = true;
      b.alerts().put(k);
      tx.commit();
    }
    CHECK(keys(b, {}) == std::vector<std::string>{"prom/B", "prom/b", "zabbix/b"});
    CHECK(keys(b, {true, false}) == std::vector<std::string>{"prom/B", "zabbix/b"});
    CHECK(keys(b, {false, true}) == std::vector<std::string>{"prom/B"});
  }
}

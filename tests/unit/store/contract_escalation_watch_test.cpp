// The store contract, part 11: the escalation watch
// (Backend::escalation_watch()): when auto-escalation next looks at each
// ticket, and the configuration the rows were computed under. Through the
// interfaces alone, on any backend (see contract_support.hpp).

#include "tests/unit/store/contract_support.hpp"

#include "lib/store/escalation_watch_store.hpp"

#include <array>

using namespace sdesk;
using namespace sdesk::test::contract;
using test::at;

TEST_SUITE("store contract: escalation watch")
{
  TEST_CASE("a ticket is due from its next check on; none: not until it is marked again")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    const auto first = add(b.tickets(), ticket("printer", at(2026, 3, 1)));
    const auto second = add(b.tickets(), ticket("mail", at(2026, 3, 1)));
    store::Transaction tx(b.tickets(), store::TxMode::write);
    auto& watch = b.escalation_watch();
    CHECK(watch.due(at(2030, 1, 1)).empty());
    watch.set_next_check(second, at(2026, 3, 2));
    watch.set_next_check(first, at(2026, 3, 3));
    CHECK(watch.due(at(2026, 3, 1)).empty());
    CHECK(watch.due(at(2026, 3, 2)) == std::vector<model::TicketId>{second});
    CHECK(watch.due(at(2026, 3, 3)) == std::vector<model::TicketId>{first, second});
    watch.set_next_check(second, std::nullopt);
    CHECK(watch.due(at(2030, 1, 1)) == std::vector<model::TicketId>{first});
    const std::array marked{first, second};
    watch.mark_due(marked);
    CHECK(watch.due(at(2026, 3, 1)) == std::vector<model::TicketId>{first, second});
    tx.commit();
  }

  TEST_CASE("the sweep's fingerprint is kept until forgotten")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    store::Transaction tx(b.tickets(), store::TxMode::write);
    auto& watch = b.escalation_watch();
    CHECK_FALSE(watch.swept_under().has_value());
    watch.set_swept_under("rules-1");
    CHECK(watch.swept_under() == "rules-1");
    watch.set_swept_under("rules-2");
    CHECK(watch.swept_under() == "rules-2");
    watch.forget_sweep();
    CHECK_FALSE(watch.swept_under().has_value());
    tx.commit();
  }

  TEST_CASE("mark_due_if_swept marks only while a sweep is recorded")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    const auto first = add(b.tickets(), ticket("printer", at(2026, 3, 1)));
    const auto second = add(b.tickets(), ticket("mail", at(2026, 3, 1)));
    store::Transaction tx(b.tickets(), store::TxMode::write);
    auto& watch = b.escalation_watch();
    const std::array both{first, second};
    watch.mark_due_if_swept(both);
    CHECK(watch.due(at(2030, 1, 1)).empty());
    watch.set_swept_under("rules-1");
    watch.set_next_check(second, at(2026, 5, 1));
    watch.mark_due_if_swept(both);
    CHECK(watch.due(at(2026, 3, 1)) == std::vector<model::TicketId>{first, second});
    watch.forget_sweep();
    watch.set_next_check(first, at(2026, 5, 1));
    watch.mark_due_if_swept(std::array{first});
    CHECK(watch.due(at(2026, 3, 1)) == std::vector<model::TicketId>{second});
    tx.commit();
  }

  TEST_CASE("what a rolled-back transaction marked is not kept")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    const auto id = add(b.tickets(), ticket("printer", at(2026, 3, 1)));
    {
      store::Transaction tx(b.tickets(), store::TxMode::write);
      b.escalation_watch().set_swept_under("rules-1");
      b.escalation_watch().mark_due(std::array{id});
    } // not committed
    store::Transaction tx(b.tickets(), store::TxMode::read);
    CHECK(b.escalation_watch().due(at(2030, 1, 1)).empty());
    CHECK_FALSE(b.escalation_watch().swept_under().has_value());
    tx.commit();
  }
}

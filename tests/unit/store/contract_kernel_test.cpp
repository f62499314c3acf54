// The store contract, part 5: what the record kernel added to TicketStore
// (issue 8): the ids append() returns, each ticket's hash chain, links and
// the outbox. Through the interface alone, on any backend (see
// contract_support.hpp).

#include "tests/unit/store/contract_support.hpp"

#include "lib/model/chain.hpp"
#include "lib/model/link.hpp"
#include "lib/model/outbox.hpp"

using namespace sdesk;
using namespace sdesk::test::contract;
using test::at;

TEST_SUITE("store contract: kernel")
{
  TEST_CASE("append returns each event's id, in order, growing, and events() gives them back")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    const auto a = add(s, ticket("a", at(2026, 1, 1)));
    const auto b = add(s, ticket("b", at(2026, 1, 1)));
    std::vector<model::Event> events;
    for (int i = 0; i < 40; ++i) { // more than one multi-row statement
      events.push_back(event(i % 3 == 0 ? b : a, at(2026, 1, 2), "comment", std::nullopt,
                             std::nullopt, std::nullopt, "n" + std::to_string(i)));
    }
    std::vector<std::int64_t> ids;
    {
      store::Transaction tx(s, store::TxMode::write);
      ids = s.append(events);
      tx.commit();
    }
    REQUIRE(ids.size() == events.size());
    for (std::size_t i = 1; i < ids.size(); ++i) {
      CHECK(ids[i] > ids[i - 1]);
    }
    for (const model::TicketId id : {a, b}) {
      for (const model::Event& e : s.events(id)) {
        const auto at_index = std::find(ids.begin(), ids.end(), e.id) - ids.begin();
        REQUIRE(static_cast<std::size_t>(at_index) < ids.size());
        CHECK(events[static_cast<std::size_t>(at_index)].note == e.note);
        CHECK(events[static_cast<std::size_t>(at_index)].ticket_id == id);
      }
    }
  }

  TEST_CASE("each ticket's chain holds its events with their hashes, and its count and head")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    const auto a = add(s, ticket("a", at(2026, 1, 1)));
    const auto b = add(s, ticket("b", at(2026, 1, 1)));
    add_events(s, {event(a, at(2026, 1, 2), "open", "status", std::nullopt, "new"),
                   event(b, at(2026, 1, 2), "open", "status", std::nullopt, "new"),
                   event(a, at(2026, 1, 3), "comment", std::nullopt, std::nullopt, std::nullopt, "hi")});
    add_events(s, {event(a, at(2026, 1, 4), "assign", "assignee", std::nullopt, "amara")});
    const auto chain = s.chain(a);
    REQUIRE(chain);
    CHECK(chain->events.size() == 3);
    CHECK(chain->head.count == 3);
    CHECK_FALSE(model::check_chain(*chain)); // whole: every hash and the head agree
    CHECK(chain->head.head == model::chain_head(chain->events, 3).head);
    CHECK(s.chain(b)->head.count == 1);
    CHECK_FALSE(s.chain(99));
    const auto none = s.chain(add(s, ticket("c", at(2026, 1, 1))));
    REQUIRE(none);
    CHECK(none->head.count == 0);
    CHECK(none->events.empty());
  }

  TEST_CASE("a rolled-back append leaves the chain as it was")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    const auto a = add(s, ticket("a", at(2026, 1, 1)));
    add_events(s, {event(a, at(2026, 1, 2), "open", "status", std::nullopt, "new")});
    const auto before = s.chain(a)->head.head;
    {
      store::Transaction tx(s, store::TxMode::write);
      s.append({event(a, at(2026, 1, 3), "comment", std::nullopt, std::nullopt, std::nullopt, "x")});
    } // rolled back
    add_events(s, {event(a, at(2026, 1, 4), "comment", std::nullopt, std::nullopt, std::nullopt, "y")});
    const auto chain = s.chain(a);
    CHECK(chain->head.count == 2);
    CHECK_FALSE(model::check_chain(*chain));
    CHECK(chain->head.head != before);
  }

  TEST_CASE("links: added once, found from both ends, removed; a repeat changes nothing")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    const auto a = add(s, ticket("a", at(2026, 1, 1)));
    const auto b = add(s, ticket("b", at(2026, 1, 1)));
    const auto c = add(s, ticket("c", at(2026, 1, 1)));
    const model::Link ab = model::make_link(a, "caused-by", b);
    const model::Link cb = model::make_link(c, "relates-to", b);
    {
      store::Transaction tx(s, store::TxMode::write);
      CHECK(s.add_link(ab));
      CHECK_FALSE(s.add_link(ab));
      CHECK(s.add_link(cb));
      tx.commit();
    }
    CHECK(s.links(a) == std::vector<model::Link>{ab});
    CHECK(s.links(b).size() == 2);
    CHECK(s.links(c) == std::vector<model::Link>{cb});
    {
      store::Transaction tx(s, store::TxMode::write);
      s.write_links({{ab.from, ab.type, ab.to, false}});
      tx.commit();
    }
    CHECK(s.links(a).empty());
    CHECK(s.links(b) == std::vector<model::Link>{cb});
    {
      store::Transaction tx(s, store::TxMode::write);
      CHECK_FALSE(s.remove_link(ab));
      CHECK(s.remove_link(cb));
    } // rolled back: cb stays
    CHECK(s.links(b) == std::vector<model::Link>{cb});
  }

  TEST_CASE("a link to a ticket that is not stored is Error(store), and nothing is kept")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    const auto a = add(s, ticket("a", at(2026, 1, 1)));
    {
      store::Transaction tx(s, store::TxMode::write);
      CHECK(error_kind([&] { s.add_link({a, "relates-to", 99}); }) == ErrorKind::store);
    }
    CHECK(s.links(a).empty());
  }

  TEST_CASE("the outbox: queued entries oldest first, per ticket, at most `limit`, gone on rollback")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    const auto a = add(s, ticket("a", at(2026, 1, 1)));
    const auto b = add(s, ticket("b", at(2026, 1, 1)));
    {
      store::Transaction tx(s, store::TxMode::write);
      const auto ids = s.append({event(a, at(2026, 1, 2), "open", "status", std::nullopt, "new"),
                                 event(b, at(2026, 1, 2), "open", "status", std::nullopt, "new"),
                                 event(a, at(2026, 1, 3), "comment", std::nullopt, std::nullopt,
                                       std::nullopt, "hi")});
      s.queue({{ids[0], "open", a, at(2026, 1, 2)},
               {ids[1], "open", b, at(2026, 1, 2)},
               {ids[2], "comment", a, at(2026, 1, 3)}});
      tx.commit();
    }
    std::vector<std::string> all;
    s.for_each_queued(std::nullopt, [&](const model::OutboxEntry& e) {
      all.push_back(e.kind + ":" + std::to_string(e.ticket_id));
    });
    CHECK(all == std::vector<std::string>{"open:1", "open:2", "comment:1"});
    std::size_t limited = 0;
    s.for_each_queued(2, [&](const model::OutboxEntry&) { ++limited; });
    CHECK(limited == 2);
    const auto of_a = s.queued(a);
    REQUIRE(of_a.size() == 2);
    CHECK(of_a[0].kind == "open");
    CHECK(of_a[1].kind == "comment");
    CHECK(of_a[1].created == at(2026, 1, 3));
    {
      store::Transaction tx(s, store::TxMode::write);
      const auto ids = s.append({event(b, at(2026, 1, 4), "comment", std::nullopt, std::nullopt,
                                       std::nullopt, "later")});
      s.queue({{ids[0], "comment", b, at(2026, 1, 4)}});
    } // rolled back
    CHECK(s.queued(b).size() == 1);
  }
}

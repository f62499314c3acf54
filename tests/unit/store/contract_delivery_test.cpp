// The store contract, part 7: the delivery store (Backend::deliveries()),
// one row per (consumer, outbox row). Through the interfaces alone, on any
// backend (see contract_support.hpp).

#include "tests/unit/store/contract_support.hpp"

#include "lib/store/delivery_store.hpp"

using namespace sdesk;
using namespace sdesk::test::contract;
using test::at;

namespace {

// A ticket with one queued outbox row; returns the row's event id.
std::int64_t queued_row(store::Backend& b, std::string title)
{
  const auto id = add(b.tickets(), ticket(std::move(title), at(2026, 3, 1)));
  store::Transaction tx(b.tickets(), store::TxMode::write);
  const auto ids = b.tickets().append({event(id, at(2026, 3, 1, 9), "comment", std::nullopt, std::nullopt,
                                             std::nullopt, "a note")});
  b.tickets().queue({{ids.front(), "comment", id, at(2026, 3, 1, 9)}});
  tx.commit();
  return ids.front();
}

std::vector<std::string> due(store::Backend& b, util::Time now)
{
  std::vector<std::string> found;
  store::Transaction tx(b.tickets(), store::TxMode::read);
  for (const store::Delivery& d : b.deliveries().due(now, 100, "")) {
    found.push_back(std::to_string(d.entry.event_id) + "/" + d.consumer + "/" + d.entry.kind);
  }
  tx.commit();
  return found;
}

} // namespace

TEST_SUITE("store contract: deliveries")
{
  TEST_CASE("added deliveries are due by outbox row then consumer; adding twice keeps one")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    const auto first = queued_row(b, "one");
    const auto second = queued_row(b, "two");
    const std::vector<std::string> consumers{"hook:b", "hook:a"};
    {
      store::Transaction tx(b.tickets(), store::TxMode::write);
      const std::vector<std::int64_t> ids{second, first};
      b.deliveries().add(ids, consumers, at(2026, 3, 1, 9));
      b.deliveries().add(ids, consumers, at(2026, 3, 1, 12)); // ignored: already there
      tx.commit();
    }
    const auto f = std::to_string(first);
    const auto s = std::to_string(second);
    CHECK(due(b, at(2026, 3, 1, 9)) == std::vector<std::string>{f + "/hook:a/comment", f + "/hook:b/comment",
                                                                s + "/hook:a/comment", s + "/hook:b/comment"});
    CHECK(due(b, at(2026, 3, 1, 8)).empty()); // not yet due
  }

  TEST_CASE("due keeps to the consumers named by its prefix, so that one backlog hides no other")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    const auto row = queued_row(b, "one");
    {
      store::Transaction tx(b.tickets(), store::TxMode::write);
      b.deliveries().add(std::vector<std::int64_t>{row}, std::vector<std::string>{"hook:a", "mail"}, at(2026, 3, 1, 9));
      tx.commit();
    }
    store::Transaction tx(b.tickets(), store::TxMode::read);
    const auto hooks = b.deliveries().due(at(2026, 3, 1, 9), 10, "hook:");
    REQUIRE(hooks.size() == 1);
    CHECK(hooks.front().consumer == "hook:a");
    const auto mail = b.deliveries().due(at(2026, 3, 1, 9), 10, "mail");
    REQUIRE(mail.size() == 1);
    CHECK(mail.front().consumer == "mail");
    CHECK(b.deliveries().due(at(2026, 3, 1, 9), 10, "").size() == 2);
    CHECK(b.deliveries().due(at(2026, 3, 1, 9), 1, "mail").size() == 1); // the limit counts only "mail"
    tx.commit();
  }

  TEST_CASE("claim takes a due delivery once; failed and succeeded record the outcome")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    const auto row = queued_row(b, "one");
    auto& d = b.deliveries();
    {
      store::Transaction tx(b.tickets(), store::TxMode::write);
      d.add(std::vector<std::int64_t>{row}, std::vector<std::string>{"hook:x"}, at(2026, 3, 1, 9));
      CHECK(d.claim("hook:x", row, at(2026, 3, 1, 9), at(2026, 3, 1, 9, 5)));
      CHECK_FALSE(d.claim("hook:x", row, at(2026, 3, 1, 9, 1), at(2026, 3, 1, 9, 6))); // taken
      CHECK_FALSE(d.claim("hook:y", row, at(2026, 3, 1, 9), at(2026, 3, 1, 9, 5)));    // absent
      d.failed("hook:x", row, at(2026, 3, 1, 10), "receiver down");
      tx.commit();
    }
    CHECK(due(b, at(2026, 3, 1, 9, 30)).empty());
    CHECK(due(b, at(2026, 3, 1, 10)).size() == 1);
    std::vector<store::Delivery> seen;
    {
      store::Transaction tx(b.tickets(), store::TxMode::read);
      d.for_each_of(row, [&](const store::Delivery& one) { seen.push_back(one); });
      tx.commit();
    }
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].attempts == 1);
    CHECK(seen[0].last_error == "receiver down");
    CHECK(seen[0].next_attempt == at(2026, 3, 1, 10));
    CHECK_FALSE(seen[0].done.has_value());
    {
      store::Transaction tx(b.tickets(), store::TxMode::write);
      REQUIRE(d.claim("hook:x", row, at(2026, 3, 1, 10), at(2026, 3, 1, 10, 5)));
      d.succeeded("hook:x", row, at(2026, 3, 1, 10, 1));
      tx.commit();
    }
    CHECK(due(b, at(2026, 3, 2)).empty());
    seen.clear();
    d.for_each_of(row, [&](const store::Delivery& one) { seen.push_back(one); });
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].done == at(2026, 3, 1, 10, 1));
  }

  TEST_CASE("a delivery of a row that is not in the outbox is refused; a rolled-back add stores nothing")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    const auto row = queued_row(b, "one");
    {
      store::Transaction tx(b.tickets(), store::TxMode::write);
      b.deliveries().add(std::vector<std::int64_t>{row}, std::vector<std::string>{"hook:x"}, at(2026, 3, 1, 9));
    }
    CHECK(due(b, at(2026, 3, 2)).empty());
    store::Transaction tx(b.tickets(), store::TxMode::write);
    CHECK(error_kind([&] {
            b.deliveries().add(std::vector<std::int64_t>{row + 1000}, std::vector<std::string>{"hook:x"},
                               at(2026, 3, 1, 9));
          }) == ErrorKind::store);
  }
}

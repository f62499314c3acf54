// The store contract, part 1: TicketStore's single-ticket operations,
// transactions, the change journal and the text limits. Every backend must
// pass these through the interface alone (see contract_support.hpp; run them
// on another backend with SDESK_TEST_BACKEND, tests/unit/backend_factory.hpp).

#include "tests/unit/store/contract_support.hpp"

#include "lib/model/limits.hpp"

using namespace sdesk;
using namespace sdesk::test::contract;
using test::at;

namespace {

// A ticket with every field set, text beyond ASCII included.
model::Ticket full_ticket()
{
  model::Ticket t = ticket("VPN down — Zürich office", at(2026, 1, 2, 3));
  t.ref = "INC0001";
  t.kind = model::Kind::problem;
  t.description = "multi\nline\ttext, 'quoted' and \"double\"";
  t.status = model::Status::resolved;
  t.impact = model::Level::high;
  t.urgency = model::Level::low;
  t.priority = 2;
  t.category = "network";
  t.service = "vpn";
  t.group = "second-line";
  t.assignee = "amara";
  t.requester = "bob@example.org";
  t.escalation_level = 2;
  t.tags = {"a", "b-c"};
  t.updated = at(2026, 1, 3, 4, 5);
  t.first_response = at(2026, 1, 2, 4);
  t.resolved = at(2026, 1, 3);
  t.closed = at(2026, 1, 8);
  t.resolution_code = "fixed";
  t.resolution_note = "replaced the router";
  t.response_due = at(2026, 1, 2, 5);
  t.resolution_due = at(2026, 1, 4);
  t.sla_policy = "default";
  t.response_business = std::chrono::seconds{3600};
  t.resolution_business = std::chrono::seconds{8 * 3600 + 1};
  return t;
}

} // namespace

TEST_SUITE("store contract: TicketStore")
{
  TEST_CASE("insert gives ids from 1 up, ignoring the id it is given, and find returns every field")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    model::Ticket full = full_ticket();
    full.id = 42; // ignored
    model::Ticket bare = ticket("bare", at(2026, 1, 5));
    {
      store::Transaction tx(s, store::TxMode::write);
      CHECK(s.insert(full) == 1);
      CHECK(s.insert(bare) == 2);
      tx.commit();
    }
    const auto back_full = s.find(1);
    REQUIRE(back_full);
    CHECK(back_full->id == 1);
    check_same(full, *back_full);
    const auto back_bare = s.find(2);
    REQUIRE(back_bare);
    CHECK(back_bare->id == 2);
    check_same(bare, *back_bare); // absent stays absent, "" stays ""
    CHECK_FALSE(s.find(3));
    CHECK_FALSE(s.find(0));
    CHECK_FALSE(s.find(-1));
  }

  TEST_CASE("find_by_ref finds exactly that ref")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    auto one = ticket("one", at(2026, 1, 1));
    one.ref = "INC-1";
    add(s, one);
    add(s, ticket("no ref", at(2026, 1, 1)));
    auto three = ticket("three", at(2026, 1, 1));
    three.ref = "inc-1"; // refs are compared exactly: case matters
    add(s, three);
    CHECK(s.find_by_ref("INC-1") == 1);
    CHECK(s.find_by_ref("inc-1") == 3);
    CHECK_FALSE(s.find_by_ref("INC-2"));
    CHECK_FALSE(s.find_by_ref("INC-1 "));
    CHECK_FALSE(s.find_by_ref(""));
  }

  TEST_CASE("a ref names one ticket: a second ticket with it is refused")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    auto first = ticket("first", at(2026, 1, 1));
    first.ref = "R-1";
    add(s, first);
    auto again = ticket("again", at(2026, 1, 2));
    again.ref = "R-1";
    {
      store::Transaction tx(s, store::TxMode::write);
      CHECK(error_kind([&] { s.insert(again); }) == ErrorKind::store);
    }
    CHECK(ticket_count(s) == 1);
    CHECK(s.find(1)->title == "first");
  }

  TEST_CASE("update replaces every field and the tags of one ticket, and no other")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    auto other = ticket("other", at(2026, 1, 1));
    other.tags = {"keep"};
    add(s, other);
    auto before = ticket("before", at(2026, 1, 1));
    before.tags = {"old"};
    before.assignee = "bob";
    const auto id = add(s, before);

    model::Ticket after = full_ticket();
    after.id = id;
    {
      store::Transaction tx(s, store::TxMode::write);
      s.update(after);
      tx.commit();
    }
    check_same(after, s.find(id).value());
    check_same(other, s.find(1).value());

    // Back to nothing: absent fields and no tags.
    model::Ticket cleared = ticket("cleared", at(2026, 1, 1));
    cleared.id = id;
    {
      store::Transaction tx(s, store::TxMode::write);
      s.update(cleared);
      tx.commit();
    }
    check_same(cleared, s.find(id).value());
    CHECK(s.find(1)->tags == std::vector<std::string>{"keep"});
  }

  TEST_CASE("append keeps every field; events() returns one ticket's history oldest first")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    const auto one = add(s, ticket("one", at(2026, 1, 1)));
    const auto two = add(s, ticket("two", at(2026, 1, 1)));
    auto with_data = event(one, at(2026, 1, 1, 10), "escalate", "group", "first-line", "second-line");
    with_data.id = 99; // ignored
    with_data.actor = "Zoë";
    with_data.data = R"({"from":"first-line","to":"second-line","level":1})";
    const std::vector<model::Event> first{
      event(one, at(2026, 1, 1), "open", "title", std::nullopt, "one"),
      event(two, at(2026, 1, 1), "open", "title", std::nullopt, "two"),
      with_data,
    };
    add_events(s, first);
    // Later rows may carry an earlier time (imports): the order is the
    // order of appending, not of `at`.
    const auto late = event(one, at(2025, 12, 31), "comment", std::nullopt, std::nullopt,
                            std::nullopt, "line 1\nline 2");
    add_events(s, {late});

    const auto history = s.events(one);
    REQUIRE(history.size() == 3);
    check_same(first[0], history[0]);
    check_same(with_data, history[1]);
    check_same(late, history[2]);
    CHECK(history[0].id > 0);
    CHECK(history[0].id < history[1].id);
    CHECK(history[1].id < history[2].id);
    CHECK(history[1].id != 99);
    const auto other = s.events(two);
    REQUIRE(other.size() == 1);
    check_same(first[1], other[0]);
    CHECK(s.events(3).empty()); // no such ticket: no history
  }

  TEST_CASE("append of many events at once keeps their order")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    const auto id = add(s, ticket("busy", at(2026, 1, 1)));
    std::vector<model::Event> events;
    for (int i = 0; i < 75; ++i) { // more than any batch a backend may use
      events.push_back(event(id, at(2026, 1, 1), "comment", std::nullopt, std::nullopt,
                             std::nullopt, "note " + std::to_string(i)));
    }
    add_events(s, events);
    add_events(s, {}); // nothing to append: fine
    const auto history = s.events(id);
    REQUIRE(history.size() == 75);
    for (std::size_t i = 0; i < history.size(); ++i) {
      CHECK(history[i].note == "note " + std::to_string(i));
    }
  }

  TEST_CASE("an event of a ticket that is not stored is refused")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    add(s, ticket("one", at(2026, 1, 1)));
    store::Transaction tx(s, store::TxMode::write);
    CHECK(error_kind([&] { s.append({event(7, at(2026, 1, 1), "comment")}); }) == ErrorKind::store);
  }

  TEST_CASE("a rolled-back write transaction leaves nothing; a committed one keeps everything")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    const auto id = add(s, ticket("kept", at(2026, 1, 1)));
    add_events(s, {event(id, at(2026, 1, 1), "open")});
    {
      store::Transaction tx(s, store::TxMode::write);
      const auto lost = s.insert(ticket("lost", at(2026, 1, 2)));
      s.append({event(lost, at(2026, 1, 2), "open"), event(id, at(2026, 1, 2), "assign")});
      auto changed = s.find(id).value();
      changed.title = "changed";
      changed.tags = {"t"};
      s.update(changed);
      CHECK(s.find(id)->title == "changed"); // the transaction sees its own writes
      CHECK(s.find(lost)->title == "lost");
      CHECK(s.events(id).size() == 2);
    } // not committed: rolled back
    CHECK(ticket_count(s) == 1);
    CHECK(s.find(id)->title == "kept");
    CHECK(s.find(id)->tags.empty());
    CHECK(s.events(id).size() == 1);

    {
      store::Transaction tx(s, store::TxMode::write);
      s.rollback();
      s.begin(store::TxMode::write); // rollback() then begin() again: a new transaction
      s.insert(ticket("second", at(2026, 1, 2)));
      tx.commit();
    }
    CHECK(ticket_count(s) == 2);
  }

  TEST_CASE("a read transaction sees one snapshot while another connection writes")
  {
    const auto shared = test::shared_store();
    auto reader = shared->connect();
    auto writer = shared->connect();
    auto& r = reader->tickets();
    auto& w = writer->tickets();
    const auto id = add(w, ticket("before", at(2026, 1, 1)));
    {
      store::Transaction snapshot(r, store::TxMode::read);
      CHECK(r.find(id)->title == "before"); // the snapshot is taken by now
      {
        store::Transaction tx(w, store::TxMode::write);
        auto t = w.find(id).value();
        t.title = "after";
        w.update(t);
        w.insert(ticket("new", at(2026, 1, 2)));
        w.append({event(id, at(2026, 1, 2), "comment")});
        tx.commit();
      }
      CHECK(r.find(id)->title == "before");
      CHECK_FALSE(r.find(id + 1));
      CHECK(r.events(id).empty());
      std::size_t seen = 0;
      r.for_each({}, [&](const model::Ticket&) { ++seen; });
      CHECK(seen == 1);
      snapshot.commit();
    }
    CHECK(r.find(id)->title == "after"); // a new transaction sees the commit
    CHECK(ticket_count(r) == 2);
    CHECK(r.events(id).size() == 1);
  }

  TEST_CASE("the journal notes what committed transactions created and changed")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    {
      store::Transaction tx(s, store::TxMode::write);
      const auto id = s.insert(ticket("one", at(2026, 1, 1)));
      s.append({event(id, at(2026, 1, 1), "open")});
      tx.commit();
    }
    CHECK(s.journal().describe() == "ticket 1 was created");

    store::ChangeJournal journal;
    s.note_changes_in(journal);
    {
      store::Transaction tx(s, store::TxMode::write);
      s.insert(ticket("lost", at(2026, 1, 2)));
    } // rolled back: not noted
    CHECK(journal.describe().empty());
    {
      store::Transaction tx(s, store::TxMode::write);
      s.append({event(1, at(2026, 1, 2), "assign"), event(1, at(2026, 1, 2), "assign")});
      tx.commit();
    }
    CHECK(journal.describe() == "ticket 1 was changed (assign)");
  }

  TEST_CASE("text over its limit or not UTF-8 is refused with Error(usage) and nothing stored")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    const auto id = add(s, ticket("kept", at(2026, 1, 1)));
    const auto refused = [&](const std::function<void()>& write) {
      store::Transaction tx(s, store::TxMode::write);
      CHECK(error_kind(write) == ErrorKind::usage);
      tx.commit(); // even committed, the refused write left nothing
    };

    auto long_title = ticket(std::string(model::limit(model::Limited::title) + 1, 'x'), at(2026, 1, 1));
    refused([&] { s.insert(long_title); });
    auto bad_utf8 = ticket("fine", at(2026, 1, 1));
    bad_utf8.description = "caf\xC3";
    refused([&] { s.insert(bad_utf8); });
    auto long_group = ticket("fine", at(2026, 1, 1));
    long_group.group = std::string(model::limit(model::Limited::short_text) + 1, 'g');
    refused([&] { s.insert(long_group); });
    auto many_tags = ticket("fine", at(2026, 1, 1));
    for (std::size_t i = 0; i <= model::limit(model::Limited::tags); ++i) {
      many_tags.tags.push_back("t" + std::to_string(1000 + i));
    }
    refused([&] { s.insert(many_tags); });
    CHECK(ticket_count(s) == 1);

    // One bad event in a batch: none of the batch is appended.
    const auto long_note = event(id, at(2026, 1, 2), "comment", std::nullopt, std::nullopt,
                                 std::nullopt, std::string(model::limit(model::Limited::long_text) + 1, 'n'));
    refused([&] { s.append({event(id, at(2026, 1, 2), "comment"), long_note}); });
    auto bad_actor = event(id, at(2026, 1, 2), "comment");
    bad_actor.actor = "\xFF";
    refused([&] { s.append({bad_actor}); });
    CHECK(s.events(id).empty());
  }

  TEST_CASE("for_each lets its visitor read the store (export reads each history)")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    for (int i = 0; i < 3; ++i) {
      const auto id = add(s, ticket("t" + std::to_string(i), at(2026, 1, 1)));
      add_events(s, {event(id, at(2026, 1, 1), "open")});
    }
    std::size_t histories = 0;
    store::Transaction tx(s, store::TxMode::read);
    s.for_each({}, [&](const model::Ticket& t) {
      histories += s.events(t.id).size();
      CHECK(s.find(t.id)->title == t.title);
    });
    tx.commit();
    CHECK(histories == 3);
  }
}

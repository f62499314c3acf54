// The store contract, part 4: ReportSource, the queries behind `sdesk
// report`, against expectations worked out by hand for October 2026 (the
// window [Oct 1, Nov 1) UTC). Every backend must pass these (see
// contract_support.hpp).

#include "tests/unit/store/contract_support.hpp"

#include <algorithm>
#include <map>
#include <tuple>

using namespace sdesk;
using namespace sdesk::test::contract;
using test::at;
using Ids = std::vector<model::TicketId>;
using OptTime = std::optional<util::Time>;

namespace {

std::int64_t secs(util::Time t)
{
  return t.time_since_epoch().count();
}

const store::ReportWindow k_october{secs(at(2026, 10, 1)), secs(at(2026, 11, 1))};

// One ticket of the fixture: its times and group.
struct Row {
  util::Time created;
  OptTime first_response;
  OptTime resolved;
  OptTime closed;
  std::optional<std::string> group;
};

// Each ticket is relevant to October for one reason, or not at all:
const std::vector<Row>& k_rows()
{
  static const std::vector<Row> rows{
    {at(2026, 10, 5, 10), {}, {}, {}, "A"},                      // 1 created in it (full fields: below)
    {at(2026, 10, 1), {}, {}, {}, "B"},                          // 2 created at its first second
    {at(2026, 11, 1), {}, {}, {}, {}},                           // 3 out: created at its end
    {at(2026, 9, 1), at(2026, 10, 3), at(2026, 9, 30), {}, "B"}, // 4 first response in it
    {at(2026, 8, 1), {}, at(2026, 9, 1), at(2026, 10, 2), {}},   // 5 closed in it
    {at(2026, 9, 25), {}, {}, {}, "A"},                          // 6 open at its start
    {at(2026, 1, 1), {}, {}, {}, "B"},                           // 7 open at its start, 9 months
    {at(2026, 6, 1), {}, at(2026, 11, 5), {}, {}},               // 8 open at its start, resolved after
    {at(2026, 6, 1), {}, at(2026, 8, 1), {}, {}},                // 9 out: resolved before
    {at(2026, 9, 15), {}, at(2026, 9, 20), {}, {}},              // 10 out: resolved before
    {at(2026, 9, 15), {}, {}, at(2026, 9, 28), {}},              // 11 out: closed before, unresolved
    {at(2026, 9, 29), {}, at(2026, 10, 1), {}, {}},              // 12 resolved at its first second
    {at(2026, 9, 29), {}, at(2026, 9, 30, 23, 59, 59), {}, {}},  // 13 out: resolved a second before
    {at(2026, 9, 1), at(2026, 11, 1), at(2026, 9, 2), {}, {}},   // 14 out: responded at its end
    {at(2026, 12, 1), {}, {}, {}, {}},                           // 15 out: created after
    {at(2026, 9, 10), {}, at(2026, 10, 10), {}, {}},             // 16 resolved in it
    {at(2026, 3, 1), {}, {}, at(2026, 11, 2), {}},               // 17 open at its start, closed after
    {at(2026, 8, 20), {}, at(2026, 9, 25), {}, {}},              // 18 out: 36 days open, before it
    {at(2026, 9, 5), {}, {}, {}, {}},                            // 19 open at its start, 26 days
  };
  return rows;
}

const Ids k_relevant{1, 2, 4, 5, 6, 7, 8, 12, 16, 17, 19};

// The fixture's store: the tickets above (ticket 1 with every report field,
// tickets 6 and 7 tagged "vpn", ticket 15 updated last) and the history of
// tickets 2 and 6 described in the events test.
struct October {
  October()
    : made(test::fresh_backend()),
      s(made.backend->tickets()),
      reports(made.backend->reports())
  {
    store::Transaction tx(s, store::TxMode::write);
    for (std::size_t i = 0; i < k_rows().size(); ++i) {
      const Row& row = k_rows()[i];
      model::Ticket t = ticket("t" + std::to_string(i + 1), row.created);
      t.first_response = row.first_response;
      t.resolved = row.resolved;
      t.closed = row.closed;
      t.group = row.group;
      if (i + 1 == 1) {
        t.priority = 2;
        t.kind = model::Kind::request;
        t.assignee = "amara";
        t.category = "net";
        t.service = "vpn";
        t.first_response = at(2026, 10, 5, 11);
        t.resolved = at(2026, 10, 6);
        t.closed = at(2026, 10, 9);
        t.response_due = at(2026, 10, 5, 12);
        t.resolution_due = at(2026, 10, 7);
        t.response_business = std::chrono::seconds{3600};
        t.resolution_business = std::chrono::seconds{7200};
      }
      if (i + 1 == 6 || i + 1 == 7) {
        t.tags = {"vpn"};
      }
      if (i + 1 == 15) {
        t.updated = at(2026, 12, 3, 12);
      }
      s.insert(t);
    }
    const auto rows = [](model::TicketId id, util::Time when, const std::string& action,
                         std::vector<std::string> fields) {
      std::vector<model::Event> events;
      for (auto& field : fields) {
        events.push_back(event(id, when, action, std::move(field), "a", "b"));
      }
      if (events.empty()) {
        events.push_back(event(id, when, action, std::nullopt, std::nullopt, std::nullopt, "told"));
      }
      return events;
    };
    for (const auto& action : {
           rows(2, at(2026, 10, 1), "escalate", {}),                          // counted: imported
           rows(2, at(2026, 10, 3, 9), "reopen", {"status", "resolved", "resolution_code"}), // once
           rows(2, at(2026, 10, 4, 9), "escalate", {"group", "escalation_level"}),           // once
           rows(2, at(2026, 10, 4, 9), "escalate", {"group", "escalation_level"}),           // again
           rows(2, at(2026, 10, 5), "escalate_hierarchical", {}),             // counted
           rows(2, at(2026, 10, 6), "escalate", {"group"}),                   // not: no level row
           rows(2, at(2026, 10, 7), "reopen", {"resolved"}),                  // not: no status row
           rows(2, at(2026, 10, 8), "assign", {"assignee"}),                  // not counted
           rows(2, at(2026, 10, 8), "comment", {}),                           // not counted
           rows(2, at(2026, 10, 8), "resolve", {"status"}),                   // not counted
           rows(2, at(2026, 9, 30, 23, 59, 59), "reopen", {"status"}),        // out: before
           rows(2, at(2026, 11, 1), "escalate", {}),                          // out: at the end
           rows(6, at(2026, 10, 10), "reopen", {"status"}),                   // counted
           rows(6, at(2026, 10, 11), "escalate", {"escalation_level"}),       // counted
         }) {
      s.append(action);
    }
    tx.commit();
  }

  // The ids `tickets` visits for `filter`, sorted (its order is unspecified).
  Ids relevant(const store::TicketQuery& filter = {})
  {
    Ids ids;
    store::Transaction tx(s, store::TxMode::read);
    reports.tickets(k_october, filter, [&](const store::ReportTicket& t) { ids.push_back(t.id); });
    tx.commit();
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  // (ticket, at, reopen?) of each event `events` visits, sorted.
  std::vector<std::tuple<model::TicketId, std::int64_t, bool>> counted(const store::TicketQuery& filter = {})
  {
    std::vector<std::tuple<model::TicketId, std::int64_t, bool>> found;
    store::Transaction tx(s, store::TxMode::read);
    reports.events(k_october, filter, [&](const store::ReportEvent& e) {
      found.emplace_back(e.ticket_id, e.at, e.action == store::ReportAction::reopen);
    });
    tx.commit();
    std::sort(found.begin(), found.end());
    return found;
  }

  test::FreshBackend made;
  store::TicketStore& s;
  store::ReportSource& reports;
};

} // namespace

TEST_SUITE("store contract: ReportSource")
{
  TEST_CASE("tickets: those created, responded to, resolved or closed in the window, or open at its start")
  {
    October f;
    CHECK(f.relevant() == k_relevant);
  }

  TEST_CASE("tickets: every field as stored, absent ones absent")
  {
    October f;
    std::map<model::TicketId, store::ReportTicket> seen;
    store::Transaction tx(f.s, store::TxMode::read);
    f.reports.tickets(k_october, {}, [&](const store::ReportTicket& t) { seen[t.id] = t; });
    tx.commit();
    REQUIRE(seen.count(1) == 1);
    const auto& one = seen[1];
    CHECK(one.keys.priority == 2);
    CHECK(one.keys.kind == "request");
    CHECK(one.keys.group == "A");
    CHECK(one.keys.assignee == "amara");
    CHECK(one.keys.category == "net");
    CHECK(one.keys.service == "vpn");
    CHECK(one.created == secs(at(2026, 10, 5, 10)));
    CHECK(one.first_response == secs(at(2026, 10, 5, 11)));
    CHECK(one.resolved == secs(at(2026, 10, 6)));
    CHECK(one.closed == secs(at(2026, 10, 9)));
    CHECK(one.response_due == secs(at(2026, 10, 5, 12)));
    CHECK(one.resolution_due == secs(at(2026, 10, 7)));
    CHECK(one.response_business == 3600);
    CHECK(one.resolution_business == 7200);
    REQUIRE(seen.count(7) == 1);
    const auto& seven = seen[7];
    CHECK(seven.keys.priority == 3);
    CHECK(seven.keys.kind == "incident");
    CHECK(seven.keys.group == "B");
    CHECK_FALSE(seven.keys.assignee);
    CHECK_FALSE(seven.keys.category);
    CHECK_FALSE(seven.keys.service);
    CHECK(seven.created == secs(at(2026, 1, 1)));
    CHECK_FALSE(seven.first_response);
    CHECK_FALSE(seven.resolved);
    CHECK_FALSE(seven.closed);
    CHECK_FALSE(seven.response_due);
    CHECK_FALSE(seven.resolution_due);
    CHECK_FALSE(seven.response_business);
    CHECK_FALSE(seven.resolution_business);
  }

  TEST_CASE("tickets: the filter applies, its sort and limit do not")
  {
    October f;
    store::TicketQuery group;
    group.groups = {"B"};
    CHECK(f.relevant(group) == Ids{2, 4, 7});
    group.sort = store::parse_sort("-created");
    group.limit = 1;
    CHECK(f.relevant(group) == Ids{2, 4, 7});
    store::TicketQuery tagged;
    tagged.tags = {"vpn"};
    CHECK(f.relevant(tagged) == Ids{6, 7});
    store::TicketQuery priority;
    priority.priorities = {2};
    CHECK(f.relevant(priority) == Ids{1});
  }

  TEST_CASE("events: one per reopen and escalation action in the window")
  {
    October f;
    const auto s = [](util::Time t) { return secs(t); };
    using E = std::tuple<model::TicketId, std::int64_t, bool>;
    CHECK(f.counted() == std::vector<E>{
                           {2, s(at(2026, 10, 1)), false},
                           {2, s(at(2026, 10, 3, 9)), true},
                           {2, s(at(2026, 10, 4, 9)), false},
                           {2, s(at(2026, 10, 4, 9)), false},
                           {2, s(at(2026, 10, 5)), false},
                           {6, s(at(2026, 10, 10)), true},
                           {6, s(at(2026, 10, 11)), false},
                         });
    store::TicketQuery group;
    group.groups = {"A"};
    CHECK(f.counted(group) == std::vector<E>{{6, s(at(2026, 10, 10)), true}, {6, s(at(2026, 10, 11)), false}});
    store::TicketQuery tagged;
    tagged.tags = {"vpn"};
    CHECK(f.counted(tagged).size() == 2);
  }

  TEST_CASE("events carry the keys of their ticket as it is now")
  {
    October f;
    {
      store::Transaction tx(f.s, store::TxMode::write);
      auto six = f.s.find(6).value();
      six.group = "C";
      six.priority = 1;
      six.assignee = "bea";
      f.s.update(six);
      tx.commit();
    }
    std::vector<store::ReportKeys> keys;
    store::Transaction tx(f.s, store::TxMode::read);
    store::TicketQuery query;
    query.groups = {"C"};
    f.reports.events(k_october, query, [&](const store::ReportEvent& e) { keys.push_back(e.keys); });
    tx.commit();
    REQUIRE(keys.size() == 2);
    for (const auto& k : keys) {
      CHECK(k.group == "C");
      CHECK(k.priority == 1);
      CHECK(k.assignee == "bea");
      CHECK(k.kind == "incident");
    }
  }

  TEST_CASE("both streams and latest_change read the snapshot of their read transaction")
  {
    const auto shared = test::shared_store();
    auto reader = shared->connect();
    auto writer = shared->connect();
    auto& w = writer->tickets();
    const auto first = add(w, ticket("first", at(2026, 10, 2)));
    add_events(w, {event(first, at(2026, 10, 3), "reopen", "status", "resolved", "in_progress")});

    std::size_t tickets = 0;
    std::size_t events = 0;
    std::optional<std::int64_t> latest;
    {
      store::Transaction tx(reader->tickets(), store::TxMode::read);
      reader->reports().tickets(k_october, {}, [&](const store::ReportTicket&) { ++tickets; });
      {
        store::Transaction write(w, store::TxMode::write);
        auto later = ticket("later", at(2026, 10, 4));
        later.updated = at(2026, 10, 20);
        const auto id = w.insert(later);
        w.append({event(id, at(2026, 10, 5), "reopen", "status", "resolved", "in_progress"),
                  event(first, at(2026, 10, 6), "escalate")});
        write.commit();
      }
      reader->reports().events(k_october, {}, [&](const store::ReportEvent&) { ++events; });
      latest = reader->reports().latest_change();
      tx.commit();
    }
    CHECK(tickets == 1);
    CHECK(events == 1);
    CHECK(latest == secs(at(2026, 10, 2)));
  }

  TEST_CASE("latest_change: the largest `updated`, nothing for an empty store")
  {
    auto empty = test::fresh_backend();
    {
      store::Transaction tx(empty.backend->tickets(), store::TxMode::read);
      CHECK_FALSE(empty.backend->reports().latest_change());
      tx.commit();
    }
    October f;
    store::Transaction tx(f.s, store::TxMode::read);
    CHECK(f.reports.latest_change() == secs(at(2026, 12, 3, 12)));
    CHECK(&f.made.backend->reports() == &f.reports); // one object per backend
    tx.commit();
  }
}

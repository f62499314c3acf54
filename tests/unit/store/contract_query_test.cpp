// The store contract, part 2: for_each with every filter and every sort of
// TicketQuery, on four tickets whose expected orders are worked out by hand
// below. Every backend must pass these (see contract_support.hpp).

#include "tests/unit/store/contract_support.hpp"

#include "lib/store/query.hpp"

#include <algorithm>
#include <map>

using namespace sdesk;
using namespace sdesk::test::contract;
using test::at;
using Ids = std::vector<model::TicketId>;

namespace {

// The four tickets (d1..d9: January 1..9, 2026):
//        prio status   kind     title   created upd  resolved closed grp  assignee requester category service esc resp_due resol_due tags      ref
//   T1   3    pending  request  "beta"  d3      d5   -        -      b    -        Zed       net      -       1   d4       -         vpn,wifi  R-1
//   T2   1    new      incident "Alpha" d1      d6   -        -      -    amara    bob       -        vpn     0   d2       d9        vpn       -
//   T3   3    closed   change   "alpha" d2      d2   d2 01:00 d3     a    Bea      -         hw       mail    2   -        d5        -         R-3
//   T4   2    resolved problem  "Alpha" d4      d4   d4       -      b    amara    bob       net      vpn     0   d1       d5        wifi      -
struct Four {
  Four()
    : made(test::fresh_backend()),
      s(made.backend->tickets())
  {
    const auto d = [](unsigned day, int hour = 0) { return at(2026, 1, day, hour); };
    model::Ticket t1 = ticket("beta", d(3));
    t1.priority = 3;
    t1.status = model::Status::pending;
    t1.kind = model::Kind::request;
    t1.updated = d(5);
    t1.group = "b";
    t1.requester = "Zed";
    t1.category = "net";
    t1.escalation_level = 1;
    t1.response_due = d(4);
    t1.tags = {"vpn", "wifi"};
    t1.ref = "R-1";

    model::Ticket t2 = ticket("Alpha", d(1));
    t2.priority = 1;
    t2.status = model::Status::new_;
    t2.kind = model::Kind::incident;
    t2.updated = d(6);
    t2.assignee = "amara";
    t2.requester = "bob";
    t2.service = "vpn";
    t2.response_due = d(2);
    t2.resolution_due = d(9);
    t2.tags = {"vpn"};

    model::Ticket t3 = ticket("alpha", d(2));
    t3.priority = 3;
    t3.status = model::Status::closed;
    t3.kind = model::Kind::change;
    t3.resolved = d(2, 1);
    t3.closed = d(3);
    t3.group = "a";
    t3.assignee = "Bea";
    t3.category = "hw";
    t3.service = "mail";
    t3.escalation_level = 2;
    t3.resolution_due = d(5);
    t3.ref = "R-3";

    model::Ticket t4 = ticket("Alpha", d(4));
    t4.priority = 2;
    t4.status = model::Status::resolved;
    t4.kind = model::Kind::problem;
    t4.resolved = d(4);
    t4.group = "b";
    t4.assignee = "amara";
    t4.requester = "bob";
    t4.category = "net";
    t4.service = "vpn";
    t4.response_due = d(1);
    t4.resolution_due = d(5);
    t4.tags = {"wifi"};

    store::Transaction tx(s, store::TxMode::write);
    for (const auto& t : {t1, t2, t3, t4}) {
      s.insert(t);
    }
    tx.commit();
  }

  Ids sorted(std::string_view keys, std::optional<std::int64_t> limit = std::nullopt)
  {
    store::TicketQuery q;
    q.sort = store::parse_sort(keys);
    q.limit = limit;
    return ids(s, q);
  }

  test::FreshBackend made;
  store::TicketStore& s;
};

// Expected orders, ascending and descending, for every sortable field.
const std::map<std::string, std::pair<Ids, Ids>>& k_sort_expectations()
{
  static const std::map<std::string, std::pair<Ids, Ids>> expected{
    {"id", {{1, 2, 3, 4}, {4, 3, 2, 1}}},
    {"priority", {{2, 4, 1, 3}, {1, 3, 4, 2}}},         // 1, 2, 3 3 (ties by id)
    {"status", {{2, 1, 4, 3}, {3, 4, 1, 2}}},           // new, pending, resolved, closed
    {"kind", {{3, 2, 4, 1}, {1, 4, 2, 3}}},             // change, incident, problem, request
    {"title", {{2, 4, 3, 1}, {1, 3, 2, 4}}},            // "Alpha" x2 < "alpha" < "beta" (bytes)
    {"created", {{2, 3, 1, 4}, {4, 1, 3, 2}}},
    {"updated", {{3, 4, 1, 2}, {2, 1, 4, 3}}},
    {"resolved", {{1, 2, 3, 4}, {4, 3, 1, 2}}},         // absent first; last when descending
    {"closed", {{1, 2, 4, 3}, {3, 1, 2, 4}}},
    {"group", {{2, 3, 1, 4}, {1, 4, 3, 2}}},
    {"assignee", {{1, 3, 2, 4}, {2, 4, 3, 1}}},         // -, "Bea" < "amara"
    {"requester", {{3, 1, 2, 4}, {2, 4, 1, 3}}},        // -, "Zed" < "bob"
    {"category", {{2, 3, 1, 4}, {1, 4, 3, 2}}},
    {"service", {{1, 3, 2, 4}, {2, 4, 3, 1}}},
    {"escalation_level", {{2, 4, 1, 3}, {3, 1, 2, 4}}},
    {"response_due", {{3, 4, 2, 1}, {1, 2, 4, 3}}},
    {"resolution_due", {{1, 3, 4, 2}, {2, 3, 4, 1}}},
  };
  return expected;
}

} // namespace

TEST_SUITE("store contract: TicketQuery")
{
  TEST_CASE("every sortable field sorts both ways, absent values first, ties by id")
  {
    Four f;
    for (const auto& field : store::sortable_fields()) {
      CAPTURE(field);
      const auto expected = k_sort_expectations().find(field);
      REQUIRE_MESSAGE(expected != k_sort_expectations().end(),
                      "a new sortable field needs its expected order here");
      CHECK(f.sorted(field) == expected->second.first);
      CHECK(f.sorted("-" + field) == expected->second.second);
    }
    CHECK(f.sorted("") == Ids{1, 2, 3, 4}); // default: by id
  }

  TEST_CASE("several sort keys, and a limit applied after sorting")
  {
    Four f;
    CHECK(f.sorted("-priority,title") == Ids{3, 1, 4, 2});
    CHECK(f.sorted("group,-created") == Ids{2, 3, 4, 1});
    CHECK(f.sorted("priority", 2) == Ids{2, 4});
    CHECK(f.sorted("-id", 1) == Ids{4});
    CHECK(f.sorted("id", 10) == Ids{1, 2, 3, 4});
    CHECK(f.sorted("id", 0).empty());
  }

  TEST_CASE("every filter; values of one filter are alternatives, filters all apply")
  {
    Four f;
    const auto query = [&](auto fill) {
      store::TicketQuery q;
      fill(q);
      return ids(f.s, q);
    };
    using Q = store::TicketQuery;
    CHECK(query([](Q&) {}) == Ids{1, 2, 3, 4});
    CHECK(query([](Q& q) { q.statuses = {model::Status::new_, model::Status::closed}; }) == Ids{2, 3});
    CHECK(query([](Q& q) { q.open_only = true; }) == Ids{1, 2});
    CHECK(query([](Q& q) { q.kinds = {model::Kind::incident, model::Kind::problem}; }) == Ids{2, 4});
    CHECK(query([](Q& q) { q.priorities = {3}; }) == Ids{1, 3});
    CHECK(query([](Q& q) { q.priorities = {1, 2}; }) == Ids{2, 4});
    CHECK(query([](Q& q) { q.groups = {"b"}; }) == Ids{1, 4});
    CHECK(query([](Q& q) { q.groups = {"a", "b"}; }) == Ids{1, 3, 4});
    CHECK(query([](Q& q) { q.assignees = {"amara"}; }) == Ids{2, 4});
    CHECK(query([](Q& q) { q.assignees = {"Amara"}; }).empty()); // exact, case included
    CHECK(query([](Q& q) { q.requesters = {"bob"}; }) == Ids{2, 4});
    CHECK(query([](Q& q) { q.categories = {"net"}; }) == Ids{1, 4});
    CHECK(query([](Q& q) { q.services = {"vpn", "mail"}; }) == Ids{2, 3, 4});
    CHECK(query([](Q& q) { q.refs = {"R-3"}; }) == Ids{3});
    CHECK(query([](Q& q) { q.refs = {"R-1", "R-3", "R-9"}; }) == Ids{1, 3});
    CHECK(query([](Q& q) { q.tags = {"vpn"}; }) == Ids{1, 2});
    CHECK(query([](Q& q) { q.tags = {"vpn", "wifi"}; }) == Ids{1}); // all of them
    CHECK(query([](Q& q) { q.tags = {"nope"}; }).empty());
    CHECK(query([](Q& q) { q.unassigned = true; }) == Ids{1});
    CHECK(query([](Q& q) { q.created_since = at(2026, 1, 2); }) == Ids{1, 3, 4}); // inclusive
    CHECK(query([](Q& q) { q.created_until = at(2026, 1, 3); }) == Ids{2, 3});    // exclusive
    CHECK(query([](Q& q) { q.updated_since = at(2026, 1, 5); }) == Ids{1, 2});
    CHECK(query([](Q& q) { q.updated_until = at(2026, 1, 4); }) == Ids{3});
    CHECK(query([](Q& q) {
            q.created_since = at(2026, 1, 2);
            q.created_until = at(2026, 1, 4);
          }) == Ids{1, 3});
    CHECK(query([](Q& q) {
            q.groups = {"b"};
            q.open_only = true;
          }) == Ids{1});
    CHECK(query([](Q& q) {
            q.kinds = {model::Kind::problem};
            q.assignees = {"amara"};
            q.tags = {"wifi"};
          }) == Ids{4});
    CHECK(query([](Q& q) {
            q.open_only = true;
            q.statuses = {model::Status::closed};
          }).empty());
  }

  TEST_CASE("a filter and a sort together, with a limit")
  {
    Four f;
    store::TicketQuery q;
    q.services = {"vpn", "mail"};
    q.sort = store::parse_sort("-created");
    q.limit = 2;
    CHECK(ids(f.s, q) == Ids{4, 3});
  }
}

TEST_SUITE("store contract: TicketQuery")
{
  TEST_CASE("for_each over more tickets than a backend reads at once, in and out of a transaction")
  {
    // 2,500 tickets: PostgreSQL fetches its cursor 1,000 rows at a time.
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    {
      store::Transaction tx(s, store::TxMode::write);
      for (int i = 0; i < 2500; ++i) {
        s.insert(ticket("t" + std::to_string(i), at(2026, 1, 1)));
      }
      tx.commit();
    }
    store::TicketQuery q;
    q.sort = store::parse_sort("-id");
    const auto visit_all = [&] {
      Ids seen;
      s.for_each(q, [&](const model::Ticket& t) {
        seen.push_back(t.id);
        if (t.id % 700 == 0) { // the visitor reads the store between fetches
          CHECK(s.find(t.id)->title == "t" + std::to_string(t.id - 1));
          CHECK(s.events(t.id).empty());
        }
      });
      return seen;
    };
    Ids expected(2500);
    for (int i = 0; i < 2500; ++i) {
      expected[static_cast<std::size_t>(i)] = 2500 - i;
    }
    CHECK(visit_all() == expected); // outside a transaction
    {
      store::Transaction tx(s, store::TxMode::read);
      CHECK(visit_all() == expected);
      CHECK(visit_all() == expected); // twice in one transaction
      tx.commit();
    }
    q.limit = 1500;
    expected.resize(1500);
    CHECK(visit_all() == expected);
  }
}

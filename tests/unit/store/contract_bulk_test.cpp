// The store contract, part 3: bulk loading (BulkSession, begin_bulk_load,
// finish_bulk_load), as an import uses it. Whatever a backend trades for
// speed meanwhile, what it stores and reads must be the same as without.
// Every backend must pass these (see contract_support.hpp).

#include "tests/unit/store/contract_support.hpp"

#include "lib/model/limits.hpp"
#include "lib/store/query.hpp"

using namespace sdesk;
using namespace sdesk::test::contract;
using test::at;
using Ids = std::vector<model::TicketId>;

namespace {

// Ticket `i` of a load: every third one tagged and in group "b", every
// fourth resolved, each with two events; refs "L-<i>".
model::Ticket loaded(int i)
{
  model::Ticket t = ticket("loaded " + std::to_string(i), at(2026, 2, 1) + std::chrono::hours{i});
  t.ref = "L-" + std::to_string(i);
  t.priority = 1 + i % 4;
  if (i % 3 == 0) {
    t.tags = {"bulk"};
    t.group = "b";
  }
  if (i % 4 == 0) {
    t.status = model::Status::resolved;
    t.resolved = t.created + std::chrono::hours{1};
  }
  return t;
}

// Loads tickets [first, first + n) with their events, the way an import
// does; commits unless `commit` is false. Returns the ids given.
Ids load(store::TicketStore& s, int first, int n, bool commit = true)
{
  Ids given;
  store::BulkSession session(s);
  store::Transaction tx(s, store::TxMode::write);
  s.begin_bulk_load();
  for (int i = first; i < first + n; ++i) {
    const auto t = loaded(i);
    const auto id = s.insert(t);
    given.push_back(id);
    s.append({event(id, t.created, "open", "title", std::nullopt, t.title),
              event(id, t.created, "comment", std::nullopt, std::nullopt, std::nullopt,
                    "loaded " + std::to_string(i))});
    if (i == first) {
      // A history read in the middle of a load (import looks up what it
      // appends to) sees what was appended so far.
      CHECK(s.events(id).size() == 2);
    }
  }
  if (commit) {
    s.finish_bulk_load();
    tx.commit();
  }
  return given;
}

} // namespace

TEST_SUITE("store contract: bulk load")
{
  TEST_CASE("a bulk load into an empty store stores and reads as ordinary writes do")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    const auto given = load(s, 1, 40);
    CHECK(given.front() == 1);
    CHECK(given.back() == 40);
    CHECK(ticket_count(s) == 40);
    check_same(loaded(7), s.find(7).value());
    CHECK(s.find_by_ref("L-12") == 12);
    CHECK(s.events(40).size() == 2);
    CHECK(s.events(40)[1].note == "loaded 40");

    store::TicketQuery tagged;
    tagged.tags = {"bulk"};
    tagged.open_only = true;
    tagged.sort = store::parse_sort("-created");
    tagged.limit = 3;
    CHECK(ids(s, tagged) == Ids{39, 33, 30}); // 36 is resolved
    store::TicketQuery group;
    group.groups = {"b"};
    group.priorities = {1};
    CHECK(ids(s, group) == Ids{12, 24, 36}); // i % 3 == 0 and i % 4 == 0

    // Ordinary writes work afterwards, with their checks.
    const auto next = add(s, ticket("after", at(2026, 3, 1)));
    CHECK(next == 41);
    store::Transaction tx(s, store::TxMode::write);
    CHECK(error_kind([&] {
            s.insert(ticket(std::string(model::limit(model::Limited::title) + 1, 'x'), at(2026, 3, 1)));
          }) == ErrorKind::usage);
  }

  TEST_CASE("a bulk load into a store that holds tickets keeps them")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    const auto kept = add(s, ticket("kept", at(2026, 1, 1)));
    add_events(s, {event(kept, at(2026, 1, 1), "open")});
    const auto given = load(s, 1, 10);
    CHECK(given.front() == 2);
    CHECK(ticket_count(s) == 11);
    CHECK(s.find(kept)->title == "kept");
    CHECK(s.events(kept).size() == 1);
    CHECK(s.find_by_ref("L-10") == 11);
  }

  TEST_CASE("a bulk load rolled back leaves nothing, and the store works as before")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    load(s, 1, 20, false); // rolled back at the end of load()
    CHECK(ticket_count(s) == 0);
    CHECK_FALSE(s.find_by_ref("L-1"));
    const auto id = add(s, ticket("first", at(2026, 3, 1)));
    add_events(s, {event(id, at(2026, 3, 1), "open")});
    CHECK(s.events(id).size() == 1);
    store::TicketQuery open;
    open.open_only = true;
    CHECK(ids(s, open) == Ids{id});
    // An event of a ticket that is not stored is refused again.
    store::Transaction tx(s, store::TxMode::write);
    CHECK(error_kind([&] { s.append({event(id + 5, at(2026, 3, 1), "comment")}); }) == ErrorKind::store);
  }
}

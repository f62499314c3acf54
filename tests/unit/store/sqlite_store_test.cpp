#include "tests/unit/fixture.hpp"

#include "lib/store/query.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using test::at;

namespace {

model::Ticket ticket(std::string title, model::Status status, int priority, util::Time created)
{
  model::Ticket t;
  t.title = std::move(title);
  t.status = status;
  t.priority = priority;
  t.group = "service-desk";
  t.created = created;
  t.updated = created;
  return t;
}

std::vector<model::TicketId> ids(store::TicketStore& s, const store::TicketQuery& q)
{
  std::vector<model::TicketId> result;
  s.for_each(q, [&](const model::Ticket& t) { result.push_back(t.id); });
  return result;
}

} // namespace

TEST_SUITE("store::SqliteStore")
{
  TEST_CASE("insert and find round-trip every field")
  {
    auto s = test::memory_store();
    model::Ticket t = ticket("VPN down", model::Status::assigned, 1, at(2026, 1, 2, 3));
    t.ref = "INC0001";
    t.kind = model::Kind::problem;
    t.description = "multi\nline";
    t.impact = model::Level::high;
    t.urgency = model::Level::low;
    t.category = "network";
    t.service = "vpn";
    t.assignee = "alice";
    t.requester = "bob";
    t.escalation_level = 2;
    t.tags = {"a", "b"};
    t.first_response = at(2026, 1, 2, 4);
    t.resolved = at(2026, 1, 3);
    t.closed = at(2026, 1, 8);
    t.resolution_code = "fixed";
    t.resolution_note = "note";
    t.response_due = at(2026, 1, 2, 5);
    t.resolution_due = at(2026, 1, 4);
    t.id = s->insert(t);
    CHECK(t.id == 1);
    const auto back = s->find(1);
    REQUIRE(back);
    CHECK(model::diff(t, *back).empty());
    CHECK(back->created == t.created);
    CHECK(s->find_by_ref("INC0001") == 1);
    CHECK_FALSE(s->find(2));
  }

  TEST_CASE("update replaces state and tags")
  {
    auto s = test::memory_store();
    model::Ticket t = ticket("x", model::Status::new_, 3, at(2026, 1, 1));
    t.tags = {"old"};
    t.id = s->insert(t);
    t.tags = {"new1", "new2"};
    t.assignee = "carol";
    s->update(t);
    const auto back = s->find(t.id);
    CHECK(back->tags == std::vector<std::string>{"new1", "new2"});
    CHECK(back->assignee == "carol");
  }

  TEST_CASE("queries filter, sort and limit")
  {
    auto s = test::memory_store();
    s->insert(ticket("a", model::Status::new_, 3, at(2026, 1, 1)));
    s->insert(ticket("b", model::Status::resolved, 1, at(2026, 1, 2)));
    auto c = ticket("c", model::Status::pending, 1, at(2026, 1, 3));
    c.tags = {"vpn"};
    s->insert(c);

    store::TicketQuery open;
    open.open_only = true;
    CHECK(ids(*s, open) == std::vector<model::TicketId>{1, 3});

    store::TicketQuery by_priority;
    by_priority.sort = store::parse_sort("priority,-created");
    CHECK(ids(*s, by_priority) == std::vector<model::TicketId>{3, 2, 1});

    store::TicketQuery tagged;
    tagged.tags = {"vpn"};
    CHECK(ids(*s, tagged) == std::vector<model::TicketId>{3});

    store::TicketQuery window;
    window.created_since = at(2026, 1, 2);
    window.created_until = at(2026, 1, 3); // exclusive
    CHECK(ids(*s, window) == std::vector<model::TicketId>{2});

    store::TicketQuery limited;
    limited.limit = 1;
    limited.statuses = {model::Status::pending, model::Status::new_};
    CHECK(ids(*s, limited) == std::vector<model::TicketId>{1});
  }

  TEST_CASE("parse_sort rejects unknown fields with a suggestion")
  {
    try {
      store::parse_sort("priorty");
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::usage);
      CHECK(std::string(e.what()).find("did you mean 'priority'") != std::string::npos);
    }
  }

  TEST_CASE("a rolled-back transaction leaves nothing behind")
  {
    auto s = test::memory_store();
    {
      store::Transaction tx(*s, store::TxMode::write);
      s->insert(ticket("lost", model::Status::new_, 3, at(2026, 1, 1)));
    }
    CHECK_FALSE(s->find(1));
  }

  TEST_CASE("--open is answered from the status index, not a table scan")
  {
    auto s = test::memory_store();
    store::TicketQuery open;
    open.open_only = true;
    const std::string plan = s->query_plan(open);
    CHECK(plan.find("INDEX ticket_by_status") != std::string::npos);
    CHECK(plan.find("SCAN ticket") == std::string::npos);
  }

  TEST_CASE("a queue view (--group G --open) and an agent's tickets use an index, not a scan")
  {
    auto s = test::memory_store();
    store::TicketQuery queue;
    queue.open_only = true;
    queue.groups = {"second-line"};
    std::string plan = s->query_plan(queue);
    CAPTURE(plan);
    CHECK(plan.find("INDEX ticket_by_status") != std::string::npos);
    CHECK(plan.find("SCAN ticket") == std::string::npos);
    store::TicketQuery mine;
    mine.assignees = {"amara"};
    plan = s->query_plan(mine);
    CHECK(plan.find("INDEX ticket_by_assignee") != std::string::npos);
    CHECK(plan.find("SCAN ticket") == std::string::npos);
  }

  TEST_CASE("listing open tickets by status uses an index, not a scan")
  {
    auto s = test::memory_store();
    auto plan = s->database().prepare(
      "EXPLAIN QUERY PLAN SELECT id FROM ticket WHERE status IN ('new','assigned')");
    std::string details;
    while (plan.step()) {
      details += plan.get_text(3) + ";";
    }
    CHECK(details.find("INDEX ticket_by_status") != std::string::npos);
    CHECK(details.find("SCAN") == std::string::npos);
  }
}

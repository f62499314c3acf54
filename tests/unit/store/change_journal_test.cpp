#include "tests/unit/fixture.hpp"

#include "lib/ops/open_ticket.hpp"
#include "lib/ops/workflow.hpp"
#include "lib/store/change_journal.hpp"

#include <doctest/doctest.h>

using namespace sdesk;

namespace {

model::Event event(model::TicketId ticket, std::string action)
{
  return {0, ticket, test::at(2026, 11, 2, 9), "agent", model::parse_action(action), "status",
          std::nullopt, std::string("new"), std::nullopt, std::nullopt};
}

} // namespace

TEST_SUITE("store::ChangeJournal")
{
  TEST_CASE("nothing committed: an empty description")
  {
    store::ChangeJournal journal;
    CHECK(journal.describe().empty());
    journal.begin();
    journal.created(7);
    journal.appended({event(7, "open")});
    journal.rollback();
    CHECK(journal.describe().empty());
  }

  TEST_CASE("one ticket created; its own events are not a change")
  {
    store::ChangeJournal journal;
    journal.begin();
    journal.created(12);
    journal.appended({event(12, "open"), event(12, "open")});
    journal.commit();
    CHECK(journal.describe() == "ticket 12 was created");
  }

  TEST_CASE("changes name the ticket and the actions; a second begin drops unfinished notes")
  {
    store::ChangeJournal journal;
    journal.begin();
    journal.created(99); // never committed
    journal.begin();
    journal.appended({event(3, "comment"), event(3, "comment")});
    journal.commit();
    CHECK(journal.describe() == "ticket 3 was changed (comment)");
    journal.begin();
    journal.appended({event(4, "escalate"), event(5, "escalate")});
    journal.commit();
    CHECK(journal.describe() == "3 tickets were changed (comment, escalate)");
  }

  TEST_CASE("an import: many created, some changed")
  {
    store::ChangeJournal journal;
    journal.begin();
    journal.appended({event(2, "update")});
    for (model::TicketId id = 10; id < 130; ++id) {
      journal.created(id);
    }
    journal.appended({event(10, "open"), event(129, "resolve")});
    journal.commit();
    CHECK(journal.describe() == "120 tickets were created and 1 changed (update)");
  }

  TEST_CASE("the store notes what its transactions commit")
  {
    test::Desk desk;
    store::ChangeJournal journal;
    desk.store->note_changes_in(journal);
    auto ctx = desk.ctx();
    ops::OpenRequest r;
    r.title = "Printer jammed";
    const auto t = ops::open_ticket(ctx, r);
    CHECK(journal.describe() == "ticket 1 was created");
    ops::comment(ctx, t.id, "looking");
    CHECK(journal.describe() == "ticket 1 was created and 1 changed (comment)");
    CHECK_THROWS(ops::comment(ctx, 42, "no such ticket"));
    CHECK(journal.describe() == "ticket 1 was created and 1 changed (comment)");
  }
}

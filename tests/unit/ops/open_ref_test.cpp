#include "tests/unit/fixture.hpp"

#include "lib/model/limits.hpp"
#include "lib/ops/open_ticket.hpp"
#include "lib/util/error.hpp"

#include <string>
#include <vector>

#include <doctest/doctest.h>

using namespace sdesk;

TEST_SUITE("ops::open_or_find")
{
  TEST_CASE("a stored ref: nothing is created or changed, the stored ticket is returned")
  {
    test::Desk desk;
    auto ctx = desk.ctx();
    ops::OpenRequest r;
    r.title = "Disk full on db1";
    r.ref = "nagios-db1-disk";
    const auto first = ops::open_or_find(ctx, r);
    CHECK_FALSE(first.existed);
    CHECK(first.ticket.ref == "nagios-db1-disk");
    const auto events = desk.count("ticket_event");
    r.title = "Disk full on db1, again";
    r.impact = model::Level::high;
    const auto again = ops::open_or_find(ctx, r);
    CHECK(again.existed);
    CHECK(again.ticket.id == first.ticket.id);
    CHECK(again.ticket.title == "Disk full on db1");
    CHECK(again.ticket.priority == first.ticket.priority);
    CHECK(desk.count("ticket") == 1);
    CHECK(desk.count("ticket_event") == events);
  }

  TEST_CASE("a bad ref is refused before anything is stored")
  {
    test::Desk desk;
    auto ctx = desk.ctx();
    ops::OpenRequest r;
    r.title = "x";
    for (const auto& bad : std::vector<std::string>{"", "  ", "a\nb", "tab\there", std::string(model::limit(model::Limited::short_text) + 1, 'r')}) {
      r.ref = bad;
      CHECK_THROWS_AS(ops::open_or_find(ctx, r), Error);
    }
    r.ref = std::string(255, 'r');
    CHECK_FALSE(ops::open_or_find(ctx, r).existed);
    CHECK(desk.count("ticket") == 1);
  }
}

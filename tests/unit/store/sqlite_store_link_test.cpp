#include "tests/unit/fixture.hpp"

#include "lib/model/link.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using test::at;

namespace {

model::TicketId add_ticket(store::TicketStore& s, std::string title)
{
  model::Ticket t;
  t.title = std::move(title);
  t.created = at(2026, 1, 2);
  t.updated = t.created;
  return s.insert(t);
}

} // namespace

TEST_SUITE("store::SqliteStore links")
{
  TEST_CASE("add, list from both ends, remove")
  {
    auto s = test::memory_store();
    const auto a = add_ticket(*s, "a");
    const auto b = add_ticket(*s, "b");
    const auto c = add_ticket(*s, "c");
    const model::Link ab = model::make_link(a, "caused-by", b);
    const model::Link ca = model::make_link(c, "relates-to", a);
    CHECK(s->add_link(ab));
    CHECK_FALSE(s->add_link(ab)); // stored once
    CHECK(s->add_link(ca));
    CHECK(s->links(a) == std::vector<model::Link>{ab, ca});
    CHECK(s->links(b) == std::vector<model::Link>{ab});
    CHECK(s->links(c) == std::vector<model::Link>{ca});
    CHECK(s->remove_link(ab));
    CHECK_FALSE(s->remove_link(ab));
    CHECK(s->links(a) == std::vector<model::Link>{ca});
    CHECK(s->links(b).empty());
  }

  TEST_CASE("a link to a ticket that is not stored is refused by the store")
  {
    auto s = test::memory_store();
    const auto a = add_ticket(*s, "a");
    CHECK_THROWS_AS(s->add_link(model::make_link(a, "blocks", 99)), Error);
    CHECK(s->links(a).empty());
  }
}

#include "tests/unit/fixture.hpp"

#include "lib/ops/link.hpp"
#include "lib/ops/open_ticket.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using test::at;

namespace {

model::TicketId open(ops::Context& ctx, std::string title)
{
  ops::OpenRequest r;
  r.title = std::move(title);
  return ops::open_ticket(ctx, r).id;
}

} // namespace

TEST_SUITE("ops::link")
{
  TEST_CASE("a link is one row, an event with data on both tickets, and moves both updated")
  {
    test::Desk desk;
    auto ctx = desk.ctx();
    const auto a = open(ctx, "a");
    const auto b = open(ctx, "b");
    desk.now = at(2026, 11, 3);
    ctx.now = desk.now;
    const auto events_before = desk.count("ticket_event");
    const auto result = ops::link_tickets(ctx, b, "causes", a);
    CHECK(result.changed);
    CHECK(result.link == model::Link{a, "caused-by", b});
    CHECK(desk.store->links(a) == std::vector<model::Link>{result.link});
    CHECK(desk.store->links(b) == std::vector<model::Link>{result.link});
    CHECK(desk.count("ticket_event") == events_before + 2);
    const auto ea = desk.store->events(a).back();
    CHECK(ea.action == model::Action::link);
    CHECK(ea.data == R"({"type":"caused-by","target":2})");
    CHECK(ea.at == desk.now);
    const auto eb = desk.store->events(b).back();
    CHECK(eb.data == R"({"type":"causes","target":1})");
    CHECK(desk.store->find(a)->updated == desk.now);
    CHECK(desk.store->find(b)->updated == desk.now);

    CHECK_FALSE(ops::link_tickets(ctx, a, "caused-by", b).changed); // a repeat writes nothing
    CHECK(desk.count("ticket_event") == events_before + 2);

    const auto removed = ops::unlink_tickets(ctx, a, "caused-by", b);
    CHECK(removed.changed);
    CHECK(desk.store->links(a).empty());
    CHECK(desk.store->events(b).back().action == model::Action::unlink);
    CHECK_FALSE(ops::unlink_tickets(ctx, a, "caused-by", b).changed);
  }

  TEST_CASE("refusals leave the store unchanged")
  {
    test::Desk desk;
    auto ctx = desk.ctx();
    const auto a = open(ctx, "a");
    const auto b = open(ctx, "b");
    const auto events = desk.count("ticket_event");
    const auto expect_refused = [&](ErrorKind kind, auto&& call) {
      try {
        call();
        FAIL("accepted");
      } catch (const Error& e) {
        CHECK(e.kind() == kind);
      }
      CHECK(desk.count("ticket_event") == events);
      CHECK(desk.store->links(a).empty());
      CHECK(desk.store->links(b).empty());
    };
    expect_refused(ErrorKind::usage, [&] { ops::link_tickets(ctx, a, "nope", b); });
    expect_refused(ErrorKind::usage, [&] { ops::link_tickets(ctx, a, "blocks", a); });
    expect_refused(ErrorKind::not_found, [&] { ops::link_tickets(ctx, a, "blocks", 99); });
    desk.now = at(2026, 1, 1); // before both tickets were opened
    auto early = desk.ctx();
    expect_refused(ErrorKind::refused, [&] { ops::link_tickets(early, a, "blocks", b); });
  }
}

#include "tests/unit/fixture.hpp"

#include "lib/ops/open_ticket.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

using namespace sdesk;

TEST_SUITE("ops::open_ticket")
{
  TEST_CASE("defaults: default group, requester is the actor, priority from the matrix")
  {
    test::Desk desk;
    auto ctx = desk.as("bob");
    ops::OpenRequest r;
    r.title = "Printer jammed";
    r.impact = model::Level::high;
    r.urgency = model::Level::medium;
    const auto t = ops::open_ticket(ctx, r);
    CHECK(t.id == 1);
    CHECK(t.status == model::Status::new_);
    CHECK(t.group == "service-desk");
    CHECK(t.requester == "bob");
    CHECK(t.priority == 2); // high x medium
    CHECK(t.created == desk.now);
    const auto events = desk.store->events(1);
    REQUIRE_FALSE(events.empty());
    for (const auto& e : events) {
      CHECK(e.action == model::Action::open);
      CHECK(e.actor == "bob");
    }
  }

  TEST_CASE("an assignee makes it assigned; an explicit priority wins")
  {
    test::Desk desk;
    auto ctx = desk.ctx();
    ops::OpenRequest r;
    r.title = "x";
    r.assignee = "alice";
    r.priority = "P1";
    const auto t = ops::open_ticket(ctx, r);
    CHECK(t.status == model::Status::assigned);
    CHECK(t.priority == 1);
  }

  TEST_CASE("bad input is refused and nothing is written")
  {
    test::Desk desk(R"(
[desk]
categories = ["hardware", "network"]
[agents.alice]
groups = ["service-desk"]
)");
    auto ctx = desk.ctx();
    const auto refused = [&](ops::OpenRequest r, std::string_view fragment) {
      try {
        ops::open_ticket(ctx, r);
        FAIL("accepted");
      } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::usage);
        CHECK(std::string(e.what()).find(fragment) != std::string::npos);
      }
    };
    ops::OpenRequest r;
    r.title = "";
    refused(r, "title: must not be empty");
    r.title = "two\nlines";
    refused(r, "single line");
    r.title = "ok";
    r.category = "hardwar";
    refused(r, "did you mean 'hardware'");
    r.category.reset();
    r.group = "nowhere";
    refused(r, "unknown group 'nowhere'");
    r.group.reset();
    r.assignee = "mallory";
    refused(r, "unknown agent 'mallory'");
    r.assignee.reset();
    r.priority = "P9";
    refused(r, "P1 to P4");
    CHECK(desk.count("ticket") == 0);
    CHECK(desk.count("ticket_event") == 0);
  }
}

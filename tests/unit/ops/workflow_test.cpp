#include "tests/unit/fixture.hpp"

#include "lib/ops/open_ticket.hpp"
#include "lib/ops/read.hpp"
#include "lib/ops/update.hpp"
#include "lib/ops/workflow.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

using namespace sdesk;

namespace {

model::TicketId open_as(test::Desk& desk, const std::string& requester)
{
  auto ctx = desk.as(requester);
  ops::OpenRequest r;
  r.title = "Mail bounces";
  return ops::open_ticket(ctx, r).id;
}

} // namespace

TEST_SUITE("ops::workflow")
{
  TEST_CASE("only a comment by someone other than the requester is a first response")
  {
    test::Desk desk;
    const auto id = open_as(desk, "bob");
    auto bob = desk.as("bob");
    CHECK_FALSE(ops::comment(bob, id, "any news?").first_response);
    desk.now += std::chrono::minutes{30};
    auto alice = desk.as("alice");
    CHECK(ops::comment(alice, id, "on it").first_response == desk.now);
    desk.now += std::chrono::minutes{30};
    CHECK(ops::comment(alice, id, "still on it").first_response
          == desk.now - std::chrono::minutes{30});
  }

  TEST_CASE("a full life: start, pending, resume, resolve, reopen, resolve, close")
  {
    test::Desk desk;
    const auto id = open_as(desk, "bob");
    auto ctx = desk.as("alice");
    auto t = ops::start(ctx, id);
    CHECK(t.status == model::Status::in_progress);
    CHECK(t.assignee == "alice");
    CHECK(ops::set_pending(ctx, id, "waiting for logs").status == model::Status::pending);
    CHECK(ops::start(ctx, id).status == model::Status::in_progress);
    t = ops::resolve(ctx, id, "fixed", std::string("cleared queue"));
    CHECK(t.resolved == desk.now);
    CHECK(t.resolution_code == "fixed");
    t = ops::reopen(ctx, id, "still bouncing");
    CHECK(t.status == model::Status::assigned);
    CHECK_FALSE(t.resolved);
    CHECK_FALSE(t.resolution_code);
    ops::resolve(ctx, id, "workaround", std::nullopt);
    t = ops::close(ctx, id);
    CHECK(t.status == model::Status::closed);
    CHECK(t.closed == desk.now);

    const auto record = ops::read_ticket(*desk.store, id);
    std::vector<std::string> actions;
    for (const auto& e : record.events) {
      if (e.field == "status") {
        actions.push_back(std::string(model::to_string(e.action)) + ":" + e.new_value.value_or(""));
      }
    }
    CHECK(actions
          == std::vector<std::string>{"open:new", "start:in_progress", "pending:pending",
                                      "start:in_progress", "resolve:resolved", "reopen:assigned",
                                      "resolve:resolved", "close:closed"});
  }

  TEST_CASE("invalid transitions are refused and leave the store unchanged")
  {
    test::Desk desk;
    const auto id = open_as(desk, "bob");
    auto ctx = desk.ctx();
    const auto events = desk.count("ticket_event");
    const auto kind_of = [&](const std::function<void()>& action) {
      try {
        action();
      } catch (const Error& e) {
        return e.kind();
      }
      return ErrorKind::internal;
    };
    CHECK(kind_of([&] { ops::close(ctx, id); }) == ErrorKind::refused);
    CHECK(kind_of([&] { ops::reopen(ctx, id, "why"); }) == ErrorKind::refused);
    CHECK(kind_of([&] { ops::resolve(ctx, id, "magic", std::nullopt); }) == ErrorKind::usage);
    CHECK(kind_of([&] { ops::set_pending(ctx, id, " "); }) == ErrorKind::usage);
    CHECK(kind_of([&] { ops::close(ctx, 999); }) == ErrorKind::not_found);
    CHECK(desk.count("ticket_event") == events);
    CHECK(desk.store->find(id)->status == model::Status::new_);
  }

  TEST_CASE("closed is final")
  {
    test::Desk desk;
    const auto id = open_as(desk, "bob");
    auto ctx = desk.ctx();
    ops::resolve(ctx, id, "fixed", std::nullopt);
    ops::close(ctx, id);
    CHECK_THROWS_AS(ops::comment(ctx, id, "late"), Error);
    CHECK_THROWS_AS(ops::reopen(ctx, id, "again"), Error);
    ops::UpdateRequest retitle;
    retitle.title = "new";
    CHECK_THROWS_AS(ops::update(ctx, id, retitle), Error);
  }

  TEST_CASE("update re-derives the priority from impact and urgency")
  {
    test::Desk desk;
    const auto id = open_as(desk, "bob");
    auto ctx = desk.ctx();
    ops::UpdateRequest severity;
    severity.impact = model::Level::high;
    severity.urgency = model::Level::high;
    auto t = ops::update(ctx, id, severity);
    CHECK(t.priority == 1);
    ops::UpdateRequest priority;
    priority.priority = "P3";
    t = ops::update(ctx, id, priority);
    CHECK(t.priority == 3);
    ops::UpdateRequest add;
    add.add_tags = {"Mail", "smtp"};
    t = ops::update(ctx, id, add);
    CHECK(t.tags == std::vector<std::string>{"mail", "smtp"});
    ops::UpdateRequest remove;
    remove.remove_tags = {"mail"};
    t = ops::update(ctx, id, remove);
    CHECK(t.tags == std::vector<std::string>{"smtp"});
  }
}

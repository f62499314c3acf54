#include "tests/unit/fixture.hpp"

#include "lib/ops/open_ticket.hpp"
#include "lib/ops/problem.hpp"
#include "lib/ops/workflow.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using test::at;

namespace {

model::TicketId open_kind(ops::Context& ctx, std::string title, model::Kind kind,
                          std::optional<std::string> service = std::nullopt,
                          std::optional<std::string> category = std::nullopt)
{
  ops::OpenRequest r;
  r.title = std::move(title);
  r.kind = kind;
  r.service = std::move(service);
  r.category = std::move(category);
  return ops::open_ticket(ctx, r).id;
}

std::optional<ErrorKind> kind_of(const std::function<void()>& run)
{
  try {
    run();
  } catch (const Error& e) {
    return e.kind();
  }
  return std::nullopt;
}

} // namespace

TEST_SUITE("ops::problem")
{
  TEST_CASE("link_incidents links all or nothing")
  {
    test::Desk desk;
    auto ctx = desk.ctx();
    const auto p = open_kind(ctx, "p", model::Kind::problem);
    const auto a = open_kind(ctx, "a", model::Kind::incident);
    const auto c = open_kind(ctx, "c", model::Kind::change);
    const auto events = desk.count("ticket_event");
    CHECK(kind_of([&] { ops::link_incidents(ctx, p, {a, c}, ops::LinkChange::link); }) == ErrorKind::refused);
    CHECK(kind_of([&] { ops::link_incidents(ctx, a, {a}, ops::LinkChange::link); }) == ErrorKind::refused);
    CHECK(kind_of([&] { ops::link_incidents(ctx, p, {a, 99}, ops::LinkChange::link); }) == ErrorKind::not_found);
    CHECK(desk.count("ticket_event") == events);
    CHECK(desk.store->links(p).empty());
    const auto done = ops::link_incidents(ctx, p, {a, a}, ops::LinkChange::link);
    REQUIRE(done.size() == 1);
    CHECK(done[0].changed);
    CHECK(desk.store->links(p) == std::vector<model::Link>{{a, "caused-by", p}});
  }

  TEST_CASE("known error: recorded from investigating, refused from new; matched by open")
  {
    test::Desk desk;
    auto ctx = desk.ctx();
    const auto p = open_kind(ctx, "disk", model::Kind::problem, "web", "storage");
    CHECK(kind_of([&] { ops::record_known_error(ctx, p, "r", "w"); }) == ErrorKind::refused);
    ops::start(ctx, p);
    const auto t = ops::record_known_error(ctx, p, "logs", "rotate");
    CHECK(t.status == model::Status::known_error);
    CHECK(t.root_cause == "logs");
    CHECK(desk.store->events(p).back().action == model::Action::known_error);
    ops::OpenRequest r;
    r.title = "full";
    r.service = "web";
    r.category = "storage";
    const auto opened = ops::open_or_find(ctx, r);
    REQUIRE(opened.known_errors.size() == 1);
    CHECK(opened.known_errors[0].id == p);
    CHECK(opened.known_errors[0].workaround == "rotate");
    CHECK(desk.store->links(p).empty()); // nothing linked
    r.category = "network";
    CHECK(ops::open_or_find(ctx, r).known_errors.empty());
  }

  TEST_CASE("resolve_cascade resolves the problem and its open incidents, naming the workaround")
  {
    test::Desk desk;
    auto ctx = desk.ctx();
    const auto p = open_kind(ctx, "disk", model::Kind::problem);
    const auto a = open_kind(ctx, "a", model::Kind::incident);
    const auto b = open_kind(ctx, "b", model::Kind::incident);
    const auto other = open_kind(ctx, "other", model::Kind::incident);
    ops::start(ctx, p);
    ops::record_known_error(ctx, p, "logs", "rotate");
    ops::link_incidents(ctx, p, {a, b}, ops::LinkChange::link);
    ops::resolve(ctx, b, "fixed", std::nullopt);
    CHECK(kind_of([&] { ops::resolve_cascade(ctx, a, "fixed", std::nullopt); }) == ErrorKind::refused);
    const auto done = ops::resolve_cascade(ctx, p, "fixed", std::nullopt);
    CHECK(done.problem.status == model::Status::resolved);
    REQUIRE(done.incidents.size() == 1);
    CHECK(done.incidents[0].id == a);
    CHECK(done.incidents[0].resolution_note == "resolved with problem #1: disk; workaround: rotate");
    CHECK(desk.store->find(other)->status == model::Status::new_);
    CHECK_FALSE(desk.store->find(b)->resolution_note); // resolved before: untouched
  }
}

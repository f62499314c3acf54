// The write path's seam to hooks (lib/ops/hooks.hpp), with a WriteHooks
// of the test's own: every writer reaches it, a refusal leaves the store
// unchanged, a patch is checked like any change, and with post-commit
// consumers every action is queued with a delivery to each.

#include "tests/unit/fixture.hpp"

#include "lib/ops/hooks.hpp"
#include "lib/ops/link.hpp"
#include "lib/ops/open_ticket.hpp"
#include "lib/ops/write.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

#include <functional>

using namespace sdesk;

namespace {

class FakeHooks final : public ops::WriteHooks {
public:
  std::function<void(ops::ChangeSet&)> before;
  std::vector<std::string> names;
  std::vector<model::OutboxEntry> noted;
  int calls = 0;

  void before_write(ops::Context&, ops::ChangeSet& set) override
  {
    ++calls;
    if (before) {
      before(set);
    }
  }
  const std::vector<std::string>& consumers() override { return names; }
  void queued(ops::Context& ctx, std::span<const model::OutboxEntry> entries) override
  {
    std::vector<std::int64_t> ids;
    for (const model::OutboxEntry& e : entries) {
      ids.push_back(e.event_id);
    }
    ctx.backend.deliveries().add(ids, names, ctx.now);
    noted.insert(noted.end(), entries.begin(), entries.end());
  }
  std::size_t deliver_queued(ops::Context&) override { return 0; }
  std::size_t deliver_due(ops::Context&, std::size_t) override { return 0; }
};

model::TicketId open(ops::Context& ctx, const std::string& title)
{
  ops::OpenRequest r;
  r.title = title;
  return ops::open_ticket(ctx, r).id;
}

} // namespace

TEST_SUITE("ops::WriteHooks")
{
  TEST_CASE("a refusal in before_write leaves the store unchanged")
  {
    test::Desk desk;
    FakeHooks hooks;
    hooks.before = [](ops::ChangeSet&) { throw Error(ErrorKind::refused, "no"); };
    auto ctx = desk.ctx();
    ctx.hooks = &hooks;
    CHECK_THROWS_WITH_AS(open(ctx, "Printer"), "no", Error);
    CHECK(hooks.calls == 1);
    CHECK(desk.count("ticket") == 0);
    CHECK(desk.count("outbox") == 0);
  }

  TEST_CASE("a patch is checked like any change: a broken invariant is refused")
  {
    test::Desk desk;
    FakeHooks hooks;
    hooks.before = [](ops::ChangeSet& set) { set.records[0].after.resolved = set.records[0].after.created; };
    auto ctx = desk.ctx();
    ctx.hooks = &hooks;
    CHECK_THROWS_AS(open(ctx, "Printer"), Error);
    CHECK(desk.count("ticket") == 0);
  }

  TEST_CASE("without consumers only notifiable actions are queued; with them every action, with deliveries")
  {
    test::Desk desk;
    FakeHooks hooks;
    auto ctx = desk.ctx();
    ctx.hooks = &hooks;
    const auto a = open(ctx, "one");
    const auto b = open(ctx, "two");
    ops::link_tickets(ctx, a, "relates-to", b);
    CHECK(desk.count("outbox") == 2); // two opens; a link is not notifiable
    CHECK(hooks.noted.empty());
    hooks.names = {"hook:x"};
    ops::unlink_tickets(ctx, a, "relates-to", b);
    CHECK(desk.count("outbox") == 4); // the unlink on each end
    REQUIRE(hooks.noted.size() == 2);
    CHECK(hooks.noted[0].kind == "unlink");
    store::Transaction tx(*desk.store, store::TxMode::read);
    CHECK(desk.backend->deliveries().due(desk.now, 10, "").size() == 2);
  }

  TEST_CASE("a store that refuses writes refuses a write transaction before it begins, and reads on")
  {
    test::Desk desk;
    auto ctx = desk.ctx();
    open(ctx, "one");
    desk.store->refuse_writes("a hook cannot write the store it runs for");
    CHECK_THROWS_WITH_AS(open(ctx, "two"), "a hook cannot write the store it runs for", Error);
    CHECK(desk.count("ticket") == 1);
    store::Transaction tx(*desk.store, store::TxMode::read);
    CHECK(desk.store->find(1).has_value());
  }

  TEST_CASE("deliver_hooks without hooks delivers nothing")
  {
    test::Desk desk;
    auto ctx = desk.ctx();
    CHECK(ops::deliver_hooks(ctx) == 0);
  }
}

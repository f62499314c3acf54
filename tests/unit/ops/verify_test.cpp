#include "tests/unit/fixture.hpp"

#include "lib/ops/open_ticket.hpp"
#include "lib/ops/verify.hpp"
#include "lib/ops/workflow.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace sdesk;

TEST_SUITE("ops::verify_store")
{
  TEST_CASE("tickets the commands wrote break nothing; a hand-edited one is named with its rules")
  {
    test::Desk desk;
    auto ctx = desk.ctx();
    ops::OpenRequest request;
    request.title = "Printer jammed";
    for (int i = 0; i < 3; ++i) {
      ops::open_ticket(ctx, request);
    }
    ops::resolve(ctx, 2, "fixed", std::nullopt);
    ops::close(ctx, 2);

    std::vector<std::string> seen;
    const auto visit = [&](const model::Ticket& t, std::span<const model::Violation> violations,
                           const std::optional<model::ChainBreak>&) {
      for (const auto& v : violations) {
        seen.push_back(std::to_string(t.id) + " " + v.field + " " + std::string(v.rule));
      }
    };
    auto summary = ops::verify_store(*desk.store, visit);
    CHECK(summary.checked == 3);
    CHECK(summary.failed == 0);
    CHECK(seen.empty());

    {
      // Damage two tickets behind the use cases' back, through the store.
      store::Transaction tx(*desk.store, store::TxMode::write);
      auto two = desk.store->find(2).value();
      two.resolved.reset();
      desk.store->update(two);
      auto three = desk.store->find(3).value();
      three.status = model::Status::pending;
      desk.store->update(three);
      tx.commit();
    }
    summary = ops::verify_store(*desk.store, visit);
    CHECK(summary.checked == 3);
    CHECK(summary.failed == 2);
    CHECK(seen
          == std::vector<std::string>{"2 resolved resolved-status", "3 status history-replay"});
  }
}

#include "tests/unit/fixture.hpp"

#include "lib/ops/open_ticket.hpp"
#include "lib/ops/recurring.hpp"
#include "lib/ops/tick.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using test::at;

namespace {

constexpr std::string_view k_monthly = R"(
[recurring.restore-test]
schedule = "0 9 1 * *"
timezone = "Europe/Amsterdam"
title = "Monthly backup restore test"
kind = "request"
priority = "P2"
catch_up = 2
)";

// The step named `name` of `result`.
const ops::TickStepResult& step(const ops::TickResult& result, std::string_view name)
{
  for (const ops::TickStepResult& s : result.steps) {
    if (s.name == name) {
      return s;
    }
  }
  FAIL("no step " << name);
  return result.steps.front();
}

} // namespace

TEST_SUITE("ops::tick")
{
  TEST_CASE("the steps: escalate, recurring, alerts, hooks, then mail; each reports what it did")
  {
    std::vector<std::string_view> names;
    for (const ops::TickStep& s : ops::tick_steps()) {
      names.push_back(s.name);
    }
    CHECK(names == std::vector<std::string_view>{"escalate", "recurring", "alerts", "hooks", "mail"});

    test::Desk desk;
    auto ctx = desk.as("sdesk-tick");
    const ops::TickResult result = ops::tick(ctx);
    CHECK(result.total() == 0);
    CHECK(result.steps.size() == 4);
    CHECK(step(result, "recurring").details.empty());
    CHECK(desk.count("ticket") == 0);
  }

  TEST_CASE("recurring: each occurrence opens one ticket, with its ref and the configured fields")
  {
    test::Desk desk(k_monthly);
    desk.now = at(2026, 12, 1, 8); // 09:00 in Amsterdam
    auto ctx = desk.as("sdesk-tick");
    auto opened = ops::open_due_recurring(ctx);
    // First run: the last two occurrences (catch_up = 2).
    REQUIRE(opened.size() == 2);
    CHECK(opened[0].occurrence == at(2026, 11, 1, 8));
    CHECK(opened[1].occurrence == at(2026, 12, 1, 8));
    const model::Ticket& t = opened[1].ticket;
    CHECK(t.ref == "recurring:restore-test@2026-12-01T08:00:00Z");
    CHECK(t.title == "Monthly backup restore test");
    CHECK(t.kind == model::Kind::request);
    CHECK(t.priority == 2);
    CHECK(t.requester == "sdesk-tick");
    CHECK(t.created == desk.now);

    // The same time again, or later in the month: nothing.
    CHECK(ops::open_due_recurring(ctx).empty());
    desk.now = at(2026, 12, 31, 23);
    auto later = desk.as("sdesk-tick");
    CHECK(ops::open_due_recurring(later).empty());
    CHECK(desk.count("ticket") == 2);
  }

  TEST_CASE("recurring: missed occurrences beyond catch_up are not opened")
  {
    test::Desk desk(k_monthly);
    desk.now = at(2026, 12, 1, 8);
    auto first = desk.ctx();
    REQUIRE(ops::open_due_recurring(first).size() == 2);
    desk.now = at(2027, 4, 15); // January..April missed
    auto late = desk.ctx();
    const auto opened = ops::open_due_recurring(late);
    REQUIRE(opened.size() == 2);
    CHECK(opened[0].occurrence == at(2027, 3, 1, 8));
    CHECK(opened[1].occurrence == at(2027, 4, 1, 7)); // summer time
    CHECK(opened[1].zone.format(opened[1].occurrence) == "2027-04-01T09:00:00+02:00");
  }

  TEST_CASE("recurring: an occurrence whose ref is stored is not opened again, whoever stored it")
  {
    test::Desk desk(k_monthly);
    desk.now = at(2026, 12, 1, 8);
    auto ctx = desk.ctx();
    ops::OpenRequest by_hand;
    by_hand.title = "Restore test, opened early";
    by_hand.ref = ops::occurrence_ref("restore-test", at(2026, 12, 1, 8));
    ops::open_ticket(ctx, by_hand);
    const auto opened = ops::open_due_recurring(ctx);
    REQUIRE(opened.size() == 1);
    CHECK(opened[0].occurrence == at(2026, 11, 1, 8));
  }

  TEST_CASE("recurring_status: next and last due, and the ticket of the last")
  {
    test::Desk desk(k_monthly);
    desk.now = at(2026, 12, 15);
    auto ctx = desk.ctx();
    auto list = ops::recurring_status(ctx);
    REQUIRE(list.size() == 1);
    CHECK(list[0].recurring->name == "restore-test");
    CHECK(list[0].zone.name() == "Europe/Amsterdam");
    CHECK(list[0].next == at(2027, 1, 1, 8));
    CHECK(list[0].last == at(2026, 12, 1, 8));
    CHECK_FALSE(list[0].last_ticket);
    const auto opened = ops::open_due_recurring(ctx);
    list = ops::recurring_status(ctx);
    CHECK(list[0].last_ticket == opened.back().ticket.id);
  }

  TEST_CASE("recurring_zone: its own, else report.timezone, else the local zone")
  {
    const auto config = config::load_text(R"(
[report]
timezone = "America/New_York"
[recurring.a]
schedule = "0 9 * * *"
title = "A"
[recurring.b]
schedule = "0 9 * * *"
title = "B"
timezone = "Asia/Tokyo"
)",
                                          "test.toml");
    REQUIRE(config.recurring.size() == 2);
    CHECK(ops::recurring_zone(config, config.recurring[0]).name() == "America/New_York");
    CHECK(ops::recurring_zone(config, config.recurring[1]).name() == "Asia/Tokyo");
    test::ScopedTz tz("Europe/Berlin");
    const auto plain = config::load_text("[recurring.a]\nschedule = \"0 9 * * *\"\ntitle = \"A\"\n", "t.toml");
    CHECK(ops::recurring_zone(plain, plain.recurring[0]).name() == "Europe/Berlin");
  }
}

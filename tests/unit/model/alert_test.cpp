#include "lib/model/alert.hpp"

#include "lib/util/error.hpp"
#include "tests/unit/time_support.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using namespace sdesk::model;
using test::at;

namespace {

Alert alert(AlertAction action, Time when, std::optional<Severity> severity = std::nullopt,
            std::optional<std::string> summary = std::nullopt)
{
  return {"prom", "disk", action, severity, std::move(summary), {}, when, std::nullopt, {}, std::nullopt};
}

TicketView ticket(TicketState state, bool person = false, std::optional<Time> resolved = std::nullopt)
{
  return {state, person, resolved};
}

// Runs `a` against `key` and `view`, and keeps the key's new state.
Decision step(std::optional<AlertKey>& key, const TicketView& view, const Alert& a,
              const AlertPolicy& policy = {})
{
  Decision d = decide(key, view, a, policy, a.at);
  if (d.key) {
    key = d.key;
    if (!key->ticket_id && (d.step == TicketStep::open || d.step == TicketStep::open_linked)) {
      key->ticket_id = 1;
    }
  }
  return d;
}

} // namespace

TEST_SUITE("model::alert")
{
  TEST_CASE("a trigger for a new key opens a ticket; repeats append, commenting only on new details")
  {
    std::optional<AlertKey> key;
    auto d = step(key, ticket(TicketState::none), alert(AlertAction::trigger, at(2026, 3, 1, 9), Severity::warning, "disk 91%"));
    CHECK(d.outcome == Outcome::created);
    CHECK(d.step == TicketStep::open);
    REQUIRE(key.has_value());
    CHECK(key->trigger_count == 1);
    CHECK(key->first_at == at(2026, 3, 1, 9));

    d = step(key, ticket(TicketState::open), alert(AlertAction::trigger, at(2026, 3, 1, 9, 5), Severity::warning, "disk 91%"));
    CHECK(d.outcome == Outcome::appended);
    CHECK(d.step == TicketStep::append);
    CHECK_FALSE(d.comment);
    CHECK(key->trigger_count == 2);
    CHECK(key->last_trigger == at(2026, 3, 1, 9, 5));

    d = step(key, ticket(TicketState::open), alert(AlertAction::trigger, at(2026, 3, 1, 9, 6), Severity::critical));
    CHECK(d.outcome == Outcome::appended);
    CHECK(d.comment);
    CHECK(key->severity == Severity::critical);
    CHECK(key->summary == "disk 91%"); // kept when the alert has none
    CHECK(key->changes.size() == 1);   // repeats are not state changes
  }

  TEST_CASE("a resolve resolves, or only comments when a person changed the ticket")
  {
    std::optional<AlertKey> key;
    step(key, ticket(TicketState::none), alert(AlertAction::trigger, at(2026, 3, 1, 9)));
    auto untouched = key;
    auto d = step(untouched, ticket(TicketState::open), alert(AlertAction::resolve, at(2026, 3, 1, 10)));
    CHECK(d.outcome == Outcome::resolved);
    CHECK(d.step == TicketStep::resolve);
    CHECK(untouched->state == AlertState::resolved);
    CHECK(untouched->last_resolve == at(2026, 3, 1, 10));

    d = step(key, ticket(TicketState::open, true), alert(AlertAction::resolve, at(2026, 3, 1, 10)));
    CHECK(d.outcome == Outcome::commented);
    CHECK(d.step == TicketStep::comment);
  }

  TEST_CASE("a resolve for an unknown or resolved key, or older than the trigger, changes nothing")
  {
    std::optional<AlertKey> key;
    auto d = step(key, ticket(TicketState::none), alert(AlertAction::resolve, at(2026, 3, 1, 10)));
    CHECK(d.outcome == Outcome::ignored);
    CHECK_FALSE(d.key.has_value());

    step(key, ticket(TicketState::none), alert(AlertAction::trigger, at(2026, 3, 1, 9)));
    d = step(key, ticket(TicketState::open), alert(AlertAction::resolve, at(2026, 3, 1, 8)));
    CHECK(d.outcome == Outcome::ignored);
    CHECK_FALSE(d.key.has_value());

    d = step(key, ticket(TicketState::open), alert(AlertAction::resolve, at(2026, 3, 1, 10)));
    CHECK(d.outcome == Outcome::resolved);
    d = step(key, ticket(TicketState::resolved, false, at(2026, 3, 1, 10)), alert(AlertAction::resolve, at(2026, 3, 1, 10)));
    CHECK(d.outcome == Outcome::ignored); // Alertmanager's repeated resolved notification
    CHECK_FALSE(d.key.has_value());

    // a trigger older than the resolve is a late delivery
    d = step(key, ticket(TicketState::resolved, false, at(2026, 3, 1, 10)), alert(AlertAction::trigger, at(2026, 3, 1, 9, 30)));
    CHECK(d.outcome == Outcome::ignored);
    CHECK_FALSE(d.key.has_value());
  }

  TEST_CASE("a trigger after a resolve reopens within reopen_within, else opens a linked ticket")
  {
    std::optional<AlertKey> key;
    step(key, ticket(TicketState::none), alert(AlertAction::trigger, at(2026, 3, 1, 9)));
    step(key, ticket(TicketState::open), alert(AlertAction::resolve, at(2026, 3, 1, 10)));
    auto soon = key;
    auto d = step(soon, ticket(TicketState::resolved, false, at(2026, 3, 1, 10)), alert(AlertAction::trigger, at(2026, 3, 1, 12)));
    CHECK(d.outcome == Outcome::reopened);
    CHECK(d.step == TicketStep::reopen);
    CHECK(soon->state == AlertState::firing);

    auto late = key;
    d = step(late, ticket(TicketState::resolved, false, at(2026, 3, 1, 10)), alert(AlertAction::trigger, at(2026, 3, 1, 12, 0, 1)));
    CHECK(d.outcome == Outcome::recurred);
    CHECK(d.step == TicketStep::open_linked);

    auto closed = key;
    d = step(closed, ticket(TicketState::final_, false, at(2026, 3, 1, 10)), alert(AlertAction::trigger, at(2026, 3, 1, 10, 30)));
    CHECK(d.outcome == Outcome::recurred); // a closed ticket is not reopened

    AlertPolicy short_window;
    short_window.reopen_within = std::chrono::minutes{10};
    auto configured = key;
    d = step(configured, ticket(TicketState::resolved, false, at(2026, 3, 1, 10)), alert(AlertAction::trigger, at(2026, 3, 1, 10, 11)), short_window);
    CHECK(d.outcome == Outcome::recurred);
  }

  TEST_CASE("more than flap_changes state changes in flap_window: flapping once, then quiet until the window passes")
  {
    AlertPolicy policy; // 4 changes in 30 minutes
    std::optional<AlertKey> key;
    TicketState state = TicketState::none;
    std::vector<Outcome> seen;
    for (int i = 0; i < 7; ++i) {
      const auto a = alert(i % 2 == 0 ? AlertAction::trigger : AlertAction::resolve, at(2026, 3, 1, 9, 2 * i));
      const auto d = step(key, ticket(state, false, at(2026, 3, 1, 9)), a, policy);
      seen.push_back(d.outcome);
      if (d.step == TicketStep::open || d.step == TicketStep::reopen) {
        state = TicketState::open;
      } else if (d.step == TicketStep::resolve) {
        state = TicketState::resolved;
      }
      CHECK(d.start_flapping == (i == 4));
    }
    CHECK(seen == std::vector<Outcome>{Outcome::created, Outcome::resolved, Outcome::reopened,
                                       Outcome::resolved, Outcome::flapping, Outcome::flapping,
                                       Outcome::flapping});
    CHECK(state == TicketState::open); // not resolved while flapping
    CHECK(key->flapping);
    // quiet for longer than the window: the next resolve resolves again
    const auto d = step(key, ticket(TicketState::open), alert(AlertAction::resolve, at(2026, 3, 1, 10, 0)), policy);
    CHECK(d.outcome == Outcome::resolved);
    CHECK(d.step == TicketStep::resolve);
    CHECK_FALSE(key->flapping);
  }

  TEST_CASE("acknowledge: a step on an open ticket, ignored otherwise; downtime suppresses new tickets")
  {
    std::optional<AlertKey> key;
    auto d = step(key, ticket(TicketState::none), alert(AlertAction::acknowledge, at(2026, 3, 1, 9)));
    CHECK(d.outcome == Outcome::ignored);
    step(key, ticket(TicketState::none), alert(AlertAction::trigger, at(2026, 3, 1, 9)));
    d = step(key, ticket(TicketState::open), alert(AlertAction::acknowledge, at(2026, 3, 1, 9, 1)));
    CHECK(d.outcome == Outcome::acknowledged);
    CHECK(d.step == TicketStep::acknowledge);

    std::optional<AlertKey> down = AlertKey{};
    down->source = "prom";
    down->key = "disk";
    down->state = AlertState::resolved;
    down->downtime_until = at(2026, 3, 1, 12);
    d = step(down, ticket(TicketState::none), alert(AlertAction::trigger, at(2026, 3, 1, 11)));
    CHECK(d.outcome == Outcome::suppressed);
    CHECK(d.step == TicketStep::none);
    d = step(down, ticket(TicketState::none), alert(AlertAction::trigger, at(2026, 3, 1, 12)));
    CHECK(d.outcome == Outcome::created);
  }

  TEST_CASE("names parse back, and other text is refused with the accepted list")
  {
    CHECK(parse_severity("critical", "--severity") == Severity::critical);
    CHECK(parse_alert_action("resolve", "--action") == AlertAction::resolve);
    CHECK(to_string(Outcome::recurred) == "recurred");
    try {
      parse_severity("fatal", "--severity");
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::usage);
      CHECK(std::string(e.what()) ==
            "--severity: unknown value 'fatal' (accepted: critical, error, warning, info)");
    }
  }
}

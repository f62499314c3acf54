#include "lib/model/invariants.hpp"

#include "tests/unit/time_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace sdesk;
using model::Event;
using model::Status;
using model::Ticket;
using model::Violation;
using test::at;

namespace {

// A ticket opened at 08:00 on 1 Oct 2026, new, with its opening event.
Ticket opened()
{
  Ticket t;
  t.id = 7;
  t.created = at(2026, 10, 1, 8);
  t.updated = t.created;
  return t;
}

Event status_event(std::int64_t id, util::Time when, std::optional<std::string> from,
                   std::string to)
{
  return {id, 7, when, "ana", model::Action::update, "status", std::move(from), std::move(to), std::nullopt, std::nullopt};
}

std::vector<Event> history_to(Status last)
{
  const Ticket t = opened();
  std::vector<Event> h{status_event(1, t.created, std::nullopt, "new")};
  if (last == Status::new_) {
    return h;
  }
  h.push_back(status_event(2, at(2026, 10, 1, 9), "new", "in_progress"));
  if (last == Status::in_progress) {
    return h;
  }
  h.push_back(status_event(3, at(2026, 10, 1, 10), "in_progress", "resolved"));
  if (last == Status::resolved) {
    return h;
  }
  h.push_back(status_event(4, at(2026, 10, 2, 10), "resolved", "closed"));
  return h;
}

Event field_event(std::int64_t id, util::Time when, std::string field, std::optional<std::string> from,
                  std::optional<std::string> to)
{
  return {id, 7, when, "ana", model::Action::update, std::move(field), std::move(from), std::move(to),
          std::nullopt, std::nullopt};
}

bool has_rule(const std::vector<Violation>& vs, std::string_view field, std::string_view rule)
{
  return std::any_of(vs.begin(), vs.end(),
                     [&](const Violation& v) { return v.field == field && v.rule == rule; });
}

} // namespace

TEST_SUITE("model::invariants")
{
  TEST_CASE("a ticket as the lifecycle leaves it breaks nothing")
  {
    Ticket t = opened();
    CHECK(model::check_invariants(t, history_to(Status::new_)).empty());
    t.status = Status::closed;
    t.first_response = at(2026, 10, 1, 9);
    t.resolved = at(2026, 10, 1, 10);
    t.closed = at(2026, 10, 2, 10);
    CHECK(model::check_invariants(t, history_to(Status::closed)).empty());
  }

  TEST_CASE("times before created, and closed before resolved")
  {
    Ticket t = opened();
    t.status = Status::closed;
    t.first_response = at(2026, 10, 1, 7);
    t.resolved = at(2026, 10, 1, 6);
    t.closed = at(2026, 10, 1, 5);
    const auto vs = model::check_fields(t);
    CHECK(has_rule(vs, "first_response", model::k_rule_after_created));
    CHECK(has_rule(vs, "resolved", model::k_rule_after_created));
    CHECK(has_rule(vs, "closed", model::k_rule_after_created));
    CHECK(has_rule(vs, "closed", model::k_rule_closed_after_resolved));
    CHECK(vs.size() == 4);
    CHECK(model::describe(vs[1])
          == "resolved: 2026-10-01T06:00:00+00:00 is before created (2026-10-01T08:00:00+00:00) "
             "(rule after-created)");
  }

  TEST_CASE("resolved and closed are set exactly when the status says so")
  {
    Ticket t = opened();
    t.status = Status::closed; // closed without a resolution or closing time
    auto vs = model::check_fields(t);
    CHECK(has_rule(vs, "resolved", model::k_rule_resolved_status));
    CHECK(has_rule(vs, "closed", model::k_rule_closed_status));

    t.status = Status::assigned; // open, yet resolved and closed
    t.resolved = at(2026, 10, 1, 9);
    t.closed = at(2026, 10, 1, 10);
    vs = model::check_fields(t);
    CHECK(has_rule(vs, "resolved", model::k_rule_resolved_status));
    CHECK(has_rule(vs, "closed", model::k_rule_closed_status));

    t.status = Status::resolved; // resolved, yet closed
    vs = model::check_fields(t);
    CHECK_FALSE(has_rule(vs, "resolved", model::k_rule_resolved_status));
    CHECK(has_rule(vs, "closed", model::k_rule_closed_status));
  }

  TEST_CASE("history in time order, none before created")
  {
    Ticket t = opened();
    t.status = Status::in_progress;
    auto h = history_to(Status::in_progress);
    CHECK(model::check_history(t, h).empty());
    h[1].at = at(2026, 10, 1, 7, 59);
    CHECK(has_rule(model::check_history(t, h), "history", model::k_rule_history_order));
    h[1].at = at(2026, 10, 1, 9);
    h.push_back({3, 7, at(2026, 10, 1, 8, 30), "ana", model::Action::comment, std::nullopt, std::nullopt,
                 std::nullopt, "late", std::nullopt});
    const auto vs = model::check_history(t, h);
    CHECK(has_rule(vs, "history", model::k_rule_history_order));
    CHECK(vs.front().message.find("is before the event before it") != std::string::npos);
  }

  TEST_CASE("the status history replays to the stored status through the lifecycle")
  {
    Ticket t = opened();
    t.status = Status::resolved; // the history ends at in_progress
    CHECK(has_rule(model::check_history(t, history_to(Status::in_progress)), "status",
                   model::k_rule_history_replay));

    t.status = Status::closed; // new -> closed skips the resolution
    std::vector<Event> skip{status_event(1, t.created, std::nullopt, "new"),
                            status_event(2, at(2026, 10, 1, 9), "new", "closed")};
    auto vs = model::check_history(t, skip);
    REQUIRE(vs.size() == 1);
    CHECK(vs[0].message
          == "update at 2026-10-01T09:00:00+00:00 moves from new to closed, which the lifecycle does not allow");

    t.status = Status::in_progress; // closed is final
    auto reopened = history_to(Status::closed);
    reopened.push_back(status_event(5, at(2026, 10, 3), "closed", "in_progress"));
    CHECK(has_rule(model::check_history(t, reopened), "status", model::k_rule_history_replay));

    t.status = Status::in_progress; // a step that does not start where the last one ended
    auto broken = history_to(Status::in_progress);
    broken[1].old_value = "pending";
    CHECK(has_rule(model::check_history(t, broken), "status", model::k_rule_history_replay));

    CHECK(has_rule(model::check_history(opened(), {}), "status", model::k_rule_history_replay));
  }

  TEST_CASE("each field an event names holds the value its last event recorded")
  {
    Ticket t = opened();
    t.priority = 1;
    t.assignee = "bo";
    auto h = history_to(Status::new_);
    h.push_back(field_event(2, at(2026, 10, 1, 9), "priority", "P3", "P2"));
    h.push_back(field_event(3, at(2026, 10, 1, 10), "priority", "P2", "P1"));
    h.push_back(field_event(4, at(2026, 10, 1, 10), "assignee", std::nullopt, "bo"));
    CHECK(model::check_history(t, h).empty());

    t.priority = 4; // changed behind the write path's back
    t.assignee.reset();
    const auto vs = model::check_history(t, h);
    REQUIRE(vs.size() == 2);
    CHECK(has_rule(vs, "priority", model::k_rule_history_values));
    CHECK(model::describe(vs[1])
          == "assignee: (none) is stored, but the history's last value is 'bo' (update at "
             "2026-10-01T10:00:00+00:00) (rule history-values)");

    // An imported ticket's history names only its status: the fields no
    // event names, and those an import derives (resolved), are not checked.
    t = opened();
    t.category = "printer";
    h.push_back(field_event(5, at(2026, 10, 1, 11), "resolved", std::nullopt, "2026-10-01T11:00:00Z"));
    t.priority = 1;
    t.assignee = "bo";
    CHECK(model::check_history(t, h).empty());
  }

  TEST_CASE("a ticket `open` recorded has no value its history does not name")
  {
    Ticket t = opened();
    t.title = "Printer jammed";
    std::vector<Event> h;
    for (auto& f : model::initial_fields(t)) {
      h.push_back(Event{static_cast<std::int64_t>(h.size() + 1), 7, t.created, "ana", model::Action::open,
                        f.field, std::nullopt, f.new_value, std::nullopt, std::nullopt});
    }
    CHECK(model::check_history(t, h).empty());
    t.description = ""; // as an older sdesk stored nothing
    CHECK(model::check_history(t, h).empty());

    t.category = "printer"; // set by hand
    const auto vs = model::check_history(t, h);
    REQUIRE(vs.size() == 1);
    CHECK(model::describe(vs[0])
          == "category: 'printer' is stored, but the history records no value (rule history-values)");
  }
}

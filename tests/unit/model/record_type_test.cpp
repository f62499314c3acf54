#include "lib/model/invariants.hpp"
#include "lib/model/lifecycle.hpp"
#include "lib/model/record_type.hpp"
#include "lib/util/error.hpp"

#include <algorithm>

#include <doctest/doctest.h>

using namespace sdesk;
using model::Kind;
using model::Status;

namespace {

std::string refusal(long long id, Kind kind, Status from, Status to)
{
  try {
    model::require_transition(id, kind, from, to);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::refused);
    return e.what();
  }
  return "allowed";
}

bool in(std::span<const Status> list, Status s)
{
  return std::find(list.begin(), list.end(), s) != list.end();
}

} // namespace

TEST_SUITE("model::RecordType")
{
  TEST_CASE("every kind has one description, and each is consistent")
  {
    for (const Kind kind : model::k_kinds) {
      const model::RecordType& type = model::record_type(kind);
      CAPTURE(model::to_string(kind));
      CHECK(type.kind == kind);
      CHECK(type.has(type.initial));
      CHECK(type.is_open(type.initial));
      for (const model::Transition& t : type.transitions) {
        CHECK(type.has(t.from));
        CHECK(type.has(t.to));
        CHECK_FALSE(type.is_final(t.from)); // final: no way out
      }
      for (const Status s : type.statuses) {
        // Each status is exactly one of: open, resolved (the work is done).
        CHECK(type.is_open(s) != type.is_resolved(s));
        if (type.is_final(s)) {
          CHECK(type.is_resolved(s));
          CHECK(type.allowed(s).empty());
        } else {
          CHECK_FALSE(type.allowed(s).empty()); // no dead end but a final status
        }
      }
      for (const Status s : type.pausing) {
        CHECK(type.is_open(s));
      }
      for (const auto* m : {&type.moves.assign, &type.moves.start, &type.moves.pending,
                            &type.moves.resolve, &type.moves.close, &type.moves.reopen,
                            &type.moves.reopen_assigned}) {
        if (*m) {
          CHECK(type.has(**m));
        }
      }
    }
  }

  TEST_CASE("a status means the same in every type that has it")
  {
    for (const Status s : model::k_statuses) {
      CAPTURE(model::to_string(s));
      int types = 0;
      for (const model::RecordType& type : model::record_types()) {
        if (type.has(s)) {
          ++types;
          CHECK(type.is_open(s) == model::is_open_status(s));
        }
      }
      CHECK(types > 0); // every status belongs to some type
    }
  }

  TEST_CASE("incidents and requests keep the ITIL lifecycle")
  {
    for (const Kind kind : {Kind::incident, Kind::request}) {
      const model::RecordType& type = model::record_type(kind);
      CHECK(type.initial == Status::new_);
      for (const Status from : model::k_statuses) {
        for (const Status to : model::k_statuses) {
          CHECK(type.can(from, to) == model::can_transition(from, to));
        }
      }
      CHECK(type.allowed(Status::resolved)
            == std::vector{Status::closed, Status::new_, Status::assigned});
      CHECK(type.pauses(Status::pending));
      CHECK(type.is_resolved(Status::resolved));
      CHECK(type.is_final(Status::closed));
      CHECK_FALSE(type.is_final(Status::resolved));
    }
    CHECK(refusal(2, Kind::request, Status::new_, Status::closed)
          == "ticket 2 is new; it cannot move to closed (allowed from new: assigned, in_progress, "
             "pending, resolved)");
  }

  TEST_CASE("problem: new -> investigating -> known_error -> resolved -> closed")
  {
    const model::RecordType& type = model::record_type(Kind::problem);
    CHECK(type.initial == Status::new_);
    CHECK(type.can(Status::new_, Status::investigating));
    CHECK(type.can(Status::investigating, Status::known_error));
    CHECK(type.can(Status::known_error, Status::resolved));
    CHECK(type.can(Status::investigating, Status::resolved)); // the cause removed at once
    CHECK(type.can(Status::resolved, Status::closed));
    CHECK(type.can(Status::resolved, Status::investigating)); // reopen
    CHECK_FALSE(type.can(Status::new_, Status::resolved));
    CHECK_FALSE(type.can(Status::known_error, Status::closed));
    CHECK_FALSE(type.has(Status::pending));
    CHECK(type.allowed(Status::closed).empty());
    CHECK(std::vector(type.open.begin(), type.open.end())
          == std::vector{Status::new_, Status::investigating, Status::known_error});
    CHECK(type.pausing.empty());
    CHECK(type.moves.start == Status::investigating);
    CHECK_FALSE(type.moves.pending);
    CHECK_FALSE(type.moves.assign);
    CHECK(type.moves.reopen == Status::investigating);
    CHECK(refusal(7, Kind::problem, Status::new_, Status::resolved)
          == "ticket 7 is new; it cannot move to resolved (allowed from new for a problem: "
             "investigating)");
  }

  TEST_CASE("change: requested -> assessed -> approved | rejected -> scheduled -> implementing -> review -> closed")
  {
    const model::RecordType& type = model::record_type(Kind::change);
    CHECK(type.initial == Status::requested);
    const std::vector<std::pair<Status, Status>> path{
      {Status::requested, Status::assessed},    {Status::assessed, Status::approved},
      {Status::assessed, Status::rejected},     {Status::approved, Status::scheduled},
      {Status::scheduled, Status::implementing}, {Status::implementing, Status::review},
      {Status::review, Status::closed}};
    for (const auto& [from, to] : path) {
      CHECK(type.can(from, to));
    }
    // Cancelled from any state before implementing, and only from those.
    for (const Status s : type.statuses) {
      const bool before_implementing = s == Status::requested || s == Status::assessed
                                       || s == Status::approved || s == Status::scheduled;
      CAPTURE(model::to_string(s));
      CHECK(type.can(s, Status::cancelled) == before_implementing);
    }
    for (const Status s : {Status::closed, Status::rejected, Status::cancelled}) {
      CHECK(type.is_final(s));
      CHECK(type.allowed(s).empty());
    }
    CHECK(type.is_resolved(Status::review));
    CHECK_FALSE(type.is_open(Status::review));
    CHECK_FALSE(type.is_final(Status::review));
    CHECK(type.is_open(Status::implementing));
    CHECK_FALSE(type.can(Status::requested, Status::implementing));
    CHECK(type.pausing.empty());
    CHECK(type.moves.start == Status::implementing);
    CHECK(type.moves.resolve == Status::review);
    CHECK(type.moves.close == Status::closed);
    CHECK_FALSE(type.moves.reopen);
    CHECK_FALSE(type.moves.pending);
    // The rule "a closed change has an outcome" is part of the description.
    REQUIRE(type.extra_fields.size() == 1);
    const model::ExtraField& outcome = type.extra_fields[0];
    CHECK(outcome.name == "outcome");
    CHECK(std::vector(outcome.values.begin(), outcome.values.end())
          == std::vector<std::string_view>{"successful", "failed", "backed_out"});
    CHECK(in(outcome.required_in, Status::closed));
    CHECK(refusal(9, Kind::change, Status::closed, Status::requested)
          == "ticket 9 is closed; it cannot move to requested (allowed from closed for a change: "
             "none; closed is final, open a new ticket)");
  }

  TEST_CASE("the shortest way between two statuses")
  {
    const model::RecordType& change = model::record_type(Kind::change);
    CHECK(change.path(Status::requested, Status::review)
          == std::vector{Status::assessed, Status::approved, Status::scheduled, Status::implementing,
                         Status::review});
    CHECK(change.path(Status::requested, Status::cancelled) == std::vector{Status::cancelled});
    CHECK(change.path(Status::closed, Status::requested).empty());
    CHECK(change.path(Status::review, Status::review).empty());
    CHECK(model::record_type(Kind::incident).path(Status::new_, Status::closed)
          == std::vector{Status::resolved, Status::closed});
  }

  TEST_CASE("list --open and the status sort cover every type")
  {
    const auto open = model::open_statuses_of_any_type();
    CHECK(open
          == std::vector{Status::new_, Status::assigned, Status::in_progress, Status::pending,
                         Status::investigating, Status::known_error, Status::requested,
                         Status::assessed, Status::approved, Status::scheduled, Status::implementing});
    const auto order = model::status_sort_order();
    CHECK(order.size() == model::k_statuses.size());
    // Incidents sort as they always did: new, assigned, in_progress, pending, resolved, closed.
    std::vector<Status> incident;
    for (const Status s : order) {
      if (model::record_type(Kind::incident).has(s)) {
        incident.push_back(s);
      }
    }
    CHECK(incident
          == std::vector{Status::new_, Status::assigned, Status::in_progress, Status::pending,
                         Status::resolved, Status::closed});
    CHECK(model::pausing_statuses_of_any_type() == std::vector{Status::pending});
  }

  TEST_CASE("the invariants ask the type")
  {
    model::Ticket t;
    t.kind = Kind::change;
    t.status = Status::review;
    t.created = util::Time{std::chrono::seconds{1000}};
    CHECK(model::describe(model::check_fields(t).at(0))
          == "resolved: missing: a review ticket has the time it was resolved (rule resolved-status)");
    t.resolved = util::Time{std::chrono::seconds{2000}};
    CHECK(model::check_fields(t).empty());
    t.status = Status::pending; // not a change status
    const auto v = model::check_fields(t);
    CHECK(std::any_of(v.begin(), v.end(),
                      [](const model::Violation& x) { return x.rule == model::k_rule_status_of_kind; }));
  }

  TEST_CASE("history replays incident moves before a migrate event, the type's after it")
  {
    model::Ticket t;
    t.id = 1;
    t.kind = Kind::change;
    t.created = util::Time{std::chrono::seconds{1000}};
    t.status = Status::implementing;
    const auto at = [](int s) { return util::Time{std::chrono::seconds{s}}; };
    const auto ev = [&](int s, std::string action, std::optional<std::string> from, std::string to) {
      return model::Event{0, 1, at(s), "agent", model::parse_action(action), "status", std::move(from), std::move(to),
                          std::nullopt, std::nullopt};
    };
    std::vector<model::Event> history{ev(1000, "open", std::nullopt, "new"),
                                      ev(1100, "start", "new", "in_progress"),
                                      ev(1100, "migrate", "in_progress", "implementing")};
    CHECK(model::check_history(t, history).empty());
    history.pop_back(); // without the migrate event, incident moves are not a change's
    t.status = Status::in_progress;
    CHECK_FALSE(model::check_history(t, history).empty());
    t.status = Status::review;
    std::vector<model::Event> native{ev(1000, "open", std::nullopt, "requested"),
                                     ev(1100, "import", "requested", "review")};
    const auto v = model::check_history(t, native);
    REQUIRE(v.size() == 1);
    CHECK(v[0].message.find("requested to review, which the lifecycle does not allow") != std::string::npos);
  }
}

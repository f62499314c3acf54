#include "lib/model/change_rules.hpp"
#include "lib/model/invariants.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace sdesk;

namespace {

util::Time at(int hour)
{
  return util::Time{std::chrono::hours{hour}};
}

model::Ticket change(model::Status status, const char* type = "normal")
{
  model::Ticket t;
  t.id = 7;
  t.kind = model::Kind::change;
  t.status = status;
  t.change_type = type;
  t.requester = "rita";
  return t;
}

model::Event approval(const char* actor)
{
  model::Event e;
  e.ticket_id = 7;
  e.actor = actor;
  e.action = model::Action::approve;
  return e;
}

// The message of the refusal `body` throws, or "" when it throws none.
template<typename Body>
std::string refusal(Body body)
{
  try {
    body();
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::refused);
    return e.what();
  }
  return "";
}

const std::vector<std::string> k_cab{"alice", "chandra", "rita"};

} // namespace

TEST_SUITE("model::change_rules")
{
  TEST_CASE("a change without a type is normal; emergency changes go to the ecab")
  {
    model::Ticket t = change(model::Status::requested);
    t.change_type.reset();
    CHECK(model::change_type_of(t) == "normal");
    CHECK(model::board_of("normal") == "cab");
    CHECK(model::board_of("emergency") == "ecab");
  }

  TEST_CASE("approvers: each actor once, in order")
  {
    const std::vector<model::Event> history{approval("alice"), approval("chandra"), approval("alice")};
    CHECK(model::approvers(history) == std::vector<std::string>{"alice", "chandra"});
  }

  TEST_CASE("a board member approves an assessed change once; the requester cannot")
  {
    const model::Ticket t = change(model::Status::assessed);
    std::vector<model::Event> history;
    CHECK(refusal([&] { model::require_may_approve(t, "alice", k_cab, "cab", history, false); }).empty());
    history.push_back(approval("alice"));
    CHECK(refusal([&] { model::require_may_approve(t, "alice", k_cab, "cab", history, false); })
            .find("rule approve-once") != std::string::npos);
    CHECK(refusal([&] { model::require_may_approve(t, "rita", k_cab, "cab", history, false); })
            .find("rule requester-cannot-approve") != std::string::npos);
    // The requester may reject.
    CHECK(refusal([&] { model::require_may_approve(t, "rita", k_cab, "cab", history, true); }).empty());
    const std::string outsider =
      refusal([&] { model::require_may_approve(t, "zed", k_cab, "cab", history, false); });
    CHECK(outsider.find("rule change-board") != std::string::npos);
    CHECK(outsider.find("alice, chandra, rita") != std::string::npos);
  }

  TEST_CASE("only assessed normal and emergency changes are approved")
  {
    CHECK(refusal([&] {
            model::require_may_approve(change(model::Status::requested), "alice", k_cab, "cab", {}, false);
          }).find("rule approval-status")
          != std::string::npos);
    CHECK(refusal([&] {
            model::require_may_approve(change(model::Status::assessed, "standard"), "alice", k_cab, "cab", {},
                                       false);
          }).find("rule standard-needs-no-approval")
          != std::string::npos);
  }

  TEST_CASE("windows are half open")
  {
    const model::Window a{at(10), at(12)};
    CHECK(model::overlaps(a, {at(11), at(13)}));
    CHECK(model::overlaps(a, {at(9), at(13)}));
    CHECK(model::overlaps(a, {at(10), at(11)}));
    CHECK_FALSE(model::overlaps(a, {at(12), at(14)}));
    CHECK_FALSE(model::overlaps(a, {at(8), at(10)}));
  }

  TEST_CASE("a closed change has an outcome (field-required), unless a migration closed it")
  {
    model::Ticket t = change(model::Status::closed);
    t.resolved = at(1);
    t.closed = at(2);
    const auto rules = [](const std::vector<model::Violation>& found) {
      std::vector<std::string> names;
      for (const auto& v : found) {
        names.emplace_back(v.rule);
      }
      return names;
    };
    CHECK(rules(model::check_fields(t)) == std::vector<std::string>{"field-required"});
    t.outcome = "successful";
    CHECK(model::check_fields(t).empty());
    t.outcome.reset();
    model::Event opened{0, 7, at(0), "x", model::Action::open, "status", std::nullopt, "new",
                        std::nullopt, std::nullopt};
    model::Event migrated{0, 7, at(1), "sdesk", model::Action::migrate, "status", "new", "closed",
                          std::nullopt, std::nullopt};
    CHECK(model::check_invariants(t, std::vector{opened, migrated}).empty());
    t.status = model::Status::review; // in review, no outcome needed yet
    t.closed.reset();
    CHECK(model::check_fields(t).empty());
  }
}

#include "lib/model/lifecycle.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using model::Status;

TEST_SUITE("model::lifecycle")
{
  TEST_CASE("the ITIL path is allowed step by step")
  {
    CHECK(model::can_transition(Status::new_, Status::assigned));
    CHECK(model::can_transition(Status::assigned, Status::in_progress));
    CHECK(model::can_transition(Status::in_progress, Status::pending));
    CHECK(model::can_transition(Status::pending, Status::in_progress));
    CHECK(model::can_transition(Status::pending, Status::resolved));
    CHECK(model::can_transition(Status::resolved, Status::closed));
    CHECK(model::can_transition(Status::resolved, Status::assigned)); // reopen
  }

  TEST_CASE("skipping resolution, and anything after closed, is refused")
  {
    CHECK_FALSE(model::can_transition(Status::new_, Status::closed));
    CHECK_FALSE(model::can_transition(Status::in_progress, Status::closed));
    CHECK_FALSE(model::can_transition(Status::resolved, Status::pending));
    for (const Status to : model::k_statuses) {
      CHECK_FALSE(model::can_transition(Status::closed, to));
    }
  }

  TEST_CASE("a refusal names the ticket, both statuses and the allowed ones")
  {
    try {
      model::require_transition(42, Status::resolved, Status::pending);
      FAIL("transition was allowed");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::refused);
      CHECK(std::string(e.what())
            == "ticket 42 is resolved; it cannot move to pending (allowed from resolved: closed, "
               "new, assigned)");
    }
  }
}

#include "lib/config/config.hpp"
#include "lib/sla/policy.hpp"
#include "lib/util/error.hpp"
#include "tests/unit/time_support.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace sdesk;
using model::Kind;
using model::Status;
using sdesk::test::at;

namespace {

model::Event status_event(sla::Time when, std::string status)
{
  return {0, 1, when, "agent", model::Action::update, "status", std::nullopt, std::move(status), std::nullopt, std::nullopt};
}

} // namespace

TEST_SUITE("sla::pauses by record type")
{
  TEST_CASE("the clocks stop where the ticket's type says")
  {
    const sla::Settings s; // default pause statuses: the types' (pending)
    CHECK(s.pause_statuses == std::vector{Status::pending});
    CHECK(sla::stops_clock(s, Kind::change, Status::review));      // a change's resolution
    CHECK_FALSE(sla::stops_clock(s, Kind::change, Status::scheduled));
    CHECK_FALSE(sla::stops_clock(s, Kind::problem, Status::known_error));
    CHECK(sla::stops_clock(s, Kind::problem, Status::resolved));
    CHECK(sla::stops_clock(s, Kind::incident, Status::pending));
    // History a change recorded under the incident lifecycle (before
    // schema 9) is judged as it was then.
    CHECK(sla::stops_clock(s, Kind::change, Status::pending));
    CHECK(sla::stops_clock(s, Kind::change, Status::resolved));
    CHECK_FALSE(sla::stops_clock(s, Kind::change, Status::in_progress));
    const std::vector events{status_event(at(2026, 11, 2, 9), "requested"),
                             status_event(at(2026, 11, 2, 10), "implementing"),
                             status_event(at(2026, 11, 2, 11), "review")};
    const auto pauses = sla::status_pauses(s, events, Kind::change);
    REQUIRE(pauses.size() == 1);
    CHECK(pauses[0].status == Status::review);
    CHECK(pauses[0].begin == at(2026, 11, 2, 11));
  }

  TEST_CASE("[sla] pause_statuses accepts every type's open statuses")
  {
    const auto c = config::load_text("[sla]\npause_statuses = [\"known_error\", \"scheduled\"]\n", "site.toml");
    CHECK(c.sla.pause_statuses == std::vector{Status::known_error, Status::scheduled});
    CHECK(sla::stops_clock(c.sla, Kind::change, Status::scheduled));
    try {
      config::load_text("[sla]\npause_statuses = [\"review\"]\n", "site.toml");
      FAIL("review was accepted");
    } catch (const Error& e) {
      CHECK(std::string(e.what())
            == "site.toml:2: sla.pause_statuses: 'review' always stops the clock (accepted: "
               "requested, assessed, approved, scheduled, implementing)");
    }
  }
}

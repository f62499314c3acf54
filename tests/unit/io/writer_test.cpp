#include "lib/io/writer.hpp"
#include "tests/unit/time_support.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

using namespace sdesk;
using namespace std::chrono;

namespace {

model::Event event(int minute, std::string action, std::optional<std::string> field,
                   std::optional<std::string> new_value, std::optional<std::string> note = std::nullopt)
{
  return {0, 1, sys_days{November / 2 / 2026} + minutes{minute}, "alice", model::parse_action(action),
          std::move(field), std::nullopt, std::move(new_value), std::move(note), std::nullopt};
}

} // namespace

TEST_SUITE("io::append_jsonl")
{
  TEST_CASE("the ticket object plus one event per status change, comment and escalation")
  {
    const test::ScopedTz utc("UTC");
    model::Ticket t;
    t.id = 1;
    t.title = "x";
    const std::vector<model::Event> history{
      event(0, "open", "title", "x"),
      event(0, "open", "status", "new"),
      event(1, "comment", "first_response", "2026-11-02T09:01:00Z", "on it"),
      event(1, "comment", "response_business_seconds", "60"), // same action, no note
      event(1, "comment", std::nullopt, std::nullopt, "and another"), // a second comment
      event(2, "escalate", "status", "assigned", "network team"),
      event(2, "escalate", "group", "second-line"),
      event(3, "pending", "status", "pending", "waiting"),
    };
    std::string out;
    io::append_jsonl(out, t, history);
    REQUIRE(out.ends_with(R"(,"events":[)"
                          R"({"at":"2026-11-02T00:00:00+00:00","status":"new","actor":"alice","note":null},)"
                          R"({"at":"2026-11-02T00:01:00+00:00","action":"comment","actor":"alice","note":"on it"},)"
                          R"({"at":"2026-11-02T00:01:00+00:00","action":"comment","actor":"alice","note":"and another"},)"
                          R"({"at":"2026-11-02T00:02:00+00:00","action":"escalate","actor":"alice","note":"network team"},)"
                          R"({"at":"2026-11-02T00:02:00+00:00","status":"assigned","actor":"alice","note":null},)"
                          R"({"at":"2026-11-02T00:03:00+00:00","status":"pending","actor":"alice","note":"waiting"}]})"
                          "\n"));
    CHECK(out.starts_with(R"({"id":1,"ref":null,"kind":"incident","title":"x",)"));
  }
}

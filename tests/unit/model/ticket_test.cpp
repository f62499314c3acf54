#include "lib/model/ticket.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

using namespace sdesk;

TEST_SUITE("model::Ticket")
{
  TEST_CASE("diff lists exactly the changed fields, old and new")
  {
    model::Ticket a;
    a.title = "Printer";
    a.assignee = "alice";
    model::Ticket b = a;
    b.status = model::Status::assigned;
    b.assignee = "bob";
    b.updated = util::Time{std::chrono::seconds{99}}; // not a tracked change
    const auto changes = model::diff(a, b);
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].field == "status");
    CHECK(changes[0].old_value == "new");
    CHECK(changes[0].new_value == "assigned");
    CHECK(changes[1].field == "assignee");
    CHECK(changes[1].old_value == "alice");
    CHECK(changes[1].new_value == "bob");
    CHECK(model::diff(a, a).empty());
  }

  TEST_CASE("times in history are UTC ISO 8601")
  {
    model::Ticket a;
    model::Ticket b = a;
    b.resolved = util::Time{std::chrono::seconds{1'800'000'000}};
    const auto changes = model::diff(a, b);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].field == "resolved");
    CHECK(changes[0].new_value == "2027-01-15T08:00:00Z");
  }

  TEST_CASE("initial_fields lists every field with a value")
  {
    model::Ticket t;
    t.title = "VPN";
    t.group = "service-desk";
    const auto fields = model::initial_fields(t);
    std::vector<std::string> names;
    for (const auto& f : fields) {
      CHECK_FALSE(f.old_value);
      names.push_back(f.field);
    }
    CHECK(names == std::vector<std::string>{"kind", "title", "status", "impact", "urgency",
                                            "priority", "group", "escalation_level"});
  }

  TEST_CASE("tags are normalised; a tag with a space is refused")
  {
    CHECK(model::normalise_tags({"VPN", " printer", "vpn", ""})
          == std::vector<std::string>{"printer", "vpn"});
    CHECK_THROWS_AS(model::normalise_tags({"two words"}), Error);
  }

  TEST_CASE("a ref is one line without control characters")
  {
    CHECK_FALSE(model::ref_problem("INC0012345"));
    CHECK_FALSE(model::ref_problem("nagios:db1/disk space"));
    CHECK(model::ref_problem("") == "must not be empty");
    CHECK(model::ref_problem("  ") == "must not be empty");
    for (const std::string_view bad : {"a\nb", "tab\there", "esc\x1b[31m", "del\x7f"}) {
      CAPTURE(bad);
      CHECK(model::ref_problem(bad) == "must not contain control characters or line breaks");
    }
  }
}

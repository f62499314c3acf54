#include "lib/hooks/protocol.hpp"

#include "lib/util/error.hpp"
#include "tests/unit/time_support.hpp"

#include <doctest/doctest.h>

using namespace sdesk;

namespace {

model::Ticket sample()
{
  model::Ticket t;
  t.id = 7;
  t.title = "Printer jammed";
  t.created = t.updated = test::at(2026, 11, 2, 9);
  t.group = "service-desk";
  return t;
}

} // namespace

TEST_SUITE("hooks::apply_patch")
{
  const auto config = config::load_text("[desk]\ncategories = [\"hardware\", \"software\"]\n", "test.toml");

  TEST_CASE("sets the fields of a JSON object, as import reads them; blank output patches nothing")
  {
    auto t = sample();
    CHECK_FALSE(hooks::apply_patch("  \n", config, t));
    CHECK(hooks::apply_patch("{\"category\": \"hardware\",\n \"tags\": [\"b\", \"a\"]}\n", config, t));
    CHECK(t.category == "hardware");
    CHECK(t.tags == std::vector<std::string>{"a", "b"});
    CHECK(t.title == "Printer jammed");
  }

  TEST_CASE("impact or urgency without a priority derives it from the matrix")
  {
    auto t = sample();
    CHECK(hooks::apply_patch("{\"impact\": \"high\", \"urgency\": \"high\"}", config, t));
    CHECK(t.priority == 1);
  }

  TEST_CASE("refuses what a person could not set, bad values and values the configuration does not list")
  {
    auto t = sample();
    CHECK_THROWS_WITH_AS(hooks::apply_patch("{\"status\": \"closed\"}", config, t),
                         doctest::Contains("a hook cannot patch it"), Error);
    CHECK_THROWS_AS(hooks::apply_patch("{\"impact\": \"huge\"}", config, t), Error);
    CHECK_THROWS_WITH_AS(hooks::apply_patch("{\"category\": \"food\"}", config, t),
                         doctest::Contains("food"), Error);
    CHECK_THROWS_WITH_AS(hooks::apply_patch("[1]", config, t), doctest::Contains("not a JSON object"), Error);
    CHECK_THROWS_AS(hooks::apply_patch("{\"group\": \"nowhere\"}", config, t), Error);
    CHECK(t.category == std::nullopt);
  }
}

TEST_SUITE("hooks::patch_events")
{
  TEST_CASE("updates the event of a patched field and adds one for a field without")
  {
    ops::ChangeSet set;
    auto before = sample();
    auto after = before;
    after.assignee = "alice";
    set.records.push_back({before, after});
    model::Event e;
    e.ticket_id = 7;
    e.at = test::at(2026, 11, 2, 10);
    e.actor = "agent";
    e.action = model::Action::assign;
    e.field = "assignee";
    e.new_value = "alice";
    e.note = "take it";
    set.events.push_back(e);
    const auto unpatched = set.records[0].after;
    set.records[0].after.assignee = "bob";
    set.records[0].after.category = "hardware";
    hooks::patch_events(set, 0, unpatched);
    REQUIRE(set.events.size() == 2);
    CHECK(set.events[0].new_value == "bob");
    CHECK(set.events[1].field == "category");
    CHECK(set.events[1].new_value == "hardware");
    CHECK_FALSE(set.events[1].old_value.has_value());
    CHECK(set.events[1].action == model::Action::assign);
    CHECK(set.events[1].at == e.at);
  }

  TEST_CASE("the input object carries the API version, the ticket before and after and the changes")
  {
    const auto before = sample();
    auto after = before;
    after.assignee = "alice";
    model::Event e;
    e.ticket_id = 7;
    e.action = model::Action::assign;
    e.field = "assignee";
    e.new_value = "alice";
    const std::vector<model::Event> events{e};
    const std::string json = hooks::input_json({"pre-change", "agent", "assign", std::nullopt, &before, &after, events});
    CHECK(json.starts_with("{\"api\":1,\"event\":\"pre-change\",\"actor\":\"agent\",\"action\":\"assign\","
                           "\"outbox_id\":null,\"before\":{"));
    CHECK(json.find("\"changes\":[{\"field\":\"assignee\",\"old\":null,\"new\":\"alice\"}]") != std::string::npos);
    CHECK(json.ends_with("}\n"));
  }
}

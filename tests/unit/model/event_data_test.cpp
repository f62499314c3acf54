#include "lib/model/event_data.hpp"

#include <doctest/doctest.h>

using namespace sdesk;

TEST_SUITE("model::EscalationData")
{
  TEST_CASE("written in a fixed key order, absent keys left out, and read back")
  {
    model::EscalationData data;
    data.to = "second-line";
    data.from = "service-desk";
    data.level = 1;
    data.rule = "warn";
    CHECK(model::to_json(data)
          == R"({"from":"service-desk","to":"second-line","level":1,"rule":"warn"})");
    CHECK(model::parse_escalation_data(model::to_json(data)) == data);
    CHECK(model::to_json({}) == "{}");
    CHECK_FALSE(model::parse_escalation_data("[1]"));
    CHECK_FALSE(model::parse_escalation_data("not json"));
    const auto loose = model::parse_escalation_data(R"({"rule":7,"informed":["a",1,"b"],"x":true})");
    REQUIRE(loose);
    CHECK_FALSE(loose->rule);
    CHECK(loose->informed == std::vector<std::string>{"a", "b"});
  }

  TEST_CASE("the notes older sdesks wrote are read once, in their exact form only")
  {
    model::EscalationData d;
    model::read_old_note("informed: service-manager, cio; auto: rule breach (125% of resolution target)",
                         true, false, d);
    CHECK(d.informed == std::vector<std::string>{"service-manager", "cio"});
    CHECK(d.rule == "breach");
    CHECK(d.percent == 125);
    CHECK(d.target == "resolution");

    model::EscalationData manual;
    model::read_old_note("informed: boss; auto: rule warn (copied from last week)", true, false, manual);
    CHECK(manual.informed == std::vector<std::string>{"boss"});
    CHECK_FALSE(manual.rule); // a person's words, not the marker

    model::EscalationData functional;
    model::read_old_note("auto: rule warn (83% of response target)", false, false, functional);
    CHECK(functional.rule == "warn");
    CHECK(functional.target == "response");
    model::EscalationData trailing;
    model::read_old_note("auto: rule warn (83% of response target) and more", false, false, trailing);
    CHECK_FALSE(trailing.rule);

    model::EscalationData skip;
    model::read_old_note("auto: rule warn (101% of resolution target) could not apply: at the last tier",
                         false, true, skip);
    CHECK(skip.rule == "warn");
    CHECK(skip.reason == "at the last tier");
  }
}

#include "lib/model/enums.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

using namespace sdesk;

TEST_SUITE("model::enums")
{
  TEST_CASE("names round-trip and parsing is forgiving about case and separators")
  {
    for (const auto s : model::k_statuses) {
      CHECK(model::parse_status(model::to_string(s)) == s);
    }
    CHECK(model::parse_status("In-Progress") == model::Status::in_progress);
    CHECK(model::parse_kind("REQUEST") == model::Kind::request);
    CHECK(model::parse_level("1", "--impact") == model::Level::high);
    CHECK(model::parse_level("low", "--impact") == model::Level::low);
  }

  TEST_CASE("unknown names list what is accepted, with a suggestion")
  {
    try {
      model::parse_kind("incidnet", "--kind");
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::usage);
      CHECK(std::string(e.what())
            == "--kind: unknown value 'incidnet' (did you mean 'incident'?) (accepted: incident, "
               "request, change, problem)");
    }
    CHECK_THROWS_AS(model::parse_status("open"), Error);
  }

  TEST_CASE("priorities")
  {
    CHECK(model::parse_priority("P2", 4) == 2);
    CHECK(model::parse_priority("3", 4) == 3);
    CHECK_THROWS_AS(model::parse_priority("P5", 4), Error);
    CHECK_THROWS_AS(model::parse_priority("P0", 4), Error);
    CHECK_THROWS_AS(model::parse_priority("high", 4), Error);
    CHECK(model::format_priority(1) == "P1");
  }
}

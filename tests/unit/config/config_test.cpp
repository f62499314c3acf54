#include "lib/config/config.hpp"
#include "lib/util/error.hpp"
#include "tests/unit/config_text_error.hpp"

#include <doctest/doctest.h>

using sdesk::config::Config;
using sdesk::config::load_text;
using sdesk::test::config_text_error;
using sdesk::config::PriorityMatrix;
using sdesk::model::Level;

TEST_SUITE("config::Config")
{
  TEST_CASE("find_group, find_agent and the name lists")
  {
    const Config config = load_text("[groups.l1]\ntier = 1\n[groups.l2]\ntier = 2\n"
                                    "[agents.zoe]\ngroups = [\"l2\"]\n[agents.ana]\n",
                                    "t");
    REQUIRE(config.find_group("l2") != nullptr);
    CHECK(config.find_group("l2")->tier == 2);
    CHECK(config.find_group("l3") == nullptr);
    CHECK(config.find_group("") == nullptr);
    REQUIRE(config.find_agent("zoe") != nullptr);
    CHECK(config.find_agent("zoe")->groups == std::vector<std::string>{"l2"});
    CHECK(config.find_agent("bob") == nullptr);
    CHECK(config.group_names() == std::vector<std::string>{"l1", "l2"});
    CHECK(config.agent_names() == std::vector<std::string>{"ana", "zoe"});
    CHECK(Config{}.group_names().empty());
    CHECK(Config{}.agent_names().empty());
  }
}

TEST_SUITE("config::PriorityMatrix")
{
  TEST_CASE("the default matrix")
  {
    const PriorityMatrix matrix;
    CHECK(matrix.priority(Level::high, Level::high) == 1);
    CHECK(matrix.priority(Level::high, Level::low) == 3);
    CHECK(matrix.priority(Level::low, Level::high) == 3);
    CHECK(matrix.priority(Level::medium, Level::medium) == 3);
    CHECK(matrix.priority(Level::low, Level::low) == 4);
    CHECK(matrix.lowest() == 4);
  }

  TEST_CASE("a configured matrix: rows are impact, columns urgency")
  {
    const Config config =
      load_text("[priority]\nmatrix = [[1, 2, 3], [4, 5, 6], [7, 8, 5]]\n", "t");
    CHECK(config.matrix.priority(Level::high, Level::medium) == 2);
    CHECK(config.matrix.priority(Level::medium, Level::high) == 4);
    CHECK(config.matrix.priority(Level::low, Level::medium) == 8);
    CHECK(config.matrix.lowest() == 8);
    CHECK(load_text("[priority]\nmatrix = [[1, 1, 1], [1, 1, 1], [1, 1, 2]]\n", "t")
            .matrix.lowest()
          == 2);
  }
}

TEST_SUITE("config::validate")
{
  TEST_CASE("a group escalating to itself")
  {
    CHECK(config_text_error("[groups.l1]\ntier = 1\nescalates_to = \"l1\"\n")
          == "site.toml:3: groups.l1.escalates_to: escalation cycle l1 -> l1");
  }

  TEST_CASE("an escalation loop is named from its first group")
  {
    CHECK(config_text_error("[groups.a]\nescalates_to = \"c\"\n"
                     "[groups.b]\nescalates_to = \"c\"\n"
                     "[groups.c]\nescalates_to = \"d\"\n"
                     "[groups.d]\nescalates_to = \"b\"\n")
          == "site.toml:4: groups.b.escalates_to: escalation cycle b -> c -> d -> b");
    CHECK(config_text_error("[groups.x]\nescalates_to = \"y\"\n[groups.y]\nescalates_to = \"x\"\n")
          == "site.toml:2: groups.x.escalates_to: escalation cycle x -> y -> x");
  }

  TEST_CASE("a chain ending at a vendor is fine")
  {
    const Config config = load_text("[groups.l1]\nescalates_to = \"l2\"\n"
                                    "[groups.l2]\ntier = 2\nescalates_to = \"acme\"\n"
                                    "[groups.acme]\ntier = \"vendor\"\n",
                                    "t");
    CHECK(config.find_group("l2")->escalates_to == "acme");
    CHECK(config.default_group == "l1");
  }
}

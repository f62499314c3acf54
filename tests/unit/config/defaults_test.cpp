#include "lib/config/defaults.hpp"
#include "lib/config/layer.hpp"

#include <doctest/doctest.h>

#include <string>

using sdesk::config::detail::defaults;
using sdesk::config::detail::parse_layer;
using sdesk::config::detail::toml_key;
using sdesk::config::detail::Value;

namespace {

// `root` as a TOML document: one `key = value` line per member.
std::string document(const Value& root)
{
  std::string text;
  for (const Value& member : root.children) {
    text += toml_key(member.key) + " = " + member.render() + "\n";
  }
  return text;
}

// Checks that `built` and `parsed` are the same tree, naming the first
// difference by its path.
void check_same(const Value& built, const Value& parsed)
{
  INFO("at '", parsed.path, "'");
  CHECK(built.type == parsed.type);
  CHECK(built.key == parsed.key);
  CHECK(built.path == parsed.path);
  CHECK(built.origin == parsed.origin);
  CHECK(built.text == parsed.text);
  CHECK(built.integer == parsed.integer);
  REQUIRE(built.children.size() == parsed.children.size());
  for (std::size_t i = 0; i < built.children.size(); ++i) {
    check_same(built.children[i], parsed.children[i]);
  }
}

} // namespace

TEST_SUITE("config::defaults")
{
  TEST_CASE("the built tree is what its TOML text parses to")
  {
    const Value built = defaults();
    const std::string text = document(built);
    CAPTURE(text);
    check_same(built, parse_layer(text, "(default)"));
  }

  TEST_CASE("the tree has the shape a parsed layer has")
  {
    const Value built = defaults();
    CHECK(built.path.empty());
    const Value* tier = built.find("groups")->find("second-line")->find("tier");
    REQUIRE(tier != nullptr);
    CHECK(tier->path == "groups.second-line.tier");
    CHECK(tier->integer == 2);
    CHECK(tier->is_default());
    const Value* matrix = built.find("priority")->find("matrix");
    REQUIRE(matrix != nullptr);
    CHECK(matrix->render() == "[[1, 2, 3], [2, 3, 4], [3, 4, 4]]");
    CHECK(matrix->children.at(1).path == "priority.matrix");
    CHECK(built.find("sla")->find("policies")->find("default")->find("response")->find("P4")->text
          == "24h");
  }
}

#include "lib/model/link.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace sdesk;

TEST_SUITE("model::link")
{
  TEST_CASE("the required types exist, each with its inverse")
  {
    const std::set<std::pair<std::string, std::string>> wanted{
      {"caused-by", "causes"},  {"duplicates", "duplicated-by"}, {"relates-to", "relates-to"},
      {"fixed-by", "fixes"},    {"blocks", "blocked-by"},
    };
    std::set<std::pair<std::string, std::string>> have;
    for (const model::LinkType& t : model::link_types()) {
      have.emplace(std::string(t.name), std::string(t.inverse));
    }
    for (const auto& w : wanted) {
      CHECK(have.count(w) == 1);
    }
  }

  TEST_CASE("no name is used twice (every accepted name says one direction of one type)")
  {
    const auto names = model::link_type_names();
    CHECK(std::set<std::string_view>(names.begin(), names.end()).size() == names.size());
  }

  TEST_CASE("a link and its inverse are the same stored link")
  {
    const model::Link a = model::make_link(12, "caused-by", 7);
    CHECK(a == model::Link{12, "caused-by", 7});
    CHECK(model::make_link(7, "causes", 12) == a);
    CHECK(model::make_link(7, "CAUSES", 12) == a);
    CHECK(model::make_link(3, "blocked-by", 5) == model::Link{5, "blocks", 3});
  }

  TEST_CASE("a symmetric link is the same whichever end names it")
  {
    CHECK(model::make_link(12, "relates-to", 7) == model::Link{7, "relates-to", 12});
    CHECK(model::make_link(7, "relates-to", 12) == model::Link{7, "relates-to", 12});
  }

  TEST_CASE("each end sees the link under its own name")
  {
    const model::Link link = model::make_link(12, "caused-by", 7);
    const auto from12 = model::link_end(link, 12);
    CHECK(from12.type == "caused-by");
    CHECK(from12.target == 7);
    const auto from7 = model::link_end(link, 7);
    CHECK(from7.type == "causes");
    CHECK(from7.target == 12);
    const model::Link rel = model::make_link(1, "relates-to", 2);
    CHECK(model::link_end(rel, 2).type == "relates-to");
    CHECK(model::link_end(rel, 2).target == 1);
    CHECK_THROWS_AS(model::link_end(link, 99), Error);
  }

  TEST_CASE("refusals: unknown type (listing the accepted ones), a link to itself")
  {
    try {
      model::make_link(1, "caused_by", 2);
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::usage);
      const std::string what = e.what();
      CHECK(what.starts_with("--type: unknown value 'caused_by' (did you mean 'caused-by'?) (accepted: "
                             "caused-by, causes, duplicates, duplicated-by, relates-to,"));
    }
    try {
      model::make_link(4, "relates-to", 4);
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::usage);
      CHECK(std::string(e.what()) == "ticket 4: a ticket cannot be linked to itself");
    }
  }
}

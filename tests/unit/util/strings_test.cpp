#include "lib/util/strings.hpp"

#include <doctest/doctest.h>

using namespace sdesk::util;

TEST_SUITE("util::strings")
{
  TEST_CASE("split_list trims and drops empty pieces")
  {
    CHECK(split_list(" a, b,,c ") == std::vector<std::string>{"a", "b", "c"});
    CHECK(split_list("").empty());
    CHECK(split_list("x|y", '|') == std::vector<std::string>{"x", "y"});
  }

  TEST_CASE("did_you_mean suggests close names only")
  {
    const std::vector<std::string> names{"service-desk", "second-line", "third-line"};
    CHECK(did_you_mean("second-lin", names) == "second-line");
    CHECK(did_you_mean("thrid-line", names) == "third-line");
    CHECK(did_you_mean("database", names).empty());
    CHECK(did_you_mean("opne", {"open", "close"}) == "open"); // a transposition is one edit
    CHECK(quote_with_suggestion("secnd-line", names) == "'secnd-line' (did you mean 'second-line'?)");
    CHECK(quote_with_suggestion("zzz", names) == "'zzz'");
  }

  TEST_CASE("sanitize_for_terminal neutralises escape sequences")
  {
    CHECK(sanitize_for_terminal("ok\x1b[31mred") == "ok?[31mred");
    CHECK(sanitize_for_terminal("a\nb\tc") == "a b c");
    CHECK(sanitize_for_terminal("a\nb", true) == "a\nb");
    CHECK(sanitize_for_terminal("x\xc2\x9b" "2J") == "x?2J"); // C1 CSI
    CHECK(sanitize_for_terminal("café") == "café");
    CHECK(sanitize_for_terminal(std::string("nul\0x", 5)) == "nul?x");
  }

  TEST_CASE("display width counts code points and truncation marks the cut")
  {
    CHECK(display_width("café") == 4);
    CHECK(truncate_to_width("abcdef", 4) == "abc…");
    CHECK(truncate_to_width("abc", 4) == "abc");
    CHECK(display_width(truncate_to_width("ééééé", 3)) == 3);
  }
}

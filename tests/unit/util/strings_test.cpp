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

  TEST_CASE("sanitize_for_terminal neutralises C1 controls, raw 0x9B and bidi controls")
  {
    CHECK(sanitize_for_terminal("a\x9b" "31mred") == "a?31mred");         // raw 8-bit CSI
    CHECK(sanitize_for_terminal("a\xc2\x85" "b\xc2\x80" "c") == "a?b?c"); // NEL, U+0080
    CHECK(sanitize_for_terminal("\xc2\xa0") == "\xc2\xa0");             // U+00A0 is text
    // RLO (U+202E) and the isolates (U+2066..U+2069), LRE..PDF (U+202A..U+202C)
    CHECK(sanitize_for_terminal("x\u202Etxt.exe") == "x?txt.exe");
    CHECK(sanitize_for_terminal("\u202A\u202B\u202C\u202D") == "????");
    CHECK(sanitize_for_terminal("\u2066a\u2067b\u2068c\u2069") == "?a?b?c?");
    CHECK(sanitize_for_terminal("\u2065\u2029\u200F") == "\u2065\u2029\u200F"); // not listed
    // Bytes that are not UTF-8 become '?' one by one; what follows survives.
    CHECK(sanitize_for_terminal("bad \xff\xfe ok é") == "bad ?? ok é");
    CHECK(sanitize_for_terminal("\xe2\x80") == "??"); // a cut sequence
    CHECK(sanitize_for_terminal("\xed\xa0\x80") == "???"); // a surrogate
  }

  TEST_CASE("quote cuts long values to a short excerpt")
  {
    CHECK(quote("P9") == "'P9'");
    const std::string huge(300000, 'x');
    const std::string quoted = quote(huge);
    CHECK(quoted.size() < 100);
    CHECK(quoted == "'" + std::string(60, 'x') + "…' (300000 bytes)");
    // Never cut inside a character, and never print control characters.
    const std::string accents = std::string(59, 'a') + "éé";
    CHECK(quote(accents) == "'" + std::string(59, 'a') + "…' (63 bytes)");
    CHECK(quote("a\x1b[2Jb") == "'a?[2Jb'");
    CHECK(quote_with_suggestion(huge, {"title"}).size() < 100);
  }
}

#include "lib/util/ics.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace sdesk;

TEST_SUITE("util::ics")
{
  TEST_CASE("TEXT escaping: backslash, semicolon, comma and line breaks")
  {
    CHECK(util::ics_escape("a,b;c\\d") == "a\\,b\\;c\\\\d");
    CHECK(util::ics_escape("one\ntwo\r\nthree\rfour") == "one\\ntwo\\nthree\\nfour");
    CHECK(util::ics_escape("bell\x07 tab\t esc\x1b[31m") == "bell tab esc[31m");
    CHECK(util::ics_escape("Grüße: ok") == "Grüße: ok");
  }

  TEST_CASE("folding at 75 octets, CRLF and a space, never inside a UTF-8 sequence")
  {
    CHECK(util::ics_fold("SUMMARY:short") == "SUMMARY:short\r\n");
    const std::string long_line(160, 'x');
    const std::string folded = util::ics_fold(long_line);
    CHECK(folded == std::string(75, 'x') + "\r\n " + std::string(74, 'x') + "\r\n " + std::string(11, 'x') + "\r\n");
    // 74 ASCII octets then a two-octet letter: the letter moves to the next line whole.
    const std::string umlaut = std::string(74, 'a') + "ü" + "b";
    CHECK(util::ics_fold(umlaut) == std::string(74, 'a') + "\r\n ü" + "b\r\n");
    // Every physical line is at most 75 octets.
    std::string many;
    for (int i = 0; i < 100; ++i) {
      many += "€";
    }
    const std::string out = util::ics_fold("DESCRIPTION:" + many);
    std::size_t start = 0;
    while (start < out.size()) {
      const std::size_t end = out.find("\r\n", start);
      REQUIRE(end != std::string::npos);
      CHECK(end - start <= 75);
      start = end + 2;
    }
  }

  TEST_CASE("UTC date-times")
  {
    CHECK(util::ics_time(util::parse_time("2026-11-10T10:00:00Z", "t")) == "20261110T100000Z");
  }
}

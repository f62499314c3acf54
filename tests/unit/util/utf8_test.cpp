#include "lib/util/utf8.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace sdesk::util;

TEST_SUITE("util::utf8")
{
  TEST_CASE("find_invalid_utf8 accepts well-formed UTF-8")
  {
    CHECK_FALSE(find_invalid_utf8(""));
    CHECK_FALSE(find_invalid_utf8("plain ASCII"));
    CHECK_FALSE(find_invalid_utf8("café – 日本 😀"));
    CHECK_FALSE(find_invalid_utf8("\xc2\x80"));         // U+0080, the smallest 2-byte
    CHECK_FALSE(find_invalid_utf8("\xed\x9f\xbf"));     // U+D7FF, below the surrogates
    CHECK_FALSE(find_invalid_utf8("\xee\x80\x80"));     // U+E000, above them
    CHECK_FALSE(find_invalid_utf8("\xf4\x8f\xbf\xbf")); // U+10FFFF, the largest
    CHECK_FALSE(find_invalid_utf8(std::string("a\0b", 3)));
  }

  TEST_CASE("find_invalid_utf8 finds the first bad byte")
  {
    CHECK(find_invalid_utf8("bad \xff") == 4);
    CHECK(find_invalid_utf8("\x80") == 0);               // a lone continuation byte
    CHECK(find_invalid_utf8("\x9b[2J") == 0);            // raw 8-bit CSI
    CHECK(find_invalid_utf8("ab\xc3") == 2);             // cut at the end
    CHECK(find_invalid_utf8("\xc3(") == 0);              // continuation missing
    CHECK(find_invalid_utf8("\xc0\xaf") == 0);           // overlong '/'
    CHECK(find_invalid_utf8("\xc1\xbf") == 0);           // overlong
    CHECK(find_invalid_utf8("\xe0\x80\xaf") == 0);       // overlong 3-byte
    CHECK(find_invalid_utf8("\xf0\x80\x80\xaf") == 0);   // overlong 4-byte
    CHECK(find_invalid_utf8("x\xed\xa0\x80") == 1);      // U+D800, a surrogate
    CHECK(find_invalid_utf8("\xed\xbf\xbf") == 0);       // U+DFFF
    CHECK(find_invalid_utf8("\xf4\x90\x80\x80") == 0);   // U+110000, too large
    CHECK(find_invalid_utf8("\xf5\x80\x80\x80") == 0);
    CHECK(find_invalid_utf8("é\xe2\x82") == 2);          // a cut euro sign
  }

  TEST_CASE("decode_utf8 returns the code point and its length")
  {
    const std::string text = "aé€😀";
    CHECK(decode_utf8(text, 0).value == U'a');
    CHECK(decode_utf8(text, 1).value == U'é');
    CHECK(decode_utf8(text, 1).length == 2);
    CHECK(decode_utf8(text, 3).value == U'€');
    CHECK(decode_utf8(text, 3).length == 3);
    CHECK(decode_utf8(text, 6).value == U'😀');
    CHECK(decode_utf8(text, 6).length == 4);
    CHECK(decode_utf8(text, 2).length == 0); // inside a character
  }

  TEST_CASE("utf8_prefix never splits a character")
  {
    CHECK(utf8_prefix("abc", 10) == "abc");
    CHECK(utf8_prefix("abc", 2) == "ab");
    CHECK(utf8_prefix("aé", 2) == "a");
    CHECK(utf8_prefix("a€b", 3) == "a");
    CHECK(utf8_prefix("a€b", 4) == "a€");
  }
}

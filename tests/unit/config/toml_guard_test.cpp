#include "lib/config/config.hpp"
#include "lib/config/toml_guard.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

#include <string>

using sdesk::config::load_text;
using sdesk::config::detail::check_toml_text;
using sdesk::config::detail::toml_whitespace_lookup_undefined;

namespace {

// The message of the Error(config) that loading `toml` throws, or "".
std::string load_error(const std::string& toml)
{
  try {
    load_text(toml, "site.toml");
  } catch (const sdesk::Error& e) {
    return e.kind() == sdesk::ErrorKind::config ? e.what() : std::string("not config: ") + e.what();
  }
  return "";
}

} // namespace

TEST_SUITE("config::check_toml_text")
{
  // Before the check these reached TOML_UNREACHABLE in toml++ 3.3's
  // is_non_ascii_horizontal_whitespace (undefined behaviour: UBSan aborts
  // with "execution reached an unreachable program point"; a Release build
  // carried on with whatever followed in the code).
  TEST_CASE("a key with U+02DB or U+0300 is bad TOML, with file, line and column")
  {
    CHECK(load_error("[desk]\ncategories\u02DB = [\"a\"]\n")
          == "site.toml:2:11: bad TOML: U+02DB outside a quoted string or comment (bare keys are ASCII "
             "letters, digits, '_' and '-'; quote other keys)");
    CHECK(load_error("x\u0300 = 1\n")
          == "site.toml:1:2: bad TOML: U+0300 outside a quoted string or comment (bare keys are ASCII "
             "letters, digits, '_' and '-'; quote other keys)");
    CHECK(load_error("[groups.l1]\ntier = true\u00E9\n").starts_with("site.toml:2:12: bad TOML: U+00E9 outside"));
    CHECK(load_error("[groups.a\u0400]\n").starts_with("site.toml:1:10: bad TOML: U+0400 outside"));
    CHECK(load_error("a = \"x\"\u3001\n").starts_with("site.toml:1:8: bad TOML: U+3001 outside"));
  }

  // Found by the config fuzz target: toml++ reads a number or date up to
  // the next value terminator, quotes included, before it checks it.
  TEST_CASE("in a number, date or bare key starting with a digit or sign")
  {
    CHECK(load_error("[groups.l1]\ntier = 177'{{laf\u00E9\"]\n")
          == "site.toml:2:17: bad TOML: U+00E9 in a number, date or bare key (TOML allows only ASCII "
             "there; quote strings and keys with other characters)");
    CHECK(load_error("d = 1'\u00E9'\n").starts_with("site.toml:1:7: bad TOML: U+00E9 in a number"));
    CHECK(load_error("d = -1\"\u00E9\"\n").starts_with("site.toml:1:8: bad TOML: U+00E9 in a number"));
    CHECK(load_error("d = 2026-12-25 1'\u00E9'\n").starts_with("site.toml:1:18: bad TOML: U+00E9 in a number"));
    CHECK_NOTHROW(check_toml_text("x = 1 # \u00E9\ny = [1,'\u00E9']\nx-y.'\u00E9' = 1\na1 = '\u00E9'\n", "site.toml"));
  }

  TEST_CASE("after a backslash in a basic string")
  {
    CHECK(load_error("a = \"\"\"x\\\u00E9\"\"\"\n")
          == "site.toml:1:10: bad TOML: U+00E9 after a backslash in a string (accepted escapes: \\b \\t "
             "\\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)");
    // First on a line continued by a line-ending backslash, after blanks.
    CHECK(load_error("[agents.a]\nemail = \"\"\"a\\\n\n  \t\u0301\"\"\"\n")
          == "site.toml:4:4: bad TOML: U+0301 first on a line continued by a backslash (the TOML parser "
             "cannot read it there; start the line with another character or write \\u0301)");
    CHECK(load_error("a = \"\"\"x\\  \u00E9\"\"\"\n").starts_with("site.toml:1:12: bad TOML: U+00E9 first"));
    CHECK(load_error("a = \"\"\"x\\\n\u00A0\u00E9\"\"\"\n").starts_with("site.toml:2:2: bad TOML: U+00E9 first"));
  }

  TEST_CASE("strings and comments may hold any character")
  {
    CHECK_NOTHROW(check_toml_text("# caf\u00E9 \u02DB\n[groups.\"caf\u00E9\"] # \u0300\ntier = 1\n"
                                  "x = 'caf\u00E9'\ny = '''\u00E9'''\nz = \"\"\"a\\\n  \u4E2D\u00E9\"\"\"\n"
                                  "w = \"\"\"\"\u00E9\"\"\"\"\nv = '''''\u00E9'''''\n",
                                  "site.toml"));
    CHECK_NOTHROW(check_toml_text("\xEF\xBB\xBFx = 1\n", "site.toml"));
    // Closing quotes: up to two more belong to a multi-line string.
    CHECK(load_error("a = \"\"\"x\"\"\"\"\" \u00E9\n").starts_with("site.toml:1:15: bad TOML: U+00E9 outside"));
    // Not UTF-8: left to toml++, which refuses it before reading further.
    CHECK(load_error("a = 1 # \xFF\n\u00E9 = 2\n").starts_with("site.toml:1:"));
  }

  TEST_CASE("the code points toml++ 3.3's white-space lookup is undefined for")
  {
    CHECK_FALSE(toml_whitespace_lookup_undefined(U'a'));
    CHECK_FALSE(toml_whitespace_lookup_undefined(0xA0));
    CHECK(toml_whitespace_lookup_undefined(0xA1));
    CHECK(toml_whitespace_lookup_undefined(0x2DB));
    CHECK(toml_whitespace_lookup_undefined(0x300));
    CHECK(toml_whitespace_lookup_undefined(0x499));
    CHECK_FALSE(toml_whitespace_lookup_undefined(0x49A));
    CHECK_FALSE(toml_whitespace_lookup_undefined(0x2C5D));
    CHECK(toml_whitespace_lookup_undefined(0x2C5E));
    CHECK(toml_whitespace_lookup_undefined(0x2FFF));
    CHECK_FALSE(toml_whitespace_lookup_undefined(0x3000));
    CHECK(toml_whitespace_lookup_undefined(0x3001));
    CHECK(toml_whitespace_lookup_undefined(0x3057));
    CHECK_FALSE(toml_whitespace_lookup_undefined(0x3058));
    CHECK_FALSE(toml_whitespace_lookup_undefined(0xFB25));
    CHECK(toml_whitespace_lookup_undefined(0xFB26));
    CHECK(toml_whitespace_lookup_undefined(0xFEFE));
    CHECK_FALSE(toml_whitespace_lookup_undefined(0xFEFF));
    CHECK_FALSE(toml_whitespace_lookup_undefined(0x10FFFF));
    CHECK_FALSE(toml_whitespace_lookup_undefined(0x4E2D));
  }
}

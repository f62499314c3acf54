#include "lib/util/email_address.hpp"

#include <doctest/doctest.h>

using sdesk::util::address_problem;

TEST_SUITE("util::address_problem")
{
  TEST_CASE("bare addresses pass")
  {
    CHECK_FALSE(address_problem("ann@example.org"));
    CHECK_FALSE(address_problem("first.last+tag@sub.example.co.uk"));
    CHECK_FALSE(address_problem("root@localhost"));
    CHECK(sdesk::util::normalise_address("Ann@Example.ORG") == "ann@example.org");
  }

  TEST_CASE("what a header could misread, or no address at all, is refused")
  {
    CHECK(address_problem("") == "empty");
    CHECK(address_problem("ann") == "expected one '@' with text on both sides");
    CHECK(address_problem("@example.org"));
    CHECK(address_problem("ann@"));
    CHECK(address_problem("a@b@example.org"));
    CHECK(address_problem("ann@.example.org") == "the domain has an empty label");
    CHECK(address_problem("ann@example..org"));
    CHECK(address_problem("ann@example.org."));
    for (const char* bad : {"Ann <ann@example.org>", "ann @example.org", "ann@example.org\r\nBcc: x@y", "a,b@example.org",
                            "a;b@example.org", "\"a\"@example.org", "a\tb@example.org", "(c)a@example.org"}) {
      CAPTURE(bad);
      CHECK(address_problem(bad));
    }
    CHECK(address_problem(std::string(64, 'a') + "@" + std::string(189, 'b')) == std::nullopt); // 254 bytes
    CHECK(address_problem(std::string(64, 'a') + "@" + std::string(190, 'b'))->starts_with("too long"));
  }
}

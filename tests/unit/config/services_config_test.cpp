// [services.NAME] (lib/config/sections_services.cpp): subscribers of a
// service's announcements.

#include "lib/config/config.hpp"
#include "lib/util/error.hpp"
#include "tests/unit/config_text_error.hpp"

#include <doctest/doctest.h>

#include <string>

using sdesk::config::load_text;
using sdesk::test::config_text_error;

TEST_SUITE("config [services]")
{
  TEST_CASE("subscribers are lower-cased, deduplicated and sorted; a service without the table has none")
  {
    const auto config = load_text("[services.vpn]\nsubscribers = [\"Zoe@Example.org\", \"ann@example.org\", "
                                  "\"ZOE@example.org\"]\n[services.email]\n",
                                  "site.toml");
    REQUIRE(config.find_service("vpn") != nullptr);
    CHECK(config.find_service("vpn")->subscribers == std::vector<std::string>{"ann@example.org", "zoe@example.org"});
    REQUIRE(config.find_service("email") != nullptr);
    CHECK(config.find_service("email")->subscribers.empty());
    CHECK(config.find_service("wifi") == nullptr);
  }

  TEST_CASE("errors name the file, the key and what is accepted")
  {
    CHECK(config_text_error("[services.vpn]\nsubscribers = [\"Ann <ann@example.org>\"]\n")
          == "site.toml:2: services.vpn.subscribers: not an email address: 'Ann <ann@example.org>' (it holds white "
             "space, a control character or one of <>()[],;:\"\\)");
    CHECK(config_text_error("[services.vpn]\nsubscriber = []\n").find("did you mean 'subscribers'?") != std::string::npos);
    CHECK(config_text_error("[desk]\nservices = [\"vpn\"]\n[services.wifi]\n").find("service 'wifi' is not in desk.services "
                                                                               "(accepted: vpn)")
          != std::string::npos);
    CHECK(config_text_error("[services.vpn]\nsubscribers = \"ann@example.org\"\n").find("expected an array of strings")
          != std::string::npos);
  }
}

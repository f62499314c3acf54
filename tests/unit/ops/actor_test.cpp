#include "lib/ops/actor.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

using sdesk::Error;
using sdesk::ErrorKind;
using sdesk::ops::choose_actor;
using sdesk::store::ConnectedRole;

TEST_SUITE("ops::choose_actor")
{
  TEST_CASE("a store file: the name given, else the login name")
  {
    CHECK(choose_actor(std::string("bob"), "--as", "alice", std::nullopt).name == "bob");
    CHECK(choose_actor(std::string("bob"), "--as", "alice", std::nullopt).fixed());
    const auto login = choose_actor(std::nullopt, "SDESK_USER", "alice", std::nullopt);
    CHECK(login.name == "alice");
    CHECK_FALSE(login.fixed());
  }

  TEST_CASE("a role that acts for others: the name given, else the role")
  {
    const ConnectedRole gateway{"gateway", [] { return true; }};
    CHECK(choose_actor(std::string("carol"), "--as", "root", gateway).name == "carol");
    const auto itself = choose_actor(std::nullopt, "--as", "root", gateway);
    CHECK(itself.name == "gateway");
    CHECK_FALSE(itself.fixed()); // tick may still act as sdesk-tick
  }

  TEST_CASE("any other role: itself, and no one else")
  {
    const ConnectedRole alice{"alice", [] { return false; }};
    const auto plain = choose_actor(std::nullopt, "--as", "root", alice);
    CHECK(plain.name == "alice");
    CHECK(plain.fixed()); // tick records the role, not sdesk-tick
    CHECK(choose_actor(std::string("alice"), "--as", "root", alice).name == "alice");
    try {
      choose_actor(std::string("bob"), "SDESK_USER", "root", alice);
      FAIL("another name was accepted");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::refused);
      CHECK(std::string(e.what()).starts_with("SDESK_USER 'bob': the connected role 'alice' may act only as itself"));
    }
  }

  TEST_CASE("a role's rights are asked for only when they decide the actor")
  {
    int asked = 0;
    const ConnectedRole counted{"alice", [&asked] {
                                  ++asked;
                                  return true;
                                }};
    CHECK(choose_actor(std::nullopt, "--as", "root", counted).name == "alice");
    CHECK(choose_actor(std::string("alice"), "--as", "root", counted).name == "alice");
    CHECK(asked == 0);
    CHECK(choose_actor(std::string("bob"), "--as", "root", counted).name == "bob");
    CHECK(asked == 1);
    CHECK_FALSE(choose_actor(std::nullopt, "--as", "root", counted).fixed());
    CHECK(asked == 2);
  }

  TEST_CASE("a name given must name someone, on one line, whatever the store")
  {
    const auto usage = [](const std::string& name, const char* source) {
      try {
        choose_actor(name, source, "alice", std::nullopt);
      } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::usage);
        return std::string(e.what());
      }
      return std::string("accepted");
    };
    CHECK(usage("", "--as") == "--as: must not be empty (accepted: a user name on one line)");
    CHECK(usage(" \t", "SDESK_USER") == "SDESK_USER: must not be empty (accepted: a user name on one line)");
    CHECK(usage("ann\nbob", "--as") == "--as: must be a single line (accepted: a user name on one line)");
    CHECK(usage("ann\r", "--as") == "--as: must be a single line (accepted: a user name on one line)");
    CHECK(usage("Ann Smith", "--as") == "accepted");
  }
}

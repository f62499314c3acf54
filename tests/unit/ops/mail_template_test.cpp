#include "lib/ops/mail_template.hpp"

#include "lib/config/config.hpp"
#include "lib/util/error.hpp"
#include "tests/unit/temp_dir.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace sdesk;

TEST_SUITE("ops::mail_template")
{
  TEST_CASE("placeholders are replaced, braces doubled stay, absent values are '-'")
  {
    const auto m = ops::render_template("t", "Subject: {tag} {title}\n\nHi {requester}, {{not}} {note}.\n",
                                        {{"tag", "[sdesk #3]"}, {"title", "VPN\ndown"}, {"requester", "ann"}});
    CHECK(m.subject == "[sdesk #3] VPN\ndown"); // queue_mail makes it one line
    CHECK(m.body == "Hi ann, {not} -.\n");
  }

  TEST_CASE("a bad template is Error(config) naming it")
  {
    const auto kind = [](std::string_view text) {
      try {
        ops::render_template("open.txt", text, {});
      } catch (const Error& e) {
        CHECK(std::string(e.what()).find("open.txt") != std::string::npos);
        return e.kind();
      }
      return ErrorKind::internal;
    };
    CHECK(kind("Subject: {bogus}\n\nx") == ErrorKind::config);
    CHECK(kind("Subject: {title\n\nx") == ErrorKind::config);
    CHECK(kind("Subject: x}\n\nx") == ErrorKind::config);
    CHECK(kind("Hello\n\nx") == ErrorKind::config);
    CHECK(kind("Subject: x\nbody") == ErrorKind::config);
  }

  TEST_CASE("every event has a built-in template that renders; a file in mail.templates replaces it")
  {
    for (const std::string_view event : config::k_notify_events) {
      const auto m = ops::render_template(event, ops::builtin_template(event), {{"title", "Printer"}});
      CHECK(m.subject.find("Printer") == 0);
      CHECK_FALSE(m.body.empty());
    }
    test::TempDir dir;
    std::ofstream(dir.path / "open.txt") << "Subject: Got it: {title}\n\nThanks.\n";
    CHECK(ops::load_template(dir.path.string(), "open") == "Subject: Got it: {title}\n\nThanks.\n");
    CHECK(ops::load_template(dir.path.string(), "comment") == ops::builtin_template("comment"));
    CHECK(ops::load_template(std::nullopt, "open") == ops::builtin_template("open"));
  }

  TEST_CASE("[mail.notify] and the mail out keys are read and checked")
  {
    const auto c = config::load_text("[mail]\naddress = \"d@example.org\"\ndeliver = \"commit\"\nhourly_limit = 5\n"
                                     "send_timeout = \"2m\"\n[mail.notify]\ncomment = []\nopen = [\"requester\"]\n",
                                     "t.toml");
    CHECK(c.mail.deliver_at_commit);
    CHECK(c.mail.hourly_limit == 5);
    CHECK(c.mail.send_timeout == std::chrono::seconds{120});
    REQUIRE(c.mail.notify.size() == 2);
    CHECK(c.mail.notify[0].first == "open"); // in the order of k_notify_events
    CHECK(c.mail.notify[1].second.empty());
    CHECK_THROWS_AS(config::load_text("[mail.notify]\nopen = [\"boss\"]\n", "t.toml"), Error);
    CHECK_THROWS_AS(config::load_text("[mail.notify]\nreopen = [\"requester\"]\n", "t.toml"), Error);
    CHECK_THROWS_AS(config::load_text("[mail]\nsend_timeout = \"2h\"\n", "t.toml"), Error);
    CHECK_THROWS_AS(config::load_text("[escalation.rules.x]\nat = \"50%\"\naction = \"shout\"\n", "t.toml"), Error);
    const auto n = config::load_text("[escalation.rules.x]\nat = \"50%\"\naction = \"notify\"\n", "t.toml");
    REQUIRE(n.escalation_rules.size() == 1);
    CHECK(n.escalation_rules[0].notify);
  }
}

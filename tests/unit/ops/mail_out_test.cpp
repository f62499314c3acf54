// Mail out: the one outgoing queue (queue_mail, deliver_mail) and the
// notifications written from the outbox (notify_due), on the backend under
// test, with a fake sendmail that keeps what it is given.

#include "lib/ops/mail_out.hpp"
#include "lib/ops/notify.hpp"

#include "lib/mail/message.hpp"
#include "lib/ops/open_ticket.hpp"
#include "lib/ops/watch.hpp"
#include "lib/ops/workflow.hpp"
#include "lib/util/error.hpp"
#include "tests/unit/fixture.hpp"
#include "tests/unit/temp_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace sdesk;
using test::at;

namespace {

// A fake sendmail in `dir`: appends each message to dir/sent (a line "--"
// between them) and exits with the number in dir/exit (0 without it).
std::string fake_sendmail(const std::filesystem::path& dir)
{
  const auto path = dir / "sendmail";
  std::ofstream(path) << "#!/bin/sh\n"
                      << "{ cat; echo --; } >>'" << (dir / "sent").string() << "'\n"
                      << "code=$(cat '" << (dir / "exit").string() << "' 2>/dev/null || echo 0)\n"
                      << "[ \"$code\" = 0 ] || echo \"queue full\" >&2\n"
                      << "exit \"$code\"\n";
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  return path.string();
}

std::string read(const std::filesystem::path& path)
{
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string mail_toml(const std::string& sendmail, std::string_view extra = "")
{
  return "[mail]\naddress = \"desk@example.org\"\nsendmail = [\"" + sendmail + "\", \"-oi\", \"-t\"]\n"
         + std::string(extra) + "\n[agents.alice]\nemail = \"alice@example.org\"\ngroups = [\"service-desk\"]\n"
         + "[agents.bob]\nemail = \"bob@example.org\"\ngroups = [\"service-desk\"]\n"
         + "[groups.service-desk]\nemail = \"sd@example.org\"\n";
}

model::TicketId open_for(test::Desk& desk, const std::string& requester, const std::string& actor)
{
  ops::OpenRequest r;
  r.title = "Printer jammed";
  r.requester = requester;
  auto ctx = desk.as(actor);
  return ops::open_ticket(ctx, r).id;
}

std::vector<store::QueuedMail> queued(test::Desk& desk)
{
  auto ctx = desk.ctx();
  return ops::mail_outbox(ctx).messages;
}

} // namespace

TEST_SUITE("ops::mail_out")
{
  TEST_CASE("queue_mail writes the whole message once, tagged, threaded and recorded for replies")
  {
    test::TempDir dir;
    test::Desk desk(mail_toml(fake_sendmail(dir.path)));
    const auto id = open_for(desk, "ann@example.org", "alice");
    auto ctx = desk.ctx();
    {
      store::Transaction tx(*desk.store, store::TxMode::write);
      desk.backend->mail().add_message("first@user.example", id, store::MailDirection::in, desk.now);
      ops::MailToSend m{"Ann@Example.org", "Ann", "Printer jammed\r\nBcc: evil@example.net", "Hello,\nbody\n", id,
                        "notify:test", "k1"};
      CHECK(ops::queue_mail(ctx, m).has_value());
      CHECK_FALSE(ops::queue_mail(ctx, m).has_value()); // the same key and recipient: once
      tx.commit();
    }
    const auto q = queued(desk);
    REQUIRE(q.size() == 1);
    CHECK(q[0].recipient == "ann@example.org");
    CHECK(q[0].subject == "[sdesk #1] Printer jammed  Bcc: evil@example.net");
    const mail::Message m = mail::parse_message(q[0].message);
    CHECK(m.from->address == "desk@example.org");
    CHECK(m.to.size() == 1);
    CHECK(m.cc.empty());
    CHECK(q[0].message.find("\nBcc:") == std::string::npos);
    CHECK(m.message_id == q[0].message_id);
    CHECK(m.in_reply_to == "first@user.example");
    CHECK(m.references == std::vector<std::string>{"first@user.example"});
    CHECK(m.auto_submitted == "auto-generated");
    CHECK(m.loop == "desk@example.org");
    CHECK(m.text.find("Hello,\nbody") == 0);
    store::Transaction tx(*desk.store, store::TxMode::read);
    CHECK(desk.backend->mail().find_message(q[0].message_id) == id); // a reply to it finds the ticket
    CHECK(desk.backend->mail().thread_ends(id)->second == q[0].message_id);
  }

  TEST_CASE("queue_mail refuses a recipient that is no plain address, and works only with mail.address")
  {
    test::Desk desk(mail_toml("/bin/true"));
    auto ctx = desk.ctx();
    store::Transaction tx(*desk.store, store::TxMode::write);
    ops::MailToSend m{"ann@example.org\nBcc: evil@example.net", "", "s", "b", std::nullopt, "x", "k"};
    CHECK_THROWS_AS(ops::queue_mail(ctx, m), Error);
    test::Desk bare;
    auto bare_ctx = bare.ctx();
    store::Transaction bare_tx(*bare.store, store::TxMode::write);
    try {
      ops::queue_mail(bare_ctx, {"ann@example.org", "", "s", "b", std::nullopt, "x", "k"});
      FAIL("queued without mail.address");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::config);
    }
  }

  TEST_CASE("notifications: the requester's acknowledgement, public comments to requester and watchers, not the actor")
  {
    test::TempDir dir;
    test::Desk desk(mail_toml(fake_sendmail(dir.path)));
    const auto id = open_for(desk, "ann@example.org", "ann@example.org");
    auto ctx = desk.ctx();
    std::vector<std::string> details;
    CHECK(ops::notify_due(ctx, 100, details) == 1);
    {
      auto alice = desk.as("alice");
      ops::add_watchers(alice, id, {"bob", "carol@example.org"});
      ops::comment(alice, id, "A technician is on the way.");
      ops::comment(alice, id, "Toner ordered from the usual vendor.", true); // internal: nobody
    }
    CHECK(ops::notify_due(ctx, 100, details) == 3);
    CHECK(details.empty());
    const auto q = queued(desk);
    std::vector<std::string> got;
    for (const auto& m : q) {
      got.push_back(m.kind + " " + m.recipient);
    }
    // open: the requester (who opened it; no watchers then); comment: the
    // requester and the watchers, not alice who wrote it.
    CHECK(got == std::vector<std::string>{"notify:open ann@example.org", "notify:comment ann@example.org",
                                          "notify:comment bob@example.org", "notify:comment carol@example.org"});
    CHECK(q[1].message.find("A technician is on the way.") != std::string::npos);
    CHECK(q[1].subject == "[sdesk #1] Printer jammed");
    for (const auto& m : q) {
      CHECK(m.message.find("Toner") == std::string::npos);
    }
    CHECK(ops::notify_due(ctx, 100, details) == 0); // done once
    // Threading: the comment answers the acknowledgement.
    const mail::Message comment = mail::parse_message(q[1].message);
    CHECK(comment.in_reply_to == q[0].message_id);
  }

  TEST_CASE("an internal comment is no first response")
  {
    test::Desk desk(mail_toml("/bin/true"));
    const auto id = open_for(desk, "ann@example.org", "ann@example.org");
    auto ctx = desk.as("alice");
    CHECK_FALSE(ops::comment(ctx, id, "looking", true).first_response.has_value());
    CHECK(ops::comment(ctx, id, "on it").first_response.has_value());
  }

  TEST_CASE("[mail.notify] decides who hears of what; a bad template is retried with its reason")
  {
    test::TempDir dir;
    std::filesystem::create_directory(dir.path / "templates");
    std::ofstream(dir.path / "templates" / "comment.txt") << "Subject: {title} {nonsense}\n\nx\n";
    test::Desk desk(mail_toml(fake_sendmail(dir.path), "templates = \"" + (dir.path / "templates").string()
                                                         + "\"\n[mail.notify]\nopen = []\nresolve = [\"group\"]\n"));
    const auto id = open_for(desk, "ann@example.org", "alice");
    {
      auto ctx = desk.as("alice");
      ops::comment(ctx, id, "hello");
      ops::resolve(ctx, id, "fixed", std::string("Replaced the fuser."));
    }
    auto ctx = desk.ctx();
    std::vector<std::string> details;
    CHECK(ops::notify_due(ctx, 100, details) == 1);
    const auto box = ops::mail_outbox(ctx);
    REQUIRE(box.messages.size() == 1);
    CHECK(box.messages[0].recipient == "sd@example.org"); // resolve: the group only
    CHECK(box.messages[0].message.find("Replaced the fuser.") != std::string::npos);
    REQUIRE(box.notifications.size() == 1); // the comment, its template refused
    CHECK(box.notifications[0].attempts == 1);
    CHECK(box.notifications[0].last_error.value_or("").find("unknown placeholder {nonsense}") != std::string::npos);
    REQUIRE(details.size() == 1);
  }

  TEST_CASE("deliver_mail: sent, failed with the reason and retried later, deferred by the hourly limit")
  {
    test::TempDir dir;
    test::Desk desk(mail_toml(fake_sendmail(dir.path), "hourly_limit = 2"));
    auto ctx = desk.ctx();
    {
      store::Transaction tx(*desk.store, store::TxMode::write);
      for (int i = 0; i < 3; ++i) {
        ops::queue_mail(ctx, {"ann@example.org", "", "s", "b", std::nullopt, "x", "k" + std::to_string(i)});
      }
      ops::queue_mail(ctx, {"bob@example.org", "", "s", "b", std::nullopt, "x", "k"});
      tx.commit();
    }
    std::ofstream(dir.path / "exit") << "75\n";
    ops::MailDelivery d = ops::deliver_mail(ctx);
    CHECK(d.failed == 4);
    CHECK(d.sent == 0);
    auto box = ops::mail_outbox(ctx).messages;
    REQUIRE(box.size() == 4);
    CHECK(box[0].last_error == "the sendmail command exited with status 75: queue full");
    CHECK(box[0].next_attempt == desk.now + std::chrono::minutes{1});
    CHECK(ops::deliver_mail(ctx).failed == 0); // not due again yet
    std::filesystem::remove(dir.path / "exit");
    desk.now += std::chrono::minutes{1};
    auto later = desk.ctx();
    d = ops::deliver_mail(later);
    CHECK(d.sent == 3); // two to ann (the limit), one to bob
    CHECK(d.deferred == 1);
    box = ops::mail_outbox(later).messages;
    REQUIRE(box.size() == 1);
    CHECK(box[0].recipient == "ann@example.org");
    CHECK(box[0].attempts == 1);
    CHECK(box[0].last_error.value_or("").find("mail.hourly_limit 2") != std::string::npos);
    CHECK(box[0].next_attempt == desk.now + std::chrono::hours{1} + std::chrono::seconds{1});
    desk.now += std::chrono::hours{1} + std::chrono::seconds{1};
    auto hour_later = desk.ctx();
    CHECK(ops::deliver_mail(hour_later).sent == 1);
    CHECK(ops::mail_outbox(hour_later).messages.empty());
    const std::string sent = read(dir.path / "sent");
    std::size_t messages = 0;
    for (auto at = sent.find("\n--\n"); at != std::string::npos; at = sent.find("\n--\n", at + 1)) {
      ++messages;
    }
    CHECK(messages == 8); // 4 failed tries, then 4 sent
  }
}

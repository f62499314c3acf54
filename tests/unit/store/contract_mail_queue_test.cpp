// The store contract, part 8: the outgoing mail queue
// (Backend::mail_queue()) and the thread of a ticket's messages
// (MailStore::thread_ends). Through the interfaces alone, on any backend
// (see contract_support.hpp).

#include "tests/unit/store/contract_support.hpp"

#include "lib/store/mail_queue_store.hpp"
#include "lib/store/mail_store.hpp"

using namespace sdesk;
using namespace sdesk::test::contract;
using test::at;

namespace {

store::QueuedMail mail(std::string id, std::string to, util::Time when, std::optional<model::TicketId> ticket = {})
{
  store::QueuedMail m;
  m.message_id = std::move(id);
  m.ticket = ticket;
  m.kind = "notify:open";
  m.recipient = std::move(to);
  m.subject = "[sdesk #1] printer";
  m.message = "From: desk@example.org\nTo: ann@example.org\n\nhello\n";
  m.created = when;
  m.next_attempt = when;
  return m;
}

} // namespace

TEST_SUITE("store contract: mail queue")
{
  TEST_CASE("a message is queued once by its Message-ID and is due from its next attempt, oldest first")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    const auto ticket_id = add(b.tickets(), ticket("printer", at(2026, 3, 1)));
    store::Transaction tx(b.tickets(), store::TxMode::write);
    auto& q = b.mail_queue();
    const auto first = q.add(mail("a@desk", "ann@example.org", at(2026, 3, 1, 9), ticket_id));
    const auto second = q.add(mail("b@desk", "bob@example.org", at(2026, 3, 1, 10)));
    REQUIRE(first);
    REQUIRE(second);
    CHECK(*second > *first);
    CHECK_FALSE(q.add(mail("a@desk", "ann@example.org", at(2026, 3, 1, 11))).has_value());
    const auto due = q.due(at(2026, 3, 1, 9), 10);
    REQUIRE(due.size() == 1);
    CHECK(due.front().id == *first);
    CHECK(due.front().ticket == ticket_id);
    CHECK(due.front().recipient == "ann@example.org");
    CHECK(due.front().message == "From: desk@example.org\nTo: ann@example.org\n\nhello\n");
    CHECK(due.front().created == at(2026, 3, 1, 9));
    CHECK(q.due(at(2026, 3, 1, 10), 10).size() == 2);
    CHECK(q.due(at(2026, 3, 1, 10), 1).size() == 1);
    CHECK(q.pending().size() == 2);
    CHECK(error_kind([&] { q.add(mail("c@desk", "x@example.org", at(2026, 3, 1), 999)); }) == ErrorKind::store);
  }

  TEST_CASE("claim takes a due message once; failed, defer and sent record the outcome")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    store::Transaction tx(b.tickets(), store::TxMode::write);
    auto& q = b.mail_queue();
    const auto id = *q.add(mail("a@desk", "ann@example.org", at(2026, 3, 1, 9)));
    CHECK_FALSE(q.claim(id, at(2026, 3, 1, 8), at(2026, 3, 1, 8, 5))); // not due yet
    CHECK(q.claim(id, at(2026, 3, 1, 9), at(2026, 3, 1, 9, 5)));
    CHECK_FALSE(q.claim(id, at(2026, 3, 1, 9, 1), at(2026, 3, 1, 9, 6))); // taken
    q.failed(id, at(2026, 3, 1, 9, 10), "the sendmail command exited with status 75");
    auto pending = q.pending();
    REQUIRE(pending.size() == 1);
    CHECK(pending.front().attempts == 1);
    CHECK(pending.front().next_attempt == at(2026, 3, 1, 9, 10));
    CHECK(pending.front().last_error == "the sendmail command exited with status 75");
    q.defer(id, at(2026, 3, 1, 10), "deferred: hourly limit");
    pending = q.pending();
    CHECK(pending.front().attempts == 1); // a deferral is no attempt
    CHECK(pending.front().next_attempt == at(2026, 3, 1, 10));
    CHECK(q.claim(id, at(2026, 3, 1, 10), at(2026, 3, 1, 10, 5)));
    q.sent(id, at(2026, 3, 1, 10, 1));
    CHECK(q.pending().empty());
    CHECK(q.due(at(2026, 3, 2), 10).empty());
    CHECK_FALSE(q.claim(id, at(2026, 3, 2), at(2026, 3, 2, 0, 5))); // sent
    tx.commit();
  }

  TEST_CASE("sent_to lists the times sent to one address since a time")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    store::Transaction tx(b.tickets(), store::TxMode::write);
    auto& q = b.mail_queue();
    const auto one = *q.add(mail("1@desk", "ann@example.org", at(2026, 3, 1, 9)));
    const auto two = *q.add(mail("2@desk", "ann@example.org", at(2026, 3, 1, 9)));
    const auto other = *q.add(mail("3@desk", "bob@example.org", at(2026, 3, 1, 9)));
    q.add(mail("4@desk", "ann@example.org", at(2026, 3, 1, 9))); // not sent
    q.sent(one, at(2026, 3, 1, 9, 30));
    q.sent(two, at(2026, 3, 1, 8));
    q.sent(other, at(2026, 3, 1, 9, 40));
    CHECK(q.sent_to("ann@example.org", at(2026, 3, 1, 7)) == std::vector<util::Time>{at(2026, 3, 1, 8), at(2026, 3, 1, 9, 30)});
    CHECK(q.sent_to("ann@example.org", at(2026, 3, 1, 9)) == std::vector<util::Time>{at(2026, 3, 1, 9, 30)});
    CHECK(q.sent_to("nobody@example.org", at(2026, 3, 1, 7)).empty());
    tx.commit();
  }

  TEST_CASE("thread_ends: a ticket's oldest and newest message ids, either way")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    const auto one = add(b.tickets(), ticket("printer", at(2026, 3, 1)));
    const auto two = add(b.tickets(), ticket("vpn", at(2026, 3, 1)));
    store::Transaction tx(b.tickets(), store::TxMode::write);
    auto& m = b.mail();
    CHECK_FALSE(m.thread_ends(one).has_value());
    m.add_message("first@user", one, store::MailDirection::in, at(2026, 3, 1, 9));
    CHECK(m.thread_ends(one) == std::pair<std::string, std::string>{"first@user", "first@user"});
    m.add_message("ack@desk", one, store::MailDirection::out, at(2026, 3, 1, 9)); // same second: as recorded
    m.add_message("other@desk", two, store::MailDirection::out, at(2026, 3, 2));
    CHECK(m.thread_ends(one) == std::pair<std::string, std::string>{"first@user", "ack@desk"});
    m.add_message("reply@user", one, store::MailDirection::in, at(2026, 3, 1, 9));
    CHECK(m.thread_ends(one) == std::pair<std::string, std::string>{"first@user", "reply@user"});
    m.add_message("later@desk", one, store::MailDirection::out, at(2026, 3, 1, 9));
    CHECK(m.thread_ends(one) == std::pair<std::string, std::string>{"first@user", "later@desk"});
    CHECK(m.thread_ends(two) == std::pair<std::string, std::string>{"other@desk", "other@desk"});
    tx.commit();
  }
}

// The store contract, part 7: the mail store (Backend::mail()): message
// ids, watchers, attachments stored once by content. Through the
// interfaces alone, on any backend (see contract_support.hpp).

#include "tests/unit/store/contract_support.hpp"

#include "lib/store/mail_store.hpp"

using namespace sdesk;
using namespace sdesk::test::contract;
using test::at;

TEST_SUITE("store contract: mail")
{
  TEST_CASE("a message id names its first ticket; unknown ids and other tickets' are told apart")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    const auto one = add(b.tickets(), ticket("printer", at(2026, 3, 1)));
    const auto two = add(b.tickets(), ticket("vpn", at(2026, 3, 1)));
    {
      store::Transaction tx(b.tickets(), store::TxMode::write);
      CHECK(b.mail().add_message("a@example.org", one, store::MailDirection::in, at(2026, 3, 1)));
      CHECK(b.mail().add_message("b@example.org", two, store::MailDirection::out, at(2026, 3, 1)));
      CHECK_FALSE(b.mail().add_message("a@example.org", two, store::MailDirection::in, at(2026, 3, 2)));
      tx.commit();
    }
    CHECK(b.mail().find_message("a@example.org") == one);
    CHECK(b.mail().find_message("b@example.org") == two);
    CHECK_FALSE(b.mail().find_message("A@example.org").has_value()); // exact
    CHECK_FALSE(b.mail().find_message("c@example.org").has_value());
    store::Transaction tx(b.tickets(), store::TxMode::write);
    CHECK(error_kind([&] { b.mail().add_message("x@y", 99, store::MailDirection::in, at(2026, 3, 1)); }) ==
          ErrorKind::store);
  }

  TEST_CASE("watchers are a sorted set per ticket")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    const auto id = add(b.tickets(), ticket("printer", at(2026, 3, 1)));
    store::Transaction tx(b.tickets(), store::TxMode::write);
    CHECK(b.mail().add_watcher(id, "zoe@example.org", at(2026, 3, 1)));
    CHECK(b.mail().add_watcher(id, "alice", at(2026, 3, 1)));
    CHECK_FALSE(b.mail().add_watcher(id, "alice", at(2026, 3, 2)));
    CHECK(b.mail().watchers(id) == std::vector<std::string>{"alice", "zoe@example.org"});
    CHECK(b.mail().remove_watcher(id, "alice"));
    CHECK_FALSE(b.mail().remove_watcher(id, "alice"));
    CHECK(b.mail().watchers(id) == std::vector<std::string>{"zoe@example.org"});
    tx.commit();
  }

  TEST_CASE("attachments keep their records; equal content is stored once")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    const auto id = add(b.tickets(), ticket("printer", at(2026, 3, 1)));
    const std::string sha(64, 'a');
    store::Transaction tx(b.tickets(), store::TxMode::write);
    b.mail().put_content(sha, std::string("\0bytes", 6));
    b.mail().put_content(sha, std::string("\0bytes", 6));
    store::AttachmentRecord r;
    r.ticket = id;
    r.name = "log.txt";
    r.content_type = "text/plain";
    r.size = 6;
    r.sha256 = sha;
    r.added = at(2026, 3, 1, 9);
    r.added_by = "ann@example.org";
    const auto first = b.mail().add_attachment(r);
    r.name = "copy.txt";
    const auto second = b.mail().add_attachment(r);
    CHECK(second > first);
    const auto list = b.mail().attachments(id);
    REQUIRE(list.size() == 2);
    CHECK(list[0].id == first);
    CHECK(list[0].name == "log.txt");
    CHECK(list[0].added == at(2026, 3, 1, 9));
    CHECK(list[0].added_by == "ann@example.org");
    CHECK(list[1].name == "copy.txt");
    CHECK(b.mail().content(sha) == std::string("\0bytes", 6));
    CHECK_FALSE(b.mail().content(std::string(64, 'b')).has_value());
    r.sha256 = std::string(64, 'c');
    CHECK(error_kind([&] { b.mail().add_attachment(r); }) == ErrorKind::store);
    tx.commit();
  }
}

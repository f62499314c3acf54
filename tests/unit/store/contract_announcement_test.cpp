// The store contract, part 8: the announcement store
// (Backend::announcements()): service subscriptions and announcements.
// Through the interfaces alone, on any backend (see contract_support.hpp).

#include "tests/unit/store/contract_support.hpp"

#include "lib/store/announcement_store.hpp"

using namespace sdesk;
using namespace sdesk::test::contract;
using test::at;

namespace {

store::Announcement announcement(std::string service, util::Time created)
{
  store::Announcement a;
  a.service = std::move(service);
  a.subject = "VPN maintenance";
  a.body = "two short drops";
  a.created = created;
  a.created_by = "alice";
  a.recipients = 2;
  return a;
}

std::vector<std::int64_t> ids(const std::vector<store::Announcement>& list)
{
  std::vector<std::int64_t> out;
  for (const auto& a : list) {
    out.push_back(a.id);
  }
  return out;
}

} // namespace

TEST_SUITE("store contract: announcements")
{
  TEST_CASE("subscriptions are a set per service, sorted by service and address")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    store::Transaction tx(b.tickets(), store::TxMode::write);
    store::AnnouncementStore& s = b.announcements();
    CHECK(s.add_subscriber("vpn", "zoe@example.org", at(2026, 3, 1), "alice"));
    CHECK(s.add_subscriber("vpn", "ann@example.org", at(2026, 3, 2), "bob"));
    CHECK(s.add_subscriber("email", "zoe@example.org", at(2026, 3, 1), "alice"));
    CHECK_FALSE(s.add_subscriber("vpn", "ann@example.org", at(2026, 3, 3), "carol"));
    const auto vpn = s.subscribers(std::string("vpn"));
    REQUIRE(vpn.size() == 2);
    CHECK(vpn[0].address == "ann@example.org");
    CHECK(vpn[0].added == at(2026, 3, 2)); // the first subscription is kept
    CHECK(vpn[0].added_by == "bob");
    CHECK(vpn[1].address == "zoe@example.org");
    const auto all = s.subscribers(std::nullopt);
    REQUIRE(all.size() == 3);
    CHECK(all[0].service == "email");
    CHECK(s.remove_subscriber("vpn", "ann@example.org"));
    CHECK_FALSE(s.remove_subscriber("vpn", "ann@example.org"));
    CHECK(s.subscribers(std::string("vpn")).size() == 1);
    CHECK(s.subscribers(std::string("wifi")).empty());
    tx.commit();
  }

  TEST_CASE("announcements keep every field; ids grow; a rolled-back one is gone")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    const auto change = add(b.tickets(), ticket("swap the VPN gateway", at(2026, 3, 1)));
    store::Announcement windowed = announcement("vpn", at(2026, 3, 1));
    windowed.from = at(2026, 3, 4);
    windowed.to = at(2026, 3, 5);
    windowed.change = change;
    {
      store::Transaction tx(b.tickets(), store::TxMode::write);
      CHECK(b.announcements().add_announcement(windowed) == 1);
      CHECK(b.announcements().add_announcement(announcement("email", at(2026, 3, 2))) == 2);
      tx.commit();
    }
    {
      store::Transaction tx(b.tickets(), store::TxMode::write);
      b.announcements().add_announcement(announcement("wifi", at(2026, 3, 2)));
    } // rolled back
    const auto all = b.announcements().announcements({});
    REQUIRE(all.size() == 2);
    const store::Announcement& a = all[0];
    CHECK(a.id == 1);
    CHECK(a.service == "vpn");
    CHECK(a.subject == "VPN maintenance");
    CHECK(a.body == "two short drops");
    CHECK(a.from == at(2026, 3, 4));
    CHECK(a.to == at(2026, 3, 5));
    CHECK(a.change == change);
    CHECK(a.created == at(2026, 3, 1));
    CHECK(a.created_by == "alice");
    CHECK(a.recipients == 2);
    CHECK_FALSE(all[1].from.has_value());
    CHECK_FALSE(all[1].change.has_value());
    store::Transaction tx(b.tickets(), store::TxMode::write);
    store::Announcement orphan = announcement("vpn", at(2026, 3, 1));
    orphan.change = 99;
    CHECK(error_kind([&] { b.announcements().add_announcement(orphan); }) == ErrorKind::store);
  }

  TEST_CASE("current: the window contains the instant (half open), or no window and recent")
  {
    auto made = test::fresh_backend();
    auto& b = *made.backend;
    store::Announcement past = announcement("vpn", at(2026, 3, 1));
    past.from = at(2026, 3, 2);
    past.to = at(2026, 3, 3);
    store::Announcement now = announcement("vpn", at(2026, 3, 1));
    now.from = at(2026, 3, 3); // starts when `past` ends
    now.to = at(2026, 3, 6);
    store::Announcement old_news = announcement("vpn", at(2026, 3, 1));
    store::Announcement fresh_news = announcement("vpn", at(2026, 3, 4));
    {
      store::Transaction tx(b.tickets(), store::TxMode::write);
      for (const auto& a : {past, now, old_news, fresh_news}) {
        b.announcements().add_announcement(a);
      }
      tx.commit();
    }
    store::AnnouncementQuery query;
    query.current_at = at(2026, 3, 3);
    query.recent_since = at(2026, 3, 2);
    CHECK(ids(b.announcements().announcements(query)) == std::vector<std::int64_t>{2});
    query.current_at = at(2026, 3, 4);
    query.recent_since = at(2026, 3, 4);
    CHECK(ids(b.announcements().announcements(query)) == std::vector<std::int64_t>{2, 4});
    query.current_at = at(2026, 3, 6); // `now` has ended
    query.recent_since = at(2026, 2, 1);
    CHECK(ids(b.announcements().announcements(query)) == std::vector<std::int64_t>{3, 4});
    CHECK(ids(b.announcements().announcements({})) == std::vector<std::int64_t>{1, 2, 3, 4});
  }
}

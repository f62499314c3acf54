// The store contract, part 7: the ChangeStore (issue 9): the change
// report's records, review actions and incident links. Through the
// interface alone, on any backend.

#include "tests/unit/store/contract_support.hpp"

using namespace sdesk;
using namespace sdesk::test::contract;
using test::at;

namespace {

std::int64_t secs(util::Time t)
{
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

model::Ticket change(std::string title, util::Time created, model::Status status,
                     std::optional<std::string> change_type)
{
  model::Ticket t = ticket(std::move(title), created);
  t.kind = model::Kind::change;
  t.status = status;
  t.change_type = std::move(change_type);
  return t;
}

} // namespace

TEST_SUITE("store contract: changes")
{
  TEST_CASE("change_report: first status moves, review outcomes and incident links in the window")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    const auto cid = add(s, change("c", at(2026, 3, 1), model::Status::implementing, "emergency"));
    const auto normal = add(s, change("n", at(2026, 3, 2), model::Status::requested, std::nullopt));
    add(s, change("after", at(2026, 4, 2), model::Status::requested, std::nullopt));
    const auto iid = add(s, ticket("i", at(2026, 3, 2)));
    const auto other = add(s, ticket("not a change", at(2026, 3, 2)));
    auto linked = event(cid, at(2026, 3, 5), "link");
    linked.data = R"({"type":"causes","target":)" + std::to_string(iid) + "}";
    auto reverse = event(cid, at(2026, 3, 5), "link");
    reverse.data = R"({"type":"caused-by","target":)" + std::to_string(other) + "}";
    auto early = event(cid, at(2026, 2, 20), "review", "outcome", std::nullopt, "failed");
    early.data = R"({"outcome":"failed"})";
    auto reviewed = event(cid, at(2026, 3, 6), "review", "status", "implementing", "review");
    reviewed.data = R"({"outcome":"backed_out"})";
    auto outcome = event(cid, at(2026, 3, 6), "review", "outcome", std::nullopt, "backed_out");
    add_events(s, {event(cid, at(2026, 3, 1), "open", "status", std::nullopt, "requested"),
                   event(cid, at(2026, 3, 2), "approve", "status", "assessed", "approved"),
                   event(cid, at(2026, 3, 3), "start", "status", "scheduled", "implementing"),
                   event(cid, at(2026, 3, 4), "approve", "status", "assessed", "approved"), early, linked,
                   reverse, reviewed, outcome});
    std::vector<store::ChangeRecord> records;
    std::vector<store::ChangeReviewEvent> reviews;
    std::vector<store::ChangeLinkEvent> links;
    store::Transaction tx(s, store::TxMode::read);
    made.backend->changes().change_report(
      {secs(at(2026, 3, 1)), secs(at(2026, 4, 1))}, {},
      [&](const store::ChangeRecord& r) { records.push_back(r); },
      [&](const store::ChangeReviewEvent& r) { reviews.push_back(r); },
      [&](const store::ChangeLinkEvent& l) { links.push_back(l); });
    REQUIRE(records.size() == 2);
    std::sort(records.begin(), records.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    CHECK(records[0].id == cid);
    CHECK(records[0].created == secs(at(2026, 3, 1)));
    CHECK(records[0].emergency);
    CHECK(records[0].approved == secs(at(2026, 3, 2)));
    CHECK_FALSE(records[0].rejected.has_value());
    CHECK(records[0].implementing == secs(at(2026, 3, 3)));
    CHECK(records[1].id == normal);
    CHECK_FALSE(records[1].emergency);
    CHECK_FALSE(records[1].approved.has_value());
    REQUIRE(reviews.size() == 1);
    CHECK(reviews[0].change == cid);
    CHECK(reviews[0].at == secs(at(2026, 3, 6)));
    CHECK(reviews[0].outcome == "backed_out");
    REQUIRE(links.size() == 1);
    CHECK(links[0].change == cid);
    CHECK(links[0].incident == iid);
    CHECK(links[0].at == secs(at(2026, 3, 5)));
  }
}

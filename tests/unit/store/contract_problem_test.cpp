// The store contract, part 6: the ProblemStore (issue 9): known errors by
// service and category, candidate groups of unlinked incidents, and the
// problem report's records. Through the interface alone, on any backend.

#include "tests/unit/store/contract_support.hpp"

#include "lib/model/link.hpp"

using namespace sdesk;
using namespace sdesk::test::contract;
using test::at;

namespace {

model::Ticket with(model::Ticket t, model::Kind kind, model::Status status, std::optional<std::string> service,
                   std::optional<std::string> category)
{
  t.kind = kind;
  t.status = status;
  t.service = std::move(service);
  t.category = std::move(category);
  return t;
}

std::int64_t secs(util::Time t)
{
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

} // namespace

TEST_SUITE("store contract: problems")
{
  TEST_CASE("known_errors: problems in known_error with that service and category, by id")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    const auto t0 = at(2026, 1, 1);
    auto known = with(ticket("known", t0), model::Kind::problem, model::Status::known_error, "web", "disk");
    known.workaround = "rm logs";
    const auto a = add(s, known);
    add(s, with(ticket("investigating", t0), model::Kind::problem, model::Status::investigating, "web", "disk"));
    add(s, with(ticket("other service", t0), model::Kind::problem, model::Status::known_error, "db", "disk"));
    const auto b = add(s, with(ticket("second", t0), model::Kind::problem, model::Status::known_error, "web", "disk"));
    store::Transaction tx(s, store::TxMode::read);
    const auto found = made.backend->problems().known_errors("web", "disk");
    REQUIRE(found.size() == 2);
    CHECK(found[0].id == a);
    CHECK(found[0].title == "known");
    CHECK(found[0].workaround == "rm logs");
    CHECK(found[1].id == b);
    CHECK_FALSE(found[1].workaround);
    CHECK(made.backend->problems().known_errors("web", "net").empty());
  }

  TEST_CASE("candidates: groups of unlinked incidents in the window, at least min, largest first")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    const auto inc = [&](int day, std::optional<std::string> service, std::optional<std::string> category) {
      return add(s, with(ticket("i", at(2026, 3, day)), model::Kind::incident, model::Status::new_,
                         std::move(service), std::move(category)));
    };
    const auto v1 = inc(2, "vpn", "net");
    const auto v2 = inc(5, "vpn", "net");
    const auto v3 = inc(9, "vpn", "net");
    const auto m1 = inc(3, "mail", "net");
    const auto m2 = inc(4, "mail", "net");
    inc(6, std::nullopt, "net"); // no service: in no group
    inc(20, "vpn", "net");       // after the window
    const auto linked = inc(7, "mail", "net");
    const auto problem = add(s, with(ticket("p", at(2026, 3, 1)), model::Kind::problem, model::Status::new_,
                                     std::nullopt, std::nullopt));
    {
      store::Transaction tx(s, store::TxMode::write);
      s.add_link(model::make_link(linked, "caused-by", problem));
      tx.commit();
    }
    store::CandidateQuery q;
    q.from = secs(at(2026, 3, 1));
    q.to = secs(at(2026, 3, 10));
    q.by = {store::CandidateKey::category, store::CandidateKey::service};
    q.min = 2;
    store::Transaction tx(s, store::TxMode::read);
    const auto groups = made.backend->problems().candidates(q);
    REQUIRE(groups.size() == 2);
    CHECK(groups[0].keys == std::vector<std::string>{"net", "vpn"});
    CHECK(groups[0].count == 3);
    CHECK(groups[0].first == secs(at(2026, 3, 2)));
    CHECK(groups[0].last == secs(at(2026, 3, 9)));
    CHECK(groups[0].ids == std::vector<model::TicketId>{v1, v2, v3});
    CHECK(groups[1].ids == std::vector<model::TicketId>{m1, m2});
    q.min = 3;
    CHECK(made.backend->problems().candidates(q).size() == 1);
  }

  TEST_CASE("problem_report: each problem with its first known_error time, and link actions in the window")
  {
    auto made = test::fresh_backend();
    auto& s = made.backend->tickets();
    auto p = with(ticket("p", at(2026, 3, 1)), model::Kind::problem, model::Status::resolved, std::nullopt,
                  std::nullopt);
    p.resolved = at(2026, 3, 8);
    const auto pid = add(s, p);
    const auto iid = add(s, ticket("i", at(2026, 3, 2)));
    add(s, ticket("not a problem", at(2026, 3, 2)));
    auto linked = event(pid, at(2026, 3, 3), "link");
    linked.data = R"({"type":"causes","target":)" + std::to_string(iid) + "}";
    add_events(s, {event(pid, at(2026, 3, 4), "known_error", "status", "investigating", "known_error"),
                   event(pid, at(2026, 3, 6), "known_error", "status", "investigating", "known_error"),
                   linked});
    std::vector<store::ProblemRecord> records;
    std::vector<store::ProblemLinkEvent> links;
    store::Transaction tx(s, store::TxMode::read);
    made.backend->problems().problem_report(
      {secs(at(2026, 3, 1)), secs(at(2026, 4, 1))}, {},
      [&](const store::ProblemRecord& r) { records.push_back(r); },
      [&](const store::ProblemLinkEvent& l) { links.push_back(l); });
    REQUIRE(records.size() == 1);
    CHECK(records[0].id == pid);
    CHECK(records[0].created == secs(at(2026, 3, 1)));
    CHECK(records[0].known_error == secs(at(2026, 3, 4)));
    CHECK(records[0].resolved == secs(at(2026, 3, 8)));
    REQUIRE(links.size() == 1);
    CHECK(links[0].problem == pid);
    CHECK(links[0].incident == iid);
    CHECK(links[0].at == secs(at(2026, 3, 3)));
  }
}

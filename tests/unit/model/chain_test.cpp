#include "lib/model/chain.hpp"

#include "tests/unit/time_support.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using model::Action;
using model::Event;

namespace {

std::string hex(std::string_view bytes)
{
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out += k_digits[byte >> 4];
    out += k_digits[byte & 0xf];
  }
  return out;
}

// The worked example of docs/history.md (computed independently there).
Event opened()
{
  return {1, 42, test::at(2026, 11, 2, 9), "alice", Action::open, "status", std::nullopt,
          std::string("new"), std::nullopt, std::nullopt};
}

Event escalated()
{
  return {2, 42, test::at(2026, 11, 2, 10), "bob", Action::escalate, "group",
          std::string("service-desk"), std::string("second-line"),
          std::string("auto: rule warn (83% of resolution target)"),
          std::string(R"({"from":"service-desk","to":"second-line","level":1,"rule":"warn","percent":83,"target":"resolution"})")};
}

model::StoredChain stored(std::vector<Event> events)
{
  model::StoredChain chain;
  for (const Event& e : events) {
    chain.hashes.push_back(model::extend(chain.head, e));
  }
  chain.events = std::move(events);
  return chain;
}

} // namespace

TEST_SUITE("model::chain")
{
  TEST_CASE("the canonical encoding and the chain hashes of the documented example")
  {
    CHECK(hex(model::canonical_encoding(opened()))
          == "01000000000000002a000000006ae8511000000005616c696365000000046f70656e0100000006737461"
             "7475730001000000036e65770000");
    const auto h1 = model::chain_hash({}, opened());
    CHECK(util::to_hex(h1) == "96c5443d53257237b493263b19d67836de48eac7f7bb49ad0ebebe743656b795");
    const auto h2 = model::chain_hash(h1, escalated());
    CHECK(util::to_hex(h2) == "9ee0d67fc6768e4cc6734d27e9c464371c115c6fc698989c296b3d83adee1285");
    const auto head = model::chain_head(std::vector{opened(), escalated()}, 2);
    CHECK(head.count == 2);
    CHECK(head.head == h2);
  }

  TEST_CASE("absent and empty texts encode differently; the event id is not encoded")
  {
    Event a = opened();
    Event b = opened();
    b.note = std::string();
    CHECK(model::canonical_encoding(a) != model::canonical_encoding(b));
    b = opened();
    b.id = 99;
    CHECK(model::canonical_encoding(a) == model::canonical_encoding(b));
  }

  TEST_CASE("check_chain names the first broken event and what is wrong")
  {
    auto chain = stored({opened(), escalated()});
    CHECK_FALSE(model::check_chain(chain));

    auto edited = chain;
    edited.events[0].actor = "mallory";
    auto broken = model::check_chain(edited);
    REQUIRE(broken);
    CHECK(broken->event_id == 1);
    CHECK(broken->problem == model::ChainProblem::hash_mismatch);

    auto missing = chain;
    missing.hashes[1].reset();
    broken = model::check_chain(missing);
    REQUIRE(broken);
    CHECK(broken->event_id == 2);
    CHECK(broken->problem == model::ChainProblem::missing_hash);

    auto removed_first = chain; // the second event's hash no longer follows
    removed_first.events.erase(removed_first.events.begin());
    removed_first.hashes.erase(removed_first.hashes.begin());
    broken = model::check_chain(removed_first);
    REQUIRE(broken);
    CHECK(broken->event_id == 2);
    CHECK(broken->problem == model::ChainProblem::hash_mismatch);

    auto removed_last = chain;
    removed_last.events.pop_back();
    removed_last.hashes.pop_back();
    broken = model::check_chain(removed_last);
    REQUIRE(broken);
    CHECK(broken->problem == model::ChainProblem::count_mismatch);
    CHECK(broken->message == "the ticket records 2 events, its history has 1 (events inserted or removed)");

    auto head = chain;
    head.head.head[0] ^= 1;
    broken = model::check_chain(head);
    REQUIRE(broken);
    CHECK(broken->event_id == 2);
    CHECK(broken->problem == model::ChainProblem::head_mismatch);
  }
}

#include "tests/unit/fixture.hpp"
#include "tests/unit/io/reader_test_support.hpp"

#include "lib/ops/change.hpp"
#include "lib/ops/import.hpp"
#include "lib/ops/open_ticket.hpp"
#include "lib/ops/read.hpp"
#include "lib/ops/workflow.hpp"
#include "lib/ops/write.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

using namespace sdesk;

namespace {

model::TicketId open(test::Desk& desk, const std::string& title = "Mail bounces")
{
  auto ctx = desk.ctx();
  ops::OpenRequest r;
  r.title = title;
  return ops::open_ticket(ctx, r).id;
}

// The outbox, oldest first.
std::vector<model::OutboxEntry> outbox(test::Desk& desk)
{
  std::vector<model::OutboxEntry> entries;
  desk.store->for_each_queued(std::nullopt, [&](const model::OutboxEntry& e) { entries.push_back(e); });
  return entries;
}

// The stored event with id `id` (REQUIREd to exist).
model::Event event(test::Desk& desk, model::TicketId ticket, std::int64_t id)
{
  for (const auto& e : desk.store->events(ticket)) {
    if (e.id == id) {
      return e;
    }
  }
  FAIL("no event ", id, " on ticket ", ticket);
  return {};
}

// What the store holds: tickets, events, outbox rows.
std::vector<std::int64_t> counts(test::Desk& desk)
{
  return {desk.count("ticket"), desk.count("ticket_event"), desk.count("outbox")};
}

ops::ImportSummary import_text(test::Desk& desk, std::string_view jsonl, bool notify)
{
  test::ReadAll all(jsonl);
  const auto reader = io::make_reader(io::Format::jsonl, all.input, all.fields, all.builder);
  auto ctx = desk.as("importer");
  ops::ImportOptions options;
  options.notify = notify;
  return ops::import_tickets(
    ctx, [&](io::ImportRecord& record) { return reader->next(record); }, options);
}

// A change set that opens ticket `title` as open_ticket would, at `at`.
ops::ChangeSet new_ticket(const std::string& title, util::Time at)
{
  model::Ticket t;
  t.title = title;
  t.created = at;
  t.updated = at;
  ops::ChangeSet set;
  for (auto& field : model::initial_fields(t)) {
    set.events.push_back({0, 0, at, "agent", model::Action::open, std::move(field.field), std::nullopt,
                          std::move(field.new_value), std::nullopt, std::nullopt});
  }
  set.records.push_back({std::nullopt, std::move(t)});
  return set;
}

} // namespace

TEST_SUITE("ops::write")
{
  TEST_CASE("a new record that breaks an invariant writes nothing")
  {
    test::Desk desk;
    auto ctx = desk.ctx();
    auto set = new_ticket("x", desk.now);
    set.records.front().after.resolved = desk.now; // resolved while new
    store::Transaction tx(*desk.store, store::TxMode::write);
    try {
      ops::write_changes(ctx, set);
      FAIL("accepted");
    } catch (const ops::InvariantRefused& e) {
      CHECK(e.kind() == ErrorKind::refused);
      CHECK(e.violation().rule == model::k_rule_resolved_status);
      CHECK(std::string(e.what()).find("(rule resolved-status)") != std::string::npos);
    }
    tx.commit();
    CHECK(counts(desk) == std::vector<std::int64_t>{0, 0, 0});
  }

  TEST_CASE("a change that breaks the lifecycle or history order writes nothing")
  {
    test::Desk desk;
    const auto id = open(desk);
    const auto before = counts(desk);
    auto ctx = desk.ctx();
    const model::Ticket stored = ops::load_ticket(*desk.store, id);
    {
      // new -> closed: not a move the lifecycle allows.
      ops::ChangeSet set;
      model::Ticket after = stored;
      after.status = model::Status::closed;
      after.resolved = desk.now;
      after.closed = desk.now;
      set.records.push_back({stored, after});
      set.events.push_back({0, id, desk.now, "agent", model::Action::close, "status", "new", "closed",
                            std::nullopt, std::nullopt});
      store::Transaction tx(*desk.store, store::TxMode::write);
      CHECK_THROWS_WITH_AS(ops::write_changes(ctx, set),
                           doctest::Contains("it cannot move to closed"), Error);
      tx.commit();
    }
    CHECK(counts(desk) == before);
    desk.now += std::chrono::minutes{10};
    auto later = desk.ctx();
    ops::comment(later, id, "on it");
    const auto commented = counts(desk);
    {
      // An event before the ticket's last change (the comment).
      const model::Ticket current = ops::load_ticket(*desk.store, id);
      ops::ChangeSet set;
      set.records.push_back({current, current});
      set.events.push_back({0, id, desk.now - std::chrono::minutes{1}, "agent", model::Action::comment,
                            std::nullopt, std::nullopt, std::nullopt, "late", std::nullopt});
      store::Transaction tx(*desk.store, store::TxMode::write);
      CHECK_THROWS_WITH_AS(ops::write_changes(ctx, set),
                           doctest::Contains("would be before its last change"), ops::InvariantRefused);
      tx.commit();
    }
    CHECK(counts(desk) == commented);
    CHECK(commented[0] == before[0]);
  }

  TEST_CASE("open queues one row for its action, naming its first event")
  {
    test::Desk desk;
    const auto id = open(desk);
    const auto entries = outbox(desk);
    REQUIRE(entries.size() == 1);
    const auto events = desk.store->events(id);
    CHECK(events.size() > 1); // one event per initial field, one row
    CHECK(entries[0].event_id == events.front().id);
    CHECK(entries[0].kind == "open");
    CHECK(entries[0].ticket_id == id);
    CHECK(entries[0].created == desk.now);
    CHECK(desk.store->queued(id).size() == 1);
  }

  TEST_CASE("a change queues one row per action; a repeat that changes nothing none")
  {
    test::Desk desk;
    const auto id = open(desk);
    const auto other = open(desk, "VPN down");
    desk.now += std::chrono::minutes{5};
    auto ctx = desk.ctx();
    ops::resolve(ctx, id, "fixed", std::string("done")); // status, resolved, code, note, SLA fields
    CHECK(desk.store->events(id).size() > desk.store->queued(id).size() + 3);
    ops::comment(ctx, other, "looking");
    const auto entries = outbox(desk);
    REQUIRE(entries.size() == 4);
    CHECK(entries[2].kind == "resolve");
    CHECK(entries[2].ticket_id == id);
    CHECK(event(desk, id, entries[2].event_id).action == model::Action::resolve);
    CHECK(entries[3].kind == "comment");
    CHECK(event(desk, other, entries[3].event_id).note == "looking");
    // Nothing to record: no event, no row.
    ops::change_ticket(ctx, other, model::Action::update, std::nullopt, [](model::Ticket&) {});
    CHECK(outbox(desk).size() == 4);
    CHECK(desk.store->queued(id).size() == 2);
  }

  TEST_CASE("a rollback leaves no outbox rows")
  {
    test::Desk desk;
    auto ctx = desk.ctx();
    {
      store::Transaction tx(*desk.store, store::TxMode::write);
      auto set = new_ticket("x", desk.now);
      ops::write_changes(ctx, set);
      CHECK(desk.count("outbox") == 1);
    } // not committed
    CHECK(counts(desk) == std::vector<std::int64_t>{0, 0, 0});
  }

  TEST_CASE("a set whose link cannot be stored (no ticket 99) writes nothing")
  {
    test::Desk desk;
    auto ctx = desk.ctx();
    {
      store::Transaction tx(*desk.store, store::TxMode::write);
      auto set = new_ticket("x", desk.now);
      set.links.push_back({1, "relates-to", 99, true}); // the links are written last
      CHECK_THROWS_AS(ops::write_changes(ctx, set), Error);
    }
    CHECK(counts(desk) == std::vector<std::int64_t>{0, 0, 0});
  }

  TEST_CASE("a set's links are written with its records and events")
  {
    test::Desk desk;
    auto ctx = desk.ctx();
    {
      store::Transaction tx(*desk.store, store::TxMode::write);
      auto first = new_ticket("a", desk.now);
      ops::write_changes(ctx, first);
      auto second = new_ticket("b", desk.now);
      second.links.push_back({1, "relates-to", 2, true});
      ops::write_changes(ctx, second);
      tx.commit();
    }
    CHECK(desk.store->links(1) == std::vector<model::Link>{{1, "relates-to", 2}});
  }

  TEST_CASE("held-back sets get their rows at flush, with the ids their events got")
  {
    test::Desk desk;
    auto ctx = desk.ctx();
    store::Transaction tx(*desk.store, store::TxMode::write);
    ops::ChangeWriter writer(ctx, ops::ChangeWriter::Batch::new_records);
    std::vector<model::TicketId> ids;
    for (int i = 0; i < 5; ++i) { // > 32 events: many rows per INSERT
      auto set = new_ticket("t" + std::to_string(i), desk.now);
      writer.write(set);
      ids.push_back(set.records.front().after.id);
    }
    CHECK(desk.count("outbox") == 0);
    CHECK(desk.count("ticket_event") == 0);
    writer.flush();
    tx.commit();
    const auto entries = outbox(desk);
    REQUIRE(entries.size() == 5);
    for (std::size_t i = 0; i < 5; ++i) {
      CHECK(entries[i].ticket_id == ids[i]);
      CHECK(entries[i].event_id == desk.store->events(ids[i]).front().id);
    }
  }

  TEST_CASE("append returns the ids the events got")
  {
    test::Desk desk;
    const auto id = open(desk);
    std::vector<model::Event> events(40, {0, id, desk.now, "agent", model::Action::comment, std::nullopt,
                                          std::nullopt, std::nullopt, "n", std::nullopt});
    store::Transaction tx(*desk.store, store::TxMode::write);
    const auto ids = desk.store->append(events);
    tx.commit();
    const auto stored = desk.store->events(id);
    REQUIRE(ids.size() == 40);
    for (std::size_t i = 0; i < 40; ++i) {
      CHECK(ids[i] == stored[stored.size() - 40 + i].id);
    }
  }

  TEST_CASE("import queues nothing by default; with notify one row per notifiable action")
  {
    const std::string jsonl =
      R"({"ref":"R-1","title":"Mail","created":"2026-01-05T09:00:00Z","events":[)"
      R"({"at":"2026-01-05T09:30:00Z","status":"in_progress","actor":"alice"},)"
      R"({"at":"2026-01-05T10:00:00Z","action":"comment","note":"logs?"},)"
      R"({"at":"2026-01-06T12:00:00Z","status":"resolved"}],"resolution_code":"fixed"})"
      "\n";
    test::Desk quiet;
    import_text(quiet, jsonl, false);
    CHECK(quiet.count("ticket_event") > 0);
    CHECK(quiet.count("outbox") == 0);

    test::Desk loud;
    import_text(loud, jsonl, true);
    std::vector<std::string> kinds;
    for (const auto& e : outbox(loud)) {
      kinds.push_back(e.kind);
      CHECK(model::to_string(event(loud, 1, e.event_id).action) == e.kind);
      CHECK(e.created == loud.now); // queued at the time of the import
    }
    CHECK(kinds == std::vector<std::string>{"open", "start", "comment", "resolve"});

    // An update by ref: its changes under "import" are not notifiable.
    const auto before = loud.count("outbox");
    import_text(loud, R"({"ref":"R-1","title":"Mail bounces"})" "\n", true);
    CHECK(loud.count("outbox") == before);
    import_text(loud, R"({"ref":"R-1","status":"closed","closed":"2026-01-07T09:00:00Z"})" "\n", true);
    CHECK(outbox(loud).back().kind == "close");
  }

  TEST_CASE("import: an invariant the write path refuses is the record's usage error")
  {
    test::Desk desk;
    try {
      import_text(desk,
                  R"({"title":"x","created":"2026-01-05T09:00:00Z","status":"new","resolved":"2026-01-05T10:00:00Z"})"
                  "\n",
                  false);
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::usage);
      CHECK(std::string(e.what()).find("line 1: field 'resolved'") != std::string::npos);
    }
    CHECK(counts(desk) == std::vector<std::int64_t>{0, 0, 0});
  }
}

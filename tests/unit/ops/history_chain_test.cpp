#include "tests/unit/fixture.hpp"

#include "lib/ops/auto_escalate.hpp"
#include "lib/ops/checkpoint.hpp"
#include "lib/ops/open_ticket.hpp"
#include "lib/ops/routing.hpp"
#include "lib/ops/verify.hpp"
#include "lib/ops/workflow.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <algorithm>

#include <string>
#include <vector>

using namespace sdesk;
using test::at;

namespace {

// "ticket:event:problem" for each broken chain verify finds.
std::vector<std::string> breaks(store::TicketStore& s, ops::VerifySummary* summary = nullptr,
                                const std::optional<ops::Checkpoint>& against = std::nullopt)
{
  std::vector<std::string> found;
  const auto result = ops::verify_store(
    s,
    [&](const model::Ticket& t, std::span<const model::Violation>,
        const std::optional<model::ChainBreak>& broken) {
      if (broken) {
        found.push_back(fmt::format("{}:{}:{}", t.id, broken->event_id, model::to_string(broken->problem)));
      }
    },
    against);
  if (summary) {
    *summary = result;
  }
  return found;
}

// Three tickets with some history, as the commands write it.
void fill(test::Desk& desk)
{
  auto ctx = desk.ctx();
  ops::OpenRequest request;
  request.title = "Printer jammed";
  for (int i = 0; i < 3; ++i) {
    ops::open_ticket(ctx, request);
  }
  ops::comment(ctx, 1, "looking");
  ops::escalate(ctx, 2, {});
  ops::resolve(ctx, 3, "fixed", std::nullopt);
}

std::int64_t event_of(test::Desk& desk, model::TicketId ticket, int nth)
{
  return desk.store->events(ticket).at(static_cast<std::size_t>(nth)).id;
}

void drop_triggers(test::Desk& desk)
{
  desk.sqlite->exec("DROP TRIGGER ticket_event_no_update; DROP TRIGGER ticket_event_no_delete");
}

} // namespace

TEST_SUITE("ops::history_chain")
{
  TEST_CASE("every write path extends the chain; the ticket row keeps count and head")
  {
    test::Desk desk;
    fill(desk);
    for (model::TicketId id = 1; id <= 3; ++id) {
      const auto chain = desk.store->chain(id).value();
      CHECK(chain.head.count == static_cast<std::int64_t>(chain.events.size()));
      CHECK(chain.head.head == model::chain_head(chain.events, chain.events.size()).head);
      CHECK_FALSE(model::check_chain(chain));
    }
    CHECK_FALSE(desk.store->chain(99));
    CHECK(breaks(*desk.store).empty());
  }

  TEST_CASE("an escalation records from, to and level; a hierarchical one who was informed")
  {
    test::Desk desk;
    fill(desk);
    const auto events = desk.store->events(2);
    const auto& first = *std::find_if(events.begin(), events.end(), [](const model::Event& e) {
      return e.action == model::Action::escalate;
    });
    CHECK(first.data == R"({"from":"service-desk","to":"second-line","level":1})");
    auto ctx = desk.ctx();
    ops::EscalateRequest request;
    request.hierarchical = true;
    request.informed = {"duty-manager", "cio"};
    ops::escalate(ctx, 1, request);
    CHECK(desk.store->events(1).back().data == R"({"informed":["duty-manager","cio"]})");
  }

  TEST_CASE("editing, inserting or deleting an event, with the triggers dropped, is named")
  {
    test::Desk desk;
    if (desk.sqlite == nullptr) {
      return; // rewrites SQLite's tables through its connection
    }
    fill(desk);
    drop_triggers(desk);
    auto& db = *desk.sqlite;

    SUBCASE("an edited event")
    {
      const auto id = event_of(desk, 2, 1);
      db.exec(fmt::format("UPDATE ticket_event SET actor = 'mallory' WHERE id = {}", id));
      CHECK(breaks(*desk.store) == std::vector<std::string>{fmt::format("2:{}:hash-mismatch", id)});
    }
    SUBCASE("an edited action name that is still a known action")
    {
      const auto id = event_of(desk, 1, 0);
      db.exec(fmt::format("UPDATE ticket_event SET action = 'import' WHERE id = {}", id));
      CHECK(breaks(*desk.store) == std::vector<std::string>{fmt::format("1:{}:hash-mismatch", id)});
    }
    SUBCASE("an inserted event without a hash")
    {
      db.exec("INSERT INTO ticket_event (ticket_id, at, actor, action, note)"
              " VALUES (3, 1793610000, 'x', 'comment', 'forged')");
      const auto id = desk.store->events(3).back().id;
      CHECK(breaks(*desk.store) == std::vector<std::string>{fmt::format("3:{}:missing-hash", id)});
    }
    SUBCASE("an event inserted with a correct hash, the row's count left alone")
    {
      auto history = desk.store->events(3);
      model::Event forged = history.back();
      forged.note = "forged";
      const auto head = model::chain_head(history, history.size());
      const auto hash = model::chain_hash(head.head, forged);
      auto insert = db.prepare("INSERT INTO ticket_event (ticket_id, at, actor, action, note, hash)"
                               " VALUES (3, ?, 'agent', ?, 'forged', ?)");
      insert.bind(1, forged.at.time_since_epoch().count())
        .bind(2, model::to_string(forged.action))
        .bind_blob(3, util::as_bytes(hash));
      // The hash covers field, old and new values too: make them match.
      insert.run();
      const auto id = desk.store->events(3).back().id;
      db.exec(fmt::format("UPDATE ticket_event SET field = {}, old_value = {}, new_value = {} WHERE id = {}",
                          forged.field ? "'" + *forged.field + "'" : "NULL",
                          forged.old_value ? "'" + *forged.old_value + "'" : "NULL",
                          forged.new_value ? "'" + *forged.new_value + "'" : "NULL", id));
      CHECK(breaks(*desk.store) == std::vector<std::string>{fmt::format("3:{}:count-mismatch", id)});
    }
    SUBCASE("a deleted event in the middle")
    {
      const auto gone = event_of(desk, 1, 2);
      const auto next = event_of(desk, 1, 3);
      db.exec(fmt::format("DELETE FROM outbox WHERE event_id = {0}; DELETE FROM ticket_event WHERE id = {0}", gone));
      CHECK(breaks(*desk.store) == std::vector<std::string>{fmt::format("1:{}:hash-mismatch", next)});
    }
    SUBCASE("the last event deleted")
    {
      const auto history = desk.store->events(1);
      db.exec(fmt::format("DELETE FROM outbox WHERE event_id = {0}; DELETE FROM ticket_event WHERE id = {0}",
                          history.back().id));
      CHECK(breaks(*desk.store)
            == std::vector<std::string>{fmt::format("1:{}:count-mismatch", history[history.size() - 2].id)});
    }
    SUBCASE("an unknown action name is refused as a damaged store")
    {
      db.exec(fmt::format("UPDATE ticket_event SET action = 'frobnicate' WHERE id = {}", event_of(desk, 1, 0)));
      CHECK_THROWS_WITH_AS(desk.store->events(1),
                           doctest::Contains("has an unknown action 'frobnicate'"), Error);
    }
  }

  TEST_CASE("a checkpoint holds until something recorded before it is rewritten")
  {
    test::Desk desk;
    fill(desk);
    ops::VerifySummary summary;
    breaks(*desk.store, &summary);
    const ops::Checkpoint checkpoint = summary.checkpoint;
    CHECK(checkpoint.last_ticket == 3);
    CHECK(checkpoint.last_event == event_of(desk, 3, static_cast<int>(desk.store->events(3).size()) - 1));
    const auto line = ops::format_checkpoint(checkpoint);
    CHECK(line.starts_with("sdesk-checkpoint-1 last-ticket=3 last-event="));
    const auto parsed = ops::parse_checkpoint("some mail text\n" + line + "\r\n");
    REQUIRE(parsed);
    CHECK(parsed->digest == checkpoint.digest);
    CHECK_FALSE(ops::parse_checkpoint("sdesk-checkpoint-1 last-ticket=3 last-event=x digest=00"));

    // New tickets and events after the checkpoint do not disturb it.
    auto ctx = desk.ctx();
    ops::comment(ctx, 2, "more");
    ops::OpenRequest request;
    request.title = "Another";
    ops::open_ticket(ctx, request);
    breaks(*desk.store, &summary, checkpoint);
    CHECK(summary.checkpoint_holds == true);
    CHECK(summary.checkpoint.digest != checkpoint.digest);

    // A rewrite of history before it, consistent hashes and all, does.
    if (desk.sqlite == nullptr) {
      return; // rewrites SQLite's tables through its connection
    }
    drop_triggers(desk);
    auto& db = *desk.sqlite;
    db.exec(fmt::format("UPDATE ticket_event SET note = 'rewritten' WHERE id = {}", event_of(desk, 1, 0)));
    // Recompute every hash and head, as a careful forger would.
    auto history = desk.store->events(1);
    model::ChainHead head;
    for (const auto& e : history) {
      const auto hash = model::extend(head, e);
      auto update = db.prepare("UPDATE ticket_event SET hash = ? WHERE id = ?");
      update.bind_blob(1, util::as_bytes(hash)).bind(2, e.id);
      update.run();
    }
    auto row = db.prepare("UPDATE ticket SET event_head = ? WHERE id = 1");
    row.bind_blob(1, util::as_bytes(head.head));
    row.run();
    CHECK(breaks(*desk.store, &summary, checkpoint).empty()); // the chains hold ...
    CHECK(summary.checkpoint_holds == false);                 // ... the checkpoint does not
  }

  TEST_CASE("a bulk load writes each head once, and a chain read meanwhile is whole")
  {
    test::Desk desk;
    if (desk.sqlite == nullptr) {
      return; // counts SQLite's rows while a bulk load holds them back
    }
    auto& s = *desk.store;
    model::Ticket t;
    t.title = "bulk";
    t.created = t.updated = desk.now;
    const auto event = [&](model::TicketId id, std::string note) {
      return model::Event{0, id, desk.now, "importer", model::Action::comment, std::nullopt,
                          std::nullopt, std::nullopt, std::move(note), std::nullopt};
    };
    {
      store::Transaction tx(s, store::TxMode::write);
      s.begin_bulk_load();
      const auto a = s.insert(t);
      const auto b = s.insert(t);
      auto rows = desk.sqlite->prepare("SELECT count(*) FROM ticket");
      rows.step();
      CHECK(rows.get_int(0) == 0); // held back until their heads are known
      rows.reset();
      s.append({event(a, "1"), event(b, "2"), event(a, "3")}); // not consecutive per ticket
      auto row = desk.sqlite->prepare("SELECT sum(event_count) FROM ticket");
      row.step();
      CHECK(row.get_int(0) == 3); // written once, with their heads
      row.reset();
      CHECK_FALSE(model::check_chain(s.chain(a).value())); // written for reading
      s.append({event(b, "4")});
      s.finish_bulk_load();
      tx.commit();
    }
    CHECK(s.chain(1)->head.count == 2);
    CHECK(s.chain(2)->head.count == 2);
    CHECK(breaks(s).empty());
  }

  TEST_CASE("a bulk load's held-back tickets are found by id and by ref, and a rollback drops them")
  {
    test::Desk desk;
    if (desk.sqlite == nullptr) {
      return; // SQLite's held-back rows (a ref inserted twice is not checked meanwhile)
    }
    auto& s = *desk.store;
    model::Ticket t;
    t.title = "held";
    t.ref = "mon-1";
    t.tags = {"db"};
    t.created = t.updated = desk.now;
    {
      store::Transaction tx(s, store::TxMode::write);
      s.begin_bulk_load();
      const auto id = s.insert(t);
      CHECK(s.find_by_ref("mon-1") == id);
      const auto found = s.find(id); // writes the held-back row first
      REQUIRE(found);
      CHECK(found->title == "held");
      CHECK(found->tags == std::vector<std::string>{"db"});
      CHECK(s.find_by_ref("mon-1") == id);
      CHECK(s.insert(t) == id + 1); // ids go on from the stored ones
    } // rolled back
    CHECK(desk.count("ticket") == 0);
    {
      store::Transaction tx(s, store::TxMode::write);
      s.begin_bulk_load();
      CHECK_FALSE(s.find_by_ref("mon-1"));
      CHECK(s.insert(t) == 1);
      s.finish_bulk_load();
      tx.commit();
    }
    CHECK(s.find(1)->ref == "mon-1");
    CHECK(breaks(s).empty());
  }

  TEST_CASE("schema 10 fills escalation data from old notes and the chains of stored events")
  {
    auto db = store::Database::open(":memory:", store::OpenMode::create, std::chrono::milliseconds{100});
    store::migrate(db, 9);
    db.exec(R"sql(
INSERT INTO ticket (kind, title, status, impact, urgency, priority, created_at, updated_at, grp,
                    escalation_level)
  VALUES ('incident', 't', 'assigned', 1, 1, 1, 1793610000, 1793613600, 'second-line', 1);
INSERT INTO ticket_event (ticket_id, at, actor, action, field, old_value, new_value, note) VALUES
  (1, 1793610000, 'ann', 'open', 'status', NULL, 'new', NULL),
  (1, 1793613600, 'cron', 'escalate', 'group', 'service-desk', 'second-line',
   'auto: rule warn (83% of resolution target)'),
  (1, 1793613600, 'cron', 'escalate', 'escalation_level', '0', '1', NULL),
  (1, 1793613600, 'cron', 'escalate_hierarchical', NULL, NULL, NULL,
   'informed: service-manager; auto: rule breach (125% of resolution target)'),
  (1, 1793613700, 'bob', 'escalate_hierarchical', NULL, NULL, NULL,
   'informed: boss; auto: rule late (said by hand)'),
  (1, 1793613800, 'cron', 'escalate_skipped', NULL, NULL, 'warn',
   'auto: rule warn (101% of resolution target) could not apply: at the last tier'),
  (1, 1793613900, 'bob', 'comment', NULL, NULL, NULL, 'auto: rule x (1% of response target)');
)sql");
    CHECK(store::migrate(db) == 9);
    store::SqliteStore s(std::move(db));
    const auto chain = s.chain(1).value();
    CHECK_FALSE(model::check_chain(chain));
    CHECK(chain.head.count == 7);
    const auto& e = chain.events;
    CHECK_FALSE(e[0].data);
    CHECK(e[1].data
          == R"({"from":"service-desk","to":"second-line","level":1,"rule":"warn","percent":83,"target":"resolution"})");
    CHECK_FALSE(e[2].data);
    CHECK(e[3].data == R"({"informed":["service-manager"],"rule":"breach","percent":125,"target":"resolution"})");
    CHECK(e[4].data == R"({"informed":["boss"]})");
    CHECK(e[5].data
          == R"({"rule":"warn","percent":101,"target":"resolution","reason":"at the last tier"})");
    CHECK_FALSE(e[6].data); // comments are not escalations
    // The append-only trigger is back.
    CHECK_THROWS_AS(s.database().exec("UPDATE ticket_event SET actor = 'x'"), Error);
  }
}

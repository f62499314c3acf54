// The PostgreSQL backend's bulk load (issue 10: "Import uses COPY or batched
// statements so that a large load is not one round trip per row"): a load
// driven as `sdesk import` drives it (ChangeWriter holds a batch's events
// back and appends them at once) writes its tickets, tags, events and
// chain heads many rows per statement. Statement-level triggers count the
// statements the server runs. Skipped unless SDESK_TEST_PG_URI names a
// server (tests/support/pg-server; ctest's unit-postgresql).

#include "lib/store/mail_store.hpp"
#include "lib/store/open.hpp"
#include "lib/store/ticket_store.hpp"
#include "tests/unit/backend_factory.hpp"
#include "tests/unit/store/contract_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <map>

using namespace sdesk;
using test::at;

namespace {

bool have_server()
{
  const char* uri = std::getenv("SDESK_TEST_PG_URI");
  return uri != nullptr && *uri != '\0';
}

// Counts every INSERT and UPDATE statement (not row) on the ticket tables
// of the store `conn` reaches, in table statement_count.
void count_statements(store::PgConnection& conn)
{
  conn.exec("CREATE TABLE statement_count (tbl text, op text);"
            "CREATE FUNCTION count_statement() RETURNS trigger LANGUAGE plpgsql AS $$"
            " BEGIN INSERT INTO statement_count VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$;");
  for (const char* table : {"ticket", "ticket_tag", "ticket_event"}) {
    conn.exec(std::string("CREATE TRIGGER count_statements AFTER INSERT OR UPDATE ON ") + table +
              " FOR EACH STATEMENT EXECUTE FUNCTION count_statement()");
  }
}

// "table op" -> statements run.
std::map<std::string, std::int64_t> statements(store::PgConnection& conn)
{
  auto result = conn.query("SELECT tbl || ' ' || op, count(*) FROM statement_count GROUP BY 1");
  std::map<std::string, std::int64_t> counts;
  for (int row = 0; row < result.rows(); ++row) {
    counts[result.get_text(row, 0)] = result.get_int(row, 1);
  }
  return counts;
}

// A fresh store whose statements count_statements() counts, and a
// backend on it.
struct Counted {
  std::string uri = test::postgresql_fresh_uri();
  store::PgConnection conn = [this] {
    store::init_store(uri, {});
    auto made = store::PgConnection::open(uri, std::chrono::milliseconds{5000});
    count_statements(made);
    return made;
  }();
  std::unique_ptr<store::Backend> backend = store::open_store(uri, std::chrono::milliseconds{5000});
};

} // namespace

TEST_SUITE("store::PgBackend bulk load")
{
  TEST_CASE("a bulk load writes many rows per statement, not one round trip per row")
  {
    if (!have_server()) {
      MESSAGE("skipped: no SDESK_TEST_PG_URI");
      return;
    }
    Counted store_under_test;
    auto& conn = store_under_test.conn;
    auto& backend = store_under_test.backend;
    auto& s = backend->tickets();

    constexpr int k_batches = 3;
    constexpr int k_per_batch = 1000; // as ChangeWriter's batches: about 4,096 events
    {
      store::BulkSession session(s);
      store::Transaction tx(s, store::TxMode::write);
      s.begin_bulk_load();
      for (int b = 0; b < k_batches; ++b) {
        std::vector<model::Event> events;
        for (int i = 0; i < k_per_batch; ++i) {
          const int n = b * k_per_batch + i;
          auto t = test::contract::ticket("loaded " + std::to_string(n),
                                          at(2026, 2, 1) + std::chrono::minutes{n});
          t.ref = "L-" + std::to_string(n);
          t.tags = {"bulk", "n" + std::to_string(n % 7)};
          const auto id = s.insert(t);
          CHECK(id == n + 1);
          CHECK(s.find_by_ref(*t.ref) == id); // held back, yet found
          events.push_back(test::contract::event(id, t.created, "open", "title", std::nullopt, t.title));
          events.push_back(test::contract::event(id, t.created, "comment", std::nullopt, std::nullopt,
                                                 std::nullopt, "note " + std::to_string(n)));
        }
        const auto ids = s.append(events);
        CHECK(ids.size() == events.size());
      }
      // Later events of tickets written before, in two more batches (a
      // ticket's life spans many): their heads move on, and are written
      // once, when the load ends.
      for (int later = 1; later <= 2; ++later) {
        std::vector<model::Event> events;
        for (model::TicketId id = 1; id <= k_per_batch; ++id) {
          events.push_back(test::contract::event(id, at(2026, 3, later), "comment", std::nullopt,
                                                 std::nullopt, std::nullopt, "later"));
        }
        s.append(events);
      }
      s.finish_bulk_load();
      tx.commit();
    }

    const auto counts = statements(conn);
    constexpr int k_tickets = k_batches * k_per_batch;
    // One statement per row would be 3,000 ticket INSERTs, 6,000 tag
    // INSERTs, thousands of event INSERTs and head UPDATEs.
    CHECK(counts.at("ticket INSERT") <= k_tickets / 400);
    CHECK(counts.at("ticket_tag INSERT") <= k_tickets / 400);
    CHECK(counts.at("ticket_event INSERT") <= 2 * k_tickets / 400 + 1);
    CHECK(counts.at("ticket UPDATE") == 1); // the later events' heads, once

    // What was stored is what an ordinary write stores.
    CHECK(test::contract::ticket_count(s) == k_tickets);
    CHECK(s.find(1234)->tags == std::vector<std::string>{"bulk", "n1"});
    CHECK(s.find_by_ref("L-2999") == 3000);
    CHECK(s.events(5).size() == 4);
    const auto chain = s.chain(5).value();
    CHECK(chain.head.count == 4);
    CHECK(chain.hashes.back() == chain.head.head);
    CHECK(s.chain(3000)->head.count == 2);
  }

  TEST_CASE("a new ticket is written once, with its chain head; before any statement that names it")
  {
    if (!have_server()) {
      MESSAGE("skipped: no SDESK_TEST_PG_URI");
      return;
    }
    Counted store_under_test;
    auto& conn = store_under_test.conn;
    auto& backend = store_under_test.backend;
    auto& s = backend->tickets();
    {
      // As `open` writes: the ticket, then its events.
      store::Transaction tx(s, store::TxMode::write);
      const auto id = s.insert(test::contract::ticket("printer", at(2026, 2, 1)));
      CHECK(id == 1);
      s.append({test::contract::event(id, at(2026, 2, 1), "open", "title", std::nullopt, "printer"),
                test::contract::event(id, at(2026, 2, 1), "open", "status", std::nullopt, "new")});
      tx.commit();
    }
    auto counts = statements(conn);
    CHECK(counts["ticket INSERT"] == 1);
    CHECK(counts["ticket UPDATE"] == 0); // the head came with the row
    CHECK(s.chain(1)->head.count == 2);
    {
      // Another store names the ticket before its events: it is written
      // first (a foreign key), and its head moves on with an UPDATE.
      store::Transaction tx(s, store::TxMode::write);
      const auto id = s.insert(test::contract::ticket("mail", at(2026, 2, 2)));
      CHECK(id == 2);
      CHECK(backend->mail().add_watcher(id, "ann@example.org", at(2026, 2, 2)));
      s.append({test::contract::event(id, at(2026, 2, 2), "open", "title", std::nullopt, "mail")});
      tx.commit();
    }
    counts = statements(conn);
    CHECK(counts["ticket INSERT"] == 2);
    CHECK(counts["ticket UPDATE"] == 1);
    CHECK(backend->mail().watchers(2) == std::vector<std::string>{"ann@example.org"});
    CHECK(s.chain(2)->head.count == 1);
    {
      // Rolled back: nothing held back is written, and the id is given again.
      store::Transaction tx(s, store::TxMode::write);
      CHECK(s.insert(test::contract::ticket("lost", at(2026, 2, 3))) == 3);
    }
    {
      store::Transaction tx(s, store::TxMode::write);
      CHECK(s.insert(test::contract::ticket("kept", at(2026, 2, 3))) == 3);
      tx.commit();
    }
    CHECK(s.find(3)->title == "kept");
    CHECK(test::contract::ticket_count(s) == 3);
  }
}

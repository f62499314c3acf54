// The PostgreSQL backend's own mechanics, beyond the store contract (which
// runs on it with SDESK_TEST_BACKEND=postgresql): its schema version, how
// it fails to connect, and init on a server. The tests that need a server
// skip themselves unless SDESK_TEST_PG_URI names one (tests/support/pg-server).

#include "lib/store/open.hpp"
#include "lib/store/pg_connection.hpp"
#include "lib/store/pg_schema.hpp"
#include "lib/store/schema.hpp"
#include "tests/unit/backend_factory.hpp"
#include "tests/unit/store/contract_support.hpp"
#include "tests/unit/store/store_error.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <vector>

using namespace sdesk;

namespace {

bool have_server()
{
  const char* uri = std::getenv("SDESK_TEST_PG_URI");
  return uri != nullptr && *uri != '\0';
}

// Two backends, as two hosts' commands, on one fresh store; a short lock
// timeout, so that a wait ends as StoreBusy at once.
struct TwoBackends {
  std::string uri = [] {
    auto made = test::postgresql_fresh_uri();
    store::init_store(made, {});
    return made;
  }();
  std::unique_ptr<store::Backend> first = store::open_store(uri, std::chrono::milliseconds{100});
  std::unique_ptr<store::Backend> second = store::open_store(uri, std::chrono::milliseconds{100});
};

} // namespace

TEST_SUITE("store::PgBackend")
{
  TEST_CASE("the PostgreSQL schema is at the latest schema version")
  {
    // A SQLite migration needs its PostgreSQL counterpart (pg_migrations.hpp).
    CHECK(store::pg_schema_version() == store::latest_schema_version());
  }

  TEST_CASE("a server that cannot be reached is a store error with libpq's reason, one line")
  {
    // Port 1 on the loopback: nothing listens there.
    const std::string message = test::store_error([] {
      store::open_store("postgresql://alice:s3cret@127.0.0.1:1/desk?connect_timeout=2",
                        std::chrono::milliseconds{100});
    });
    CHECK(message.find("cannot connect to store 'postgresql://alice@127.0.0.1:1/desk") == 0);
    CHECK(message.find("s3cret") == std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
    CHECK(message.find("refused") != std::string::npos);
  }

  TEST_CASE("stream hands over each row as it comes, then the server's error; the connection goes on")
  {
    if (!have_server()) {
      MESSAGE("skipped: no SDESK_TEST_PG_URI");
      return;
    }
    auto conn = store::PgConnection::open(test::postgresql_fresh_uri(), std::chrono::milliseconds{100});
    std::vector<std::int64_t> seen;
    const auto keep = [&](const store::PgResult& r) {
      CHECK(r.rows() == 1);
      seen.push_back(r.get_int(0, 0));
    };
    conn.stream("SELECT i * $1::bigint FROM generate_series(1, 3) i", store::PgParams().add(std::int64_t{2}),
                keep);
    CHECK(seen == std::vector<std::int64_t>{2, 4, 6});
    seen.clear();
    // The third row divides by zero: the rows before it, then the error.
    const std::string message = test::store_error(
      [&] { conn.stream("SELECT 6 / (3 - i) FROM generate_series(1, 5) i", {}, keep); });
    CHECK(message.find("division by zero") != std::string::npos);
    CHECK(seen.size() <= 2);
    // What the caller throws ends the query; the rest is read and dropped.
    int rows = 0;
    CHECK_THROWS_AS(conn.stream("SELECT i FROM generate_series(1, 10000) i", {},
                                [&](const store::PgResult&) {
                                  if (++rows == 3) {
                                    throw std::runtime_error("enough");
                                  }
                                }),
                    std::runtime_error);
    CHECK(rows == 3);
    CHECK(conn.query("SELECT 42").get_int(0, 0) == 42);
  }

  TEST_CASE("deferred statements run in order before the next one; a failure is thrown there")
  {
    if (!have_server()) {
      MESSAGE("skipped: no SDESK_TEST_PG_URI");
      return;
    }
    auto conn = store::PgConnection::open(test::postgresql_fresh_uri(), std::chrono::milliseconds{100});
    CHECK_FALSE(conn.role().empty()); // read with the session settings
    CHECK(conn.query("SELECT current_setting('lock_timeout'), current_setting('jit')").get_text(0, 0) == "100ms");
    conn.exec("CREATE TABLE seen (n bigint)");
    // Named statements: unprepared, then prepared, then run prepared.
    for (std::int64_t n = 1; n <= 3; ++n) {
      conn.defer("seen_add", "INSERT INTO seen VALUES ($1)", store::PgParams().add(n));
    }
    std::string read;
    conn.defer("", "SELECT string_agg(n::text, ',' ORDER BY n) FROM seen", {},
               [&](store::PgConnection&, const store::PgResult& r) { read = r.get_text(0, 0); });
    CHECK(conn.query("SELECT count(*) FROM seen").get_int(0, 0) == 3);
    CHECK(read == "1,2,3");
    // A transaction: BEGIN and a write deferred, the failure thrown by the
    // next statement; what follows it in the transaction ran as if sent alone.
    conn.defer("", "BEGIN");
    conn.defer("seen_add", "INSERT INTO seen VALUES ($1)", store::PgParams().add(std::int64_t{4}));
    conn.defer("", "INSERT INTO seen VALUES (1 / 0)");
    conn.defer("seen_add", "INSERT INTO seen VALUES ($1)", store::PgParams().add(std::int64_t{5}));
    const std::string message = test::store_error([&] { conn.query("SELECT 1"); });
    CHECK(message.find("division by zero") != std::string::npos);
    CHECK(conn.in_transaction());
    conn.exec("ROLLBACK");
    CHECK(conn.query("SELECT count(*) FROM seen").get_int(0, 0) == 3);
    // Discarded: never sent.
    conn.defer("", "BEGIN");
    conn.defer("seen_add", "INSERT INTO seen VALUES ($1)", store::PgParams().add(std::int64_t{6}));
    conn.discard_deferred();
    CHECK_FALSE(conn.in_transaction());
    CHECK(conn.query("SELECT count(*) FROM seen").get_int(0, 0) == 3);
    // A look at a table that is not there, after a deferred write.
    conn.defer("seen_add", "INSERT INTO seen VALUES ($1)", store::PgParams().add(std::int64_t{7}));
    CHECK_FALSE(conn.query_if_exists("SELECT n FROM no_such_table").has_value());
    CHECK(conn.query_if_exists("SELECT count(*) FROM seen")->get_int(0, 0) == 4);
    // flush() alone sends, and throws the first failure.
    conn.defer("", "SELECT 1 / 0");
    CHECK(test::store_error([&] { conn.flush(); }).find("division by zero") != std::string::npos);
    CHECK(conn.query("SELECT 42").get_int(0, 0) == 42);
  }

  TEST_CASE("a sweep waits for the writers that began before it, and writers after it wait for it")
  {
    if (!have_server()) {
      MESSAGE("skipped: no SDESK_TEST_PG_URI");
      return;
    }
    TwoBackends backends;
    auto& writer = backends.first;
    auto& ticker = backends.second;
    const auto kind_of = [](const std::function<void()>& run) -> std::optional<std::string> {
      try {
        run();
      } catch (const StoreBusy&) {
        return "busy";
      }
      return std::nullopt;
    };
    {
      store::Transaction w(writer->tickets(), store::TxMode::write);
      writer->tickets().find(1); // the transaction has begun on the server
      store::Transaction t(ticker->tickets(), store::TxMode::write);
      CHECK(kind_of([&] {
              ticker->escalation_watch().lock_for_sweep();
              ticker->escalation_watch().swept_under();
            }) == "busy");
    }
    {
      store::Transaction t(ticker->tickets(), store::TxMode::write);
      ticker->escalation_watch().lock_for_sweep();
      ticker->escalation_watch().swept_under(); // holds the lock now
      store::Transaction w(writer->tickets(), store::TxMode::write);
      CHECK(kind_of([&] { writer->tickets().find(1); }) == "busy");
    }
    // Neither holds it: both go on.
    store::Transaction t(ticker->tickets(), store::TxMode::write);
    ticker->escalation_watch().lock_for_sweep();
    CHECK_FALSE(ticker->escalation_watch().swept_under().has_value());
    t.commit();
    store::Transaction w(writer->tickets(), store::TxMode::write);
    CHECK_FALSE(writer->tickets().find(1).has_value());
    w.commit();
  }

  TEST_CASE("a rollback after a failed statement forgets what is held back, and the next transaction works")
  {
    if (!have_server()) {
      MESSAGE("skipped: no SDESK_TEST_PG_URI");
      return;
    }
    TwoBackends backends;
    auto& writer = backends.first;
    auto& other = backends.second;
    auto& s = writer->tickets();
    CHECK(test::contract::add(s, test::contract::ticket("locked", test::at(2026, 2, 1))) == 1);
    store::Transaction o(other->tickets(), store::TxMode::write);
    CHECK(other->tickets().find(1).has_value()); // holds the row's lock
    {
      store::Transaction w(s, store::TxMode::write);
      CHECK(s.insert(test::contract::ticket("first", test::at(2026, 2, 1))) == 2);
      CHECK_THROWS_AS(s.find(1), StoreBusy); // the transaction has failed
      CHECK(s.insert(test::contract::ticket("second", test::at(2026, 2, 1))) == 3); // held back
    } // rolled back: the second is not sent into the failed transaction
    o.commit();
    store::Transaction w(s, store::TxMode::write);
    CHECK(s.find(1)->title == "locked");
    CHECK(s.insert(test::contract::ticket("kept", test::at(2026, 2, 2))) == 2);
    w.commit();
    CHECK(s.find(2)->title == "kept");
    CHECK_FALSE(s.find(3).has_value());
  }

  TEST_CASE("init makes a store of an empty schema, once; open refuses a schema without one")
  {
    if (!have_server()) {
      MESSAGE("skipped: no SDESK_TEST_PG_URI");
      return;
    }
    const std::string uri = test::postgresql_fresh_uri();
    const std::string empty = test::store_error(
      [&] { store::open_store(uri, std::chrono::milliseconds{100}); });
    CHECK(empty.find("is not an sdesk store (create one with 'sdesk init')") != std::string::npos);
    const auto created = store::init_store(uri, {});
    CHECK(created.created);
    CHECK(created.schema_version == store::latest_schema_version());
    const auto checked = store::init_store(uri, {});
    CHECK_FALSE(checked.created);
    CHECK(checked.schema_version == store::latest_schema_version());
    auto backend = store::open_store(uri, std::chrono::milliseconds{100});
    CHECK_FALSE(backend->tickets().find(1).has_value());
    CHECK(backend->problems().known_errors("mail", "outage").empty());
  }

  TEST_CASE("init refuses a database that holds other tables, and a newer schema")
  {
    if (!have_server()) {
      MESSAGE("skipped: no SDESK_TEST_PG_URI");
      return;
    }
    const std::string foreign = test::postgresql_fresh_uri();
    {
      auto conn = store::PgConnection::open(foreign, std::chrono::milliseconds{100});
      conn.exec("CREATE TABLE payroll (id integer)");
    }
    const std::string message = test::store_error([&] { store::init_store(foreign, {}); });
    CHECK(message.find("holds tables but is not an sdesk store") != std::string::npos);

    const std::string newer = test::postgresql_fresh_uri();
    store::init_store(newer, {});
    {
      auto conn = store::PgConnection::open(newer, std::chrono::milliseconds{100});
      conn.exec("UPDATE sdesk_schema SET version = version + 1");
    }
    const std::string too_new =
      test::store_error([&] { store::open_store(newer, std::chrono::milliseconds{100}); });
    CHECK(too_new.find("newer than this sdesk supports") != std::string::npos);
    CHECK(test::store_error([&] { store::init_store(newer, {}); }).find("newer") !=
          std::string::npos);
  }

  TEST_CASE("--shared and --group are for store files")
  {
    try {
      store::init_store("postgresql://127.0.0.1:1/desk", {true, std::nullopt});
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::usage);
    }
  }
}

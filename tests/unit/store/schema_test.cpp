#include "lib/store/database.hpp"
#include "lib/store/open.hpp"
#include "lib/store/schema.hpp"
#include "lib/store/statement.hpp"
#include "lib/util/error.hpp"
#include "tests/unit/store/store_error.hpp"
#include "tests/unit/temp_dir.hpp"

#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include <doctest/doctest.h>

using namespace sdesk;
namespace fs = std::filesystem;

namespace {

constexpr std::chrono::milliseconds k_timeout{200};

using test::TempDir;

int user_version(store::Database& db)
{
  auto stmt = db.prepare("PRAGMA user_version");
  stmt.step();
  return static_cast<int>(stmt.get_int(0));
}

using test::store_error;

} // namespace

TEST_SUITE("store::schema")
{
  TEST_CASE("a new file gets the latest schema in WAL mode")
  {
    TempDir dir;
    const auto path = (dir.path / "desk.db").string();
    auto db = store::Database::open(path, store::OpenMode::create, k_timeout);
    CHECK(store::migrate(db) == 0);
    CHECK(user_version(db) == store::latest_schema_version());
    auto mode = db.prepare("PRAGMA journal_mode");
    mode.step();
    CHECK(mode.get_text(0) == "wal");
    CHECK(store::migrate(db) == store::latest_schema_version()); // idempotent
  }

  TEST_CASE("a migration leaves the connection's page cache size as it was")
  {
    TempDir dir;
    const auto path = (dir.path / "desk.db").string();
    auto db = store::Database::open(path, store::OpenMode::create, k_timeout);
    db.exec("PRAGMA cache_size=-1234");
    store::migrate(db, 9);
    const auto cache_size = [&] {
      auto stmt = db.prepare("PRAGMA cache_size");
      stmt.step();
      return stmt.get_int(0);
    };
    CHECK(cache_size() == -1234);
    store::migrate(db); // migration 10, with its C++ step

    CHECK(cache_size() == -1234);
  }

  TEST_CASE("an older store is upgraded in place, keeping its tickets")
  {
    TempDir dir;
    const auto path = (dir.path / "desk.db").string();
    {
      auto db = store::Database::open(path, store::OpenMode::create, k_timeout);
      store::migrate(db, 1);
      CHECK(user_version(db) == 1);
      db.exec("INSERT INTO ticket (kind, title, status, impact, urgency, priority, created_at,"
              " updated_at) VALUES ('incident', 'old one', 'new', 2, 2, 3, 0, 0)");
    }
    auto s = store::open_store(path, k_timeout);
    const auto t = s->tickets().find(1);
    REQUIRE(t);
    CHECK(t->title == "old one");
    CHECK_FALSE(t->sla_policy);
    auto db = store::Database::open(path, store::OpenMode::read_write, k_timeout);
    CHECK(user_version(db) == store::latest_schema_version());
  }

  TEST_CASE("migration 4 leaves opening a ticket out of the response and closing indexes")
  {
    TempDir dir;
    const auto path = (dir.path / "desk.db").string();
    auto db = store::Database::open(path, store::OpenMode::create, k_timeout);
    store::migrate(db, 3);
    store::migrate(db);
    auto indexes = db.prepare("SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema"
                              " WHERE type = 'index' AND sql LIKE '%WHERE%' ORDER BY name)");
    indexes.step();
    CHECK(indexes.get_text(0)
          == "ticket_by_closed ticket_by_first_response ticket_by_resolved ticket_event_counted"
             " ticket_long_running");
    auto by_time = db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'ticket_event_by_time'");
    by_time.step();
    CHECK(by_time.get_int(0) == 0);
  }

  TEST_CASE("a store left in rollback-journal mode gets its WAL back on open")
  {
    TempDir dir;
    const auto path = (dir.path / "desk.db").string();
    store::init_store(path, {});
    {
      auto db = store::Database::open(path, store::OpenMode::read_write, k_timeout);
      db.exec("PRAGMA journal_mode=DELETE"); // as a bulk load that died would leave it
    }
    store::open_store(path, k_timeout);
    auto db = store::Database::open(path, store::OpenMode::read_write, k_timeout);
    auto mode = db.prepare("PRAGMA journal_mode");
    mode.step();
    CHECK(mode.get_text(0) == "wal");
  }

  TEST_CASE("a store from a newer sdesk is refused, untouched")
  {
    TempDir dir;
    const auto path = (dir.path / "desk.db").string();
    store::init_store(path, {});
    {
      auto db = store::Database::open(path, store::OpenMode::read_write, k_timeout);
      db.exec("PRAGMA user_version=99");
    }
    const auto message = store_error([&] { store::open_store(path, k_timeout); });
    CHECK(message.find("schema version 99, newer than this sdesk supports") != std::string::npos);
    auto db = store::Database::open(path, store::OpenMode::read_write, k_timeout);
    CHECK(user_version(db) == 99);
  }

  TEST_CASE("a foreign SQLite database is not touched")
  {
    TempDir dir;
    const auto path = (dir.path / "other.db").string();
    {
      auto db = store::Database::open(path, store::OpenMode::create, k_timeout);
      db.exec("CREATE TABLE t(x)");
    }
    const auto message = store_error([&] { store::open_store(path, k_timeout); });
    CHECK(message.find("not an sdesk store") != std::string::npos);
  }

  TEST_CASE("a file that is not a database is reported as such")
  {
    TempDir dir;
    const auto path = dir.path / "junk.db";
    {
      std::FILE* f = std::fopen(path.c_str(), "w");
      std::fputs("this is not a database, just some text long enough to have a header......", f);
      std::fclose(f);
    }
    const auto message = store_error([&] { store::open_store(path.string(), k_timeout); });
    CHECK(message.find("corrupt or not an sdesk store") != std::string::npos);
  }

  TEST_CASE("a missing store is not created by open")
  {
    TempDir dir;
    const auto path = (dir.path / "missing.db").string();
    const auto message = store_error([&] { store::open_store(path, k_timeout); });
    CHECK(message.find("sdesk init") != std::string::npos);
    CHECK_FALSE(fs::exists(path));
  }

  TEST_CASE("a locked store fails with 'locked' after the timeout")
  {
    TempDir dir;
    const auto path = (dir.path / "desk.db").string();
    store::init_store(path, {});
    auto holder = store::Database::open(path, store::OpenMode::read_write, k_timeout);
    holder.exec("BEGIN IMMEDIATE");
    auto writer = store::open_store(path, k_timeout);
    const auto message = store_error([&] { writer->tickets().begin(store::TxMode::write); });
    CHECK(message.find("locked") != std::string::npos);
    holder.exec("ROLLBACK");
  }

  TEST_CASE("init sets private and shared modes")
  {
    TempDir dir;
    const auto private_path = dir.path / "private" / "desk.db";
    CHECK(store::init_store(private_path.string(), {}).created);
    struct stat info{};
    REQUIRE(stat(private_path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    REQUIRE(stat(private_path.parent_path().c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0700);

    const auto shared_path = dir.path / "shared" / "desk.db";
    store::InitOptions shared;
    shared.shared = true;
    CHECK(store::init_store(shared_path.string(), shared).created);
    REQUIRE(stat(shared_path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0660);
    REQUIRE(stat(shared_path.parent_path().c_str(), &info) == 0);
    CHECK((info.st_mode & 07777) == 02770);

    CHECK_FALSE(store::init_store(shared_path.string(), shared).created); // idempotent
  }

  TEST_CASE("history rows cannot be edited or deleted")
  {
    auto db = store::Database::open(":memory:", store::OpenMode::create, k_timeout);
    store::migrate(db);
    db.exec("INSERT INTO ticket (kind, title, status, impact, urgency, priority, created_at,"
            " updated_at) VALUES ('incident', 't', 'new', 2, 2, 3, 0, 0);"
            "INSERT INTO ticket_event (ticket_id, at, actor, action) VALUES (1, 0, 'a', 'open')");
    CHECK_THROWS_AS(db.exec("UPDATE ticket_event SET actor = 'mallory'"), Error);
    CHECK_THROWS_AS(db.exec("DELETE FROM ticket_event"), Error);
  }
}

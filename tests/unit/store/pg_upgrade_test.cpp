// Upgrading a PostgreSQL store (lib/store/pg_schema.cpp): a store at
// version 14, the first the backend made (tests/fixtures/pg-schema14), is
// brought to the latest version by init and by any command's open, in one
// transaction under an advisory lock, as its owner; the result is the same
// catalog as a store created at the latest version. Needs a server
// (SDESK_TEST_PG_URI, tests/support/pg-server); skipped without one.

#include "lib/store/database.hpp"
#include "lib/store/open.hpp"
#include "lib/store/pg_connection.hpp"
#include "lib/store/schema.hpp"
#include "tests/unit/backend_factory.hpp"
#include "tests/unit/store/store_error.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace sdesk;

namespace {

namespace fs = std::filesystem;

constexpr std::chrono::milliseconds k_timeout{5000};

bool have_server()
{
  const char* uri = std::getenv("SDESK_TEST_PG_URI");
  return uri != nullptr && *uri != '\0';
}

// The SQL of tests/fixtures/pg-schema14/schema.sql.
std::string schema14()
{
  // The repository: $SDESK_SOURCE_DIR (set by ctest), else from this file's path.
  const char* root = std::getenv("SDESK_SOURCE_DIR");
  const fs::path file = (root ? fs::path(root) : fs::path(__FILE__).parent_path() / "../../..")
                        / "tests/fixtures/pg-schema14/schema.sql";
  std::ifstream in(file);
  REQUIRE_MESSAGE(in, file.string());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A URI for a new schema holding a store at version 14, as the sdesk of
// that version left it.
std::string store_at_14()
{
  const std::string uri = test::postgresql_fresh_uri();
  auto conn = store::PgConnection::open(uri, k_timeout);
  conn.exec(schema14());
  return uri;
}

std::int64_t version_of(const std::string& uri)
{
  auto conn = store::PgConnection::open(uri, k_timeout);
  return conn.query("SELECT version FROM sdesk_schema").get_int(0, 0);
}

// Everything the catalog says about the store's schema, one line per
// object, sorted, without the schema's name: columns with their types,
// collations, nullability, defaults and identity; indexes; constraints;
// triggers; functions; relations and their kinds.
std::string catalog_of(const std::string& uri)
{
  auto conn = store::PgConnection::open(uri, k_timeout);
  auto rows = conn.query(R"sql(
SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type
       || ' collate=' || coalesce(collation_name, '-') || ' null=' || is_nullable
       || ' default=' || coalesce(column_default, '-')
       || ' identity=' || coalesce(identity_generation, '-')
  FROM information_schema.columns WHERE table_schema = current_schema()
UNION ALL
SELECT 'index ' || indexname || ' ' || replace(indexdef, current_schema() || '.', '')
  FROM pg_indexes WHERE schemaname = current_schema()
UNION ALL
SELECT 'constraint ' || c.conrelid::regclass::text || ' ' || c.conname || ' '
       || replace(pg_get_constraintdef(c.oid), current_schema() || '.', '')
  FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
 WHERE n.nspname = current_schema()
UNION ALL
SELECT 'trigger ' || t.tgname || ' '
       || replace(pg_get_triggerdef(t.oid), current_schema() || '.', '')
  FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid
  JOIN pg_namespace n ON n.oid = r.relnamespace
 WHERE n.nspname = current_schema() AND NOT t.tgisinternal
UNION ALL
SELECT 'function ' || p.proname || ' ' || pg_get_function_result(p.oid) || ' ' || p.prosrc
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = current_schema()
UNION ALL
SELECT 'relation ' || c.relname || ' ' || c.relkind::text || ' rls=' || c.relrowsecurity::text
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = current_schema()
UNION ALL
SELECT 'policy ' || tablename || ' ' || policyname || ' ' || cmd || ' '
       || replace(coalesce(qual, '-'), current_schema() || '.', '') || ' '
       || replace(coalesce(with_check, '-'), current_schema() || '.', '')
  FROM pg_policies WHERE schemaname = current_schema()
ORDER BY 1
)sql");
  std::string text;
  for (int i = 0; i < rows.rows(); ++i) {
    text += rows.get_text(i, 0) + "\n";
  }
  return text;
}

// The tables and columns, named indexes and triggers of a SQLite store at
// the latest version, one line each, sorted (SQLite's automatic indexes of
// keys left out: PostgreSQL names those itself).
std::string sqlite_names()
{
  auto db = store::Database::open(":memory:", store::OpenMode::create, k_timeout);
  store::migrate(db);
  auto stmt = db.prepare(R"sql(
SELECT 'column ' || m.name || '.' || p.name
  FROM sqlite_schema m, pragma_table_info(m.name) p WHERE m.type = 'table'
UNION ALL
SELECT type || ' ' || name FROM sqlite_schema
 WHERE type IN ('index', 'trigger') AND name NOT LIKE 'sqlite_autoindex_%'
ORDER BY 1
)sql");
  std::string text;
  while (stmt.step()) {
    text += stmt.get_text(0) + "\n";
  }
  return text;
}

// The same for the PostgreSQL store at `uri`, without what only
// PostgreSQL has: the version table, and the indexes of primary keys and
// unique constraints.
std::string postgresql_names(const std::string& uri)
{
  auto conn = store::PgConnection::open(uri, k_timeout);
  auto rows = conn.query(R"sql(
SELECT 'column ' || table_name || '.' || column_name
  FROM information_schema.columns
 WHERE table_schema = current_schema() AND table_name <> 'sdesk_schema'
UNION ALL
SELECT 'index ' || i.indexname FROM pg_indexes i
 WHERE i.schemaname = current_schema() AND NOT EXISTS (
   SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass)
UNION ALL
SELECT 'trigger ' || t.tgname FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid
  JOIN pg_namespace n ON n.oid = r.relnamespace
 WHERE n.nspname = current_schema() AND NOT t.tgisinternal
ORDER BY 1
)sql");
  std::string text;
  for (int i = 0; i < rows.rows(); ++i) {
    text += rows.get_text(i, 0) + "\n";
  }
  return text;
}

// `uri` connecting as `role` instead of the test server's superuser;
// nothing when the URI names no user=sdesk to replace.
std::optional<std::string> as_role(std::string uri, const std::string& role)
{
  const std::string user = "user=sdesk";
  const auto at = uri.find(user);
  if (at == std::string::npos) {
    return std::nullopt;
  }
  return uri.replace(at, user.size(), "user=" + role);
}

} // namespace

TEST_SUITE("store::PgUpgrade")
{
  TEST_CASE("init upgrades a store at 14 to the catalog of a store created at the latest version")
  {
    if (!have_server()) {
      MESSAGE("skipped: no SDESK_TEST_PG_URI");
      return;
    }
    const std::string created = test::postgresql_fresh_uri();
    const auto made = store::init_store(created, {});
    CHECK(made.created);

    const std::string old = store_at_14();
    const std::string before = catalog_of(old);
    const auto upgraded = store::init_store(old, {});
    CHECK_FALSE(upgraded.created);
    CHECK(upgraded.schema_version == store::latest_schema_version());
    CHECK(version_of(old) == store::latest_schema_version());

    const std::string expected = catalog_of(created);
    // The comparison sees what the versions added (a test that can fail).
    CHECK(expected.find("index ticket_attachment_by_ticket ") != std::string::npos);
    CHECK(expected.find("column ticket.title text collate=C null=NO") != std::string::npos);
    CHECK(before.find("ticket_attachment") == std::string::npos);
    CHECK(expected.find("policy ticket_event ticket_event_visible ") != std::string::npos);
    CHECK(expected.find("relation ticket r rls=true") != std::string::npos);
    CHECK(catalog_of(old) == expected);
  }

  TEST_CASE("a PostgreSQL store has SQLite's tables, columns, indexes and triggers")
  {
    // A migration in one list with a column or index missing from its
    // counterpart in the other shows here.
    if (!have_server()) {
      MESSAGE("skipped: no SDESK_TEST_PG_URI");
      return;
    }
    const std::string uri = test::postgresql_fresh_uri();
    store::init_store(uri, {});
    const std::string sqlite = sqlite_names();
    CHECK(sqlite.find("column ticket.title\n") != std::string::npos);
    CHECK(sqlite.find("index ticket_by_status\n") != std::string::npos);
    CHECK(sqlite.find("trigger ticket_event_no_update\n") != std::string::npos);
    CHECK(postgresql_names(uri) == sqlite);
  }

  TEST_CASE("a command's open upgrades a store at 14 and keeps its tickets")
  {
    if (!have_server()) {
      MESSAGE("skipped: no SDESK_TEST_PG_URI");
      return;
    }
    const std::string old = store_at_14();
    {
      auto conn = store::PgConnection::open(old, k_timeout);
      conn.exec("INSERT INTO ticket (id, kind, title, status, impact, urgency, priority,"
                " created_at, updated_at) VALUES (1, 'incident', 'Printer jammed', 'new',"
                " 2, 2, 3, 1700000000, 1700000000)");
    }
    auto backend = store::open_store(old, k_timeout);
    CHECK(version_of(old) == store::latest_schema_version());
    const auto ticket = backend->tickets().find(1);
    REQUIRE(ticket.has_value());
    CHECK(ticket->title == "Printer jammed");
    CHECK(backend->mail().watchers(1).empty());
  }

  TEST_CASE("hosts upgrading a store at 14 at once: each succeeds, the store is upgraded once")
  {
    if (!have_server()) {
      MESSAGE("skipped: no SDESK_TEST_PG_URI");
      return;
    }
    const std::string old = store_at_14();
    const std::string created = test::postgresql_fresh_uri();
    store::init_store(created, {});
    constexpr int k_hosts = 6;
    std::vector<std::string> failures(k_hosts);
    std::vector<int> found(k_hosts, -1);
    {
      std::vector<std::jthread> hosts;
      for (int i = 0; i < k_hosts; ++i) {
        hosts.emplace_back([&, i] {
          try {
            if (i % 2 == 0) {
              found[static_cast<std::size_t>(i)] = store::init_store(old, {}).created ? 0 : 1;
            } else {
              store::open_store(old, k_timeout);
              found[static_cast<std::size_t>(i)] = 1;
            }
          } catch (const std::exception& e) {
            failures[static_cast<std::size_t>(i)] = e.what();
          }
        });
      }
    }
    for (int i = 0; i < k_hosts; ++i) {
      CHECK_MESSAGE(failures[static_cast<std::size_t>(i)].empty(),
                    failures[static_cast<std::size_t>(i)]);
      CHECK(found[static_cast<std::size_t>(i)] == 1); // none of them created a store
    }
    CHECK(version_of(old) == store::latest_schema_version());
    CHECK(catalog_of(old) == catalog_of(created));
  }

  TEST_CASE("only the owner's roles upgrade, as the owner; others are told who can")
  {
    if (!have_server()) {
      MESSAGE("skipped: no SDESK_TEST_PG_URI");
      return;
    }
    const std::string base = test::postgresql_fresh_uri();
    const std::string suffix = std::to_string(getpid()) + "_" + std::to_string(std::rand());
    const std::string owner = "desk_owner_" + suffix;
    const std::string agent = "desk_agent_" + suffix;
    const std::string admin = "desk_admin_" + suffix;
    const auto owner_uri = as_role(base, owner);
    if (!owner_uri) {
      MESSAGE("skipped: SDESK_TEST_PG_URI names no user=sdesk");
      return;
    }
    {
      auto conn = store::PgConnection::open(base, k_timeout);
      conn.exec("CREATE ROLE " + owner + " LOGIN; CREATE ROLE " + agent + " LOGIN;"
                " CREATE ROLE " + admin + " LOGIN IN ROLE " + owner + ";"
                " GRANT USAGE, CREATE ON SCHEMA " + conn.query("SELECT current_schema()")
                                                      .get_text(0, 0) +
                " TO " + owner + ";");
      const std::string schema = conn.query("SELECT current_schema()").get_text(0, 0);
      conn.exec("GRANT USAGE ON SCHEMA " + schema + " TO " + agent);
    }
    {
      auto conn = store::PgConnection::open(*owner_uri, k_timeout);
      conn.exec(schema14());
      conn.exec("GRANT SELECT ON sdesk_schema TO " + agent);
    }
    const std::string refused = test::store_error(
      [&] { store::open_store(*as_role(base, agent), k_timeout); });
    CHECK(refused.find("has schema version 14 and this sdesk needs " +
                       std::to_string(store::latest_schema_version()) +
                       "; only its owner can upgrade it: run 'sdesk init' on it as role '" +
                       owner + "'") != std::string::npos);
    CHECK(version_of(base) == 14);

    store::open_store(*as_role(base, admin), k_timeout);
    CHECK(version_of(base) == store::latest_schema_version());
    auto conn = store::PgConnection::open(base, k_timeout);
    auto others = conn.query("SELECT count(*) FROM pg_class c"
                             " JOIN pg_namespace n ON n.oid = c.relnamespace"
                             " WHERE n.nspname = current_schema()"
                             " AND pg_get_userbyid(c.relowner) <> $1",
                             store::PgParams().add(owner));
    CHECK(others.get_int(0, 0) == 0);
  }
}

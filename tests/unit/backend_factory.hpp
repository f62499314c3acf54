#pragma once

// The backend that the store contract tests (tests/unit/store/contract_*),
// the ops tests and the report tests run on: every one of them gets its
// store from fresh_backend() or shared_store() below, never by naming a
// backend type.
//
// Running them on another backend: add a row to k_backend_factories (its
// `fresh` makes an empty store at the latest schema, `shared` one that
// several connections open), then pick it at run time:
//
//   SDESK_TEST_BACKEND=postgresql build/tests/sdesk_unit_tests
//     -ts='store contract*,ops::*,report::Builder,store::ReportSource'
//
// (one command line).
//
// SDESK_TEST_BACKEND unset means the first row (SQLite). Checks of one
// backend's own mechanics (SQLite query plans, PRAGMAs) use FreshBackend's
// `sqlite` and skip themselves elsewhere.

#include "lib/store/backend.hpp"
#include "lib/store/database.hpp"
#include "lib/store/open.hpp"
#include "lib/store/pg_connection.hpp"
#include "lib/store/schema.hpp"
#include "lib/store/sqlite_backend.hpp"
#include "tests/unit/temp_dir.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unistd.h>

namespace sdesk::test {

// A fresh, empty backend for one test.
struct FreshBackend {
  std::unique_ptr<store::Backend> backend;
  // The SQLite connection underneath, for checks of SQLite's own mechanics
  // (index use, PRAGMAs); null on any other backend.
  store::Database* sqlite = nullptr;
};

// A fresh, empty store that several connections can have open at once, as
// several processes would: for tests of isolation between sessions.
// Removed with the object (connections made by it must go first).
class SharedStore {
public:
  SharedStore() = default;
  SharedStore(const SharedStore&) = delete;
  SharedStore& operator=(const SharedStore&) = delete;
  virtual ~SharedStore() = default;

  // A new connection to the store: a backend of its own.
  virtual std::unique_ptr<store::Backend> connect() = 0;
};

// How to make stores of one backend.
struct BackendFactory {
  std::string_view name;
  FreshBackend (*fresh)();
  std::unique_ptr<SharedStore> (*shared)();
};

// --- SQLite ---

// An in-memory database with the real schema: fast, and private to the test.
inline FreshBackend sqlite_fresh()
{
  auto db = store::Database::open(":memory:", store::OpenMode::create, std::chrono::milliseconds{100});
  store::migrate(db);
  auto backend = std::make_unique<store::SqliteBackend>(std::move(db));
  store::Database* sqlite = &backend->database();
  return {std::move(backend), sqlite};
}

// A store file made by init_store in a temporary directory, opened with
// open_store as a command would.
class SqliteSharedStore final : public SharedStore {
public:
  SqliteSharedStore()
    : m_path((m_dir.path / "desk.db").string())
  {
    store::init_store(m_path, {});
  }

  std::unique_ptr<store::Backend> connect() override
  {
    return store::open_store(m_path, std::chrono::milliseconds{200});
  }

private:
  TempDir m_dir;
  std::string m_path;
};

inline std::unique_ptr<SharedStore> sqlite_shared()
{
  return std::make_unique<SqliteSharedStore>();
}

// --- PostgreSQL ---
//
// On the server SDESK_TEST_PG_URI names (tests/support/pg-server starts a
// throw-away one and sets it): each store is a schema of its own in that
// database, named through the URI's search_path, so a test's store is
// empty without creating a database per test. The schemas are left for
// the server's removal.

// A URI for a new, empty schema on the test server. Throws
// std::runtime_error when SDESK_TEST_PG_URI is not set.
inline std::string postgresql_fresh_uri()
{
  const char* base = std::getenv("SDESK_TEST_PG_URI");
  if (base == nullptr || *base == '\0') {
    throw std::runtime_error("SDESK_TEST_PG_URI is not set (run the tests through "
                             "tests/support/pg-server)");
  }
  static std::atomic<int> made{0};
  const std::string schema =
    "sdesk_test_" + std::to_string(getpid()) + "_" + std::to_string(++made);
  auto conn = store::PgConnection::open(base, std::chrono::milliseconds{5000});
  conn.exec("CREATE SCHEMA " + schema);
  const std::string uri(base);
  return uri + (uri.find('?') == std::string::npos ? "?" : "&") +
         "options=-csearch_path%3D" + schema;
}

inline FreshBackend postgresql_fresh()
{
  const std::string uri = postgresql_fresh_uri();
  store::init_store(uri, {});
  return {store::open_store(uri, std::chrono::milliseconds{200}), nullptr};
}

// A schema made by init_store, opened with open_store as a command would.
class PostgresqlSharedStore final : public SharedStore {
public:
  PostgresqlSharedStore()
    : m_uri(postgresql_fresh_uri())
  {
    store::init_store(m_uri, {});
  }

  std::unique_ptr<store::Backend> connect() override
  {
    return store::open_store(m_uri, std::chrono::milliseconds{200});
  }

private:
  std::string m_uri;
};

inline std::unique_ptr<SharedStore> postgresql_shared()
{
  return std::make_unique<PostgresqlSharedStore>();
}

// --- The registry ---

// Every backend the tests can run on; the first is the default.
inline constexpr std::array<BackendFactory, 2> k_backend_factories{{
  {"sqlite", &sqlite_fresh, &sqlite_shared},
  {"postgresql", &postgresql_fresh, &postgresql_shared},
}};

// The factory SDESK_TEST_BACKEND names, else the first. Throws
// std::runtime_error for a name no row has.
inline const BackendFactory& backend_factory()
{
  const char* chosen = std::getenv("SDESK_TEST_BACKEND");
  if (chosen == nullptr || *chosen == '\0') {
    return k_backend_factories.front();
  }
  for (const auto& factory : k_backend_factories) {
    if (factory.name == chosen) {
      return factory;
    }
  }
  throw std::runtime_error(std::string("SDESK_TEST_BACKEND: no backend named ") + chosen);
}

// A fresh, empty backend of the kind under test.
inline FreshBackend fresh_backend()
{
  return backend_factory().fresh();
}

// A fresh, empty store of the kind under test that several connections share.
inline std::unique_ptr<SharedStore> shared_store()
{
  return backend_factory().shared();
}

} // namespace sdesk::test

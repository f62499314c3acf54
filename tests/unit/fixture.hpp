#pragma once

// Shared set-up for tests of lib/store and lib/ops: an in-memory store with
// the real schema, the default configuration and a fixed clock.

#include "lib/config/config.hpp"
#include "lib/ops/context.hpp"
#include "lib/store/database.hpp"
#include "lib/store/schema.hpp"
#include "lib/store/sqlite_store.hpp"
#include "tests/unit/time_support.hpp"

#include <chrono>
#include <memory>

namespace sdesk::test {

inline std::unique_ptr<store::SqliteStore> memory_store()
{
  auto db = store::Database::open(":memory:", store::OpenMode::create, std::chrono::milliseconds{100});
  store::migrate(db);
  return std::make_unique<store::SqliteStore>(std::move(db));
}

// A desk: store, config, clock and actor, ready for ops calls.
struct Desk {
  explicit Desk(std::string_view toml = "")
    : config(config::load_text(toml, "test.toml")),
      store(memory_store())
  {
  }

  ops::Context as(std::string actor) { return {*store, config, now, std::move(actor)}; }
  ops::Context ctx() { return as("agent"); }

  // Counts rows of a table, to check what a failed command left behind.
  std::int64_t count(std::string_view table)
  {
    auto stmt = store->database().prepare(std::string("SELECT count(*) FROM ") + std::string(table));
    stmt.step();
    return stmt.get_int(0);
  }

  config::Config config;
  std::unique_ptr<store::SqliteStore> store;
  util::Time now = at(2026, 11, 2, 9);
};

} // namespace sdesk::test

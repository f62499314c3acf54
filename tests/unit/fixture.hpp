#pragma once

// Shared set-up for tests of lib/store and lib/ops: a fresh store of the
// backend under test (tests/unit/backend_factory.hpp), the default
// configuration and a fixed clock.

#include "lib/config/config.hpp"
#include "lib/ops/context.hpp"
#include "lib/store/database.hpp"
#include "lib/store/schema.hpp"
#include "lib/store/sqlite_store.hpp"
#include "tests/unit/backend_factory.hpp"
#include "tests/unit/time_support.hpp"

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

namespace sdesk::test {

// A bare SQLite ticket store in memory with the real schema: for the tests
// of SqliteStore itself. Tests of anything above the store use Desk or
// fresh_backend().
inline std::unique_ptr<store::SqliteStore> memory_store()
{
  auto db = store::Database::open(":memory:", store::OpenMode::create, std::chrono::milliseconds{100});
  store::migrate(db);
  return std::make_unique<store::SqliteStore>(std::move(db));
}

// Counts the tickets of `s` (`table` "ticket"), the rows of all their
// histories ("ticket_event") or the queued notifications ("outbox"),
// through the TicketStore interface, so that it means the same on every
// backend.
inline std::int64_t count_rows(store::TicketStore& s, std::string_view table)
{
  std::int64_t tickets = 0;
  std::int64_t events = 0;
  s.for_each({}, [&](const model::Ticket& t) {
    ++tickets;
    events += static_cast<std::int64_t>(s.events(t.id).size());
  });
  if (table == "ticket") {
    return tickets;
  }
  if (table == "ticket_event") {
    return events;
  }
  if (table == "outbox") {
    std::int64_t queued = 0;
    s.for_each_queued(std::nullopt, [&](const model::OutboxEntry&) { ++queued; });
    return queued;
  }
  throw std::invalid_argument("count_rows: no table " + std::string(table));
}

// A desk: a fresh store of the backend under test, config, clock and
// actor, ready for ops calls.
struct Desk {
  explicit Desk(std::string_view toml = "")
    : Desk(config::load_text(toml, "test.toml"), fresh_backend())
  {
  }

  ops::Context as(std::string actor) { return {*store, config, now, std::move(actor), *backend, nullptr, false}; }
  ops::Context ctx() { return as("agent"); }

  // Counts tickets ("ticket") or history rows ("ticket_event"), to check
  // what a failed command left behind.
  std::int64_t count(std::string_view table) { return count_rows(*store, table); }

  config::Config config;
  std::unique_ptr<store::Backend> backend;
  store::TicketStore* store;      // backend->tickets()
  store::Database* sqlite;        // the SQLite connection, or null on another backend
  util::Time now = at(2026, 11, 2, 9);

private:
  Desk(config::Config loaded, FreshBackend made)
    : config(std::move(loaded)),
      backend(std::move(made.backend)),
      store(&backend->tickets()),
      sqlite(made.sqlite)
  {
  }
};

} // namespace sdesk::test

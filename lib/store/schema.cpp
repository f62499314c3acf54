#include "lib/store/schema.hpp"

#include "lib/store/history_migration.hpp"
#include "lib/store/migrations.hpp"
#include "lib/store/statement.hpp"
#include "lib/util/error.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

// 'SDSK': marks the file as an sdesk store for file(1) and for us.
constexpr std::int64_t k_application_id = 0x5344534B;

// A step in C++ that runs after the SQL of migration `version`, in its
// transaction, for what SQL cannot do.
struct MigrationStep {
  int version;
  void (*run)(Database& db);
};

constexpr std::array<MigrationStep, 1> k_migration_steps{{
  {10, backfill_history}, // lib/store/history_migration.cpp
}};

struct Header {
  int version;
  std::int64_t application_id;
  std::int64_t tables;
  bool wal;
};

std::int64_t pragma_int(Database& db, std::string_view sql)
{
  auto stmt = db.prepare(sql);
  return stmt.step() ? stmt.get_int(0) : 0;
}

// Plain PRAGMA statements: every command runs this, and they compile to a
// fraction of the instructions of one SELECT over the pragma_* table-valued
// functions (which build a virtual table each).
Header read_header(Database& db)
{
  Header header{};
  header.version = static_cast<int>(pragma_int(db, "PRAGMA user_version"));
  header.application_id = pragma_int(db, "PRAGMA application_id");
  // Only an unversioned file needs its tables counted (ours or foreign?).
  header.tables = header.version == 0 ? pragma_int(db, "SELECT count(*) FROM sqlite_schema") : 0;
  auto mode = db.prepare("PRAGMA journal_mode");
  header.wal = mode.step() && mode.get_text(0) == "wal";
  return header;
}

// A bulk load switches a store to a rollback journal for its transaction
// (SqliteStore::begin_bulk_session); if the process died before switching
// back, the next open does it. A store others hold open stays as it is
// until then: correct, only without WAL's concurrent readers.
void restore_wal(Database& db)
{
  try {
    db.exec("PRAGMA journal_mode=WAL");
  } catch (const Error&) {
  }
}

void check_is_ours(const Database& db, const Header& header)
{
  const bool foreign_id = header.application_id != 0 && header.application_id != k_application_id;
  const bool foreign_tables = header.version == 0 && header.tables > 0;
  if (foreign_id || foreign_tables) {
    throw Error(ErrorKind::store,
                fmt::format("'{}' is a SQLite database but not an sdesk store; refusing to touch it",
                            db.path()));
  }
  if (header.version > latest_schema_version()) {
    throw Error(ErrorKind::store,
                fmt::format("store '{}' has schema version {}, newer than this sdesk supports ({}); "
                            "upgrade sdesk",
                            db.path(), header.version, latest_schema_version()));
  }
}

} // namespace

int latest_schema_version()
{
  return static_cast<int>(k_migrations.size());
}

namespace {

// Turns foreign keys back on when it goes out of scope (migrate_to).
class ForeignKeysOn {
public:
  explicit ForeignKeysOn(Database& db)
    : m_db(db)
  {
  }
  ForeignKeysOn(const ForeignKeysOn&) = delete;
  ForeignKeysOn& operator=(const ForeignKeysOn&) = delete;
  ~ForeignKeysOn()
  {
    try {
      m_db.exec("PRAGMA foreign_keys=ON");
    } catch (const Error&) { // destructors never throw; the next open sets it again
    }
  }

private:
  Database& m_db;
};

// A large page cache for the life of the object, then the one before. A
// migration may rewrite every row of a big table (migration 10 gives each
// history row its hash) in one transaction; with the default 2 MiB cache
// SQLite spills the changed pages to the WAL again and again (upgrading a
// store of 1M tickets wrote a WAL of over 4 GB and took over 20 minutes).
class LargeCache {
public:
  explicit LargeCache(Database& db)
    : m_db(db)
  {
    auto size = m_db.prepare("PRAGMA cache_size");
    m_before = size.step() ? size.get_int(0) : -2000;
    m_db.exec("PRAGMA cache_size=-262144"); // KiB: 256 MiB, as a bulk load uses
  }
  LargeCache(const LargeCache&) = delete;
  LargeCache& operator=(const LargeCache&) = delete;
  ~LargeCache()
  {
    try {
      m_db.exec(fmt::format("PRAGMA cache_size={}", m_before));
    } catch (const Error&) { // destructors never throw; a smaller cache only costs speed
    }
  }

private:
  Database& m_db;
  std::int64_t m_before = -2000;
};

// What migrate_to does with a database that has no schema yet.
enum class Empty { refuse, initialise };

int migrate_to(Database& db, int target, Empty empty)
{
  Header header = read_header(db);
  check_is_ours(db, header);
  if (header.version == 0 && empty == Empty::refuse) {
    // Only init makes a store: a zero-byte file named by mistake (or by
    // someone else) must not become one behind the user's back.
    throw Error(ErrorKind::store,
                fmt::format("'{}' is empty, not an sdesk store (create one with 'sdesk init')",
                            db.path()));
  }
  if (header.version >= target) {
    if (!header.wal) {
      restore_wal(db);
    }
    return header.version; // the common case: one cheap read, nothing else
  }
  if (header.version == 0) {
    // Persistent, and not allowed inside a transaction: set it first.
    db.exec("PRAGMA journal_mode=WAL");
  }
  // A migration may rebuild a table (SQLite's 12-step procedure): foreign
  // keys off around the transaction (a no-op inside one), checked before
  // the commit, back on after it.
  db.exec("PRAGMA foreign_keys=OFF");
  const ForeignKeysOn foreign_keys_on(db);
  const LargeCache large_cache(db);
  db.begin_write();
  try {
    header = read_header(db); // another process may have migrated meanwhile
    check_is_ours(db, header);
    for (int v = header.version; v < target; ++v) {
      db.exec(k_migrations[static_cast<std::size_t>(v)]);
      for (const MigrationStep& step : k_migration_steps) {
        if (step.version == v + 1) {
          step.run(db);
        }
      }
    }
    if (header.version < target && db.prepare("PRAGMA foreign_key_check").step()) {
      throw Error(ErrorKind::store, fmt::format("store '{}': a migration broke a foreign key; "
                                                "nothing was changed",
                                                db.path()));
    }
    db.exec(fmt::format("PRAGMA application_id={}; PRAGMA user_version={}", k_application_id,
                        std::max(target, header.version)));
    db.exec("COMMIT");
    db.end_write();
  } catch (...) {
    try {
      db.exec("ROLLBACK");
    } catch (const Error&) { // the original error is the one worth reporting
    }
    db.end_write();
    throw;
  }
  return header.version;
}

} // namespace

int migrate(Database& db, int target)
{
  return migrate_to(db, target, Empty::initialise);
}

int upgrade(Database& db)
{
  return migrate_to(db, latest_schema_version(), Empty::refuse);
}

void check_store(Database& db)
{
  check_is_ours(db, read_header(db));
  // quick_check: every page and record well-formed; it skips only the
  // index-to-table cross-check of integrity_check.
  auto check = db.prepare("PRAGMA quick_check(1)");
  std::string verdict = check.step() ? check.get_text(0) : "no answer";
  if (verdict != "ok") {
    // One line: "*** in database main ***\nPage 136: ..." becomes "Page 136: ...".
    const std::string_view banner = "*** in database main ***\n";
    if (verdict.starts_with(banner)) {
      verdict.erase(0, banner.size());
    }
    std::replace(verdict.begin(), verdict.end(), '\n', ' ');
    throw Error(ErrorKind::store,
                fmt::format("store '{}' is damaged ({}); restore it from a backup "
                            "(docs/shared-store.md) or recover it with sqlite3's .recover",
                            db.path(), verdict));
  }
}

} // namespace sdesk::store

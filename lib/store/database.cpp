#include "lib/store/database.hpp"

#include "lib/store/file_access.hpp"
#include "lib/store/sqlite_error.hpp"
#include "lib/store/statement.hpp"
#include "lib/util/error.hpp"

#include <algorithm>
#include <utility>

#include <sqlite3.h>

#include <filesystem>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

// SQLite's default wal_autocheckpoint, in pages.
constexpr int k_checkpoint_pages = 1000;

// SQLite's WAL hook: records the size of the WAL after a commit in the int
// at `pages_out`, instead of checkpointing there and then.
extern "C" int record_wal_pages(void* pages_out, sqlite3* /*db*/, const char* /*schema*/, int pages)
{
  *static_cast<int*>(pages_out) = pages;
  return SQLITE_OK;
}

// The absolute path of the file `db` opened; "" for an in-memory database.
std::string file_name(sqlite3* db)
{
  const char* name = sqlite3_db_filename(db, "main");
  return name ? name : "";
}

} // namespace

void Database::Closer::operator()(sqlite3* db) const noexcept
{
  sqlite3_close_v2(db);
}

Database::Database(std::unique_ptr<sqlite3, Closer> db, std::string path,
                   std::chrono::milliseconds busy_timeout)
  : m_db(std::move(db)),
    m_path(std::move(path)),
    m_busy_timeout(busy_timeout),
    m_writers(file_name(m_db.get())),
    m_wal_pages(std::make_unique<int>(0))
{
  // Replaces SQLite's automatic checkpoint; end_write() does it instead.
  sqlite3_wal_hook(m_db.get(), record_wal_pages, m_wal_pages.get());
}

Database::~Database() = default;

namespace {

struct SqliteCloser {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};

// A connection (possibly a failed one, which still holds the message) and
// its extended result code.
struct Opened {
  std::unique_ptr<sqlite3, SqliteCloser> handle;
  int rc;
};

// SQLite keeps memory statistics by default, taking a global mutex around
// every allocation (a quarter of a million instructions in one `open`).
// sdesk never reads them. sqlite3_config() must precede the library's
// initialisation, so this runs once, before the first connection.
void configure_sqlite() noexcept
{
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
}

Opened open_file(const std::string& path, int flags)
{
  configure_sqlite();
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  return {std::unique_ptr<sqlite3, SqliteCloser>(raw), raw ? sqlite3_extended_errcode(raw) : rc};
}

} // namespace

Database Database::open(const std::string& path, OpenMode mode, std::chrono::milliseconds busy_timeout)
{
  // SQLITE_OPEN_NOFOLLOW refuses a link anywhere in the path. The store
  // file itself must not be one (someone who can write its directory could
  // point it at another file); a link above it is followed by opening the
  // resolved directory, so the common case costs nothing extra.
  int flags = (mode == OpenMode::read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
              SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW;
  if (mode == OpenMode::create) {
    flags |= SQLITE_OPEN_CREATE;
  }
  Opened opened = open_file(path, flags);
  if (opened.rc == SQLITE_CANTOPEN_SYMLINK) {
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::path file(path);
    const auto dir = fs::canonical(file.parent_path().empty() ? fs::path(".") : file.parent_path(),
                                   error);
    if (!error && !fs::is_symlink(fs::symlink_status(file, error))) {
      opened = open_file((dir / file.filename()).string(), flags);
    }
  }
  sqlite3* raw = opened.handle.get();
  std::unique_ptr<sqlite3, Closer> handle(opened.handle.release());
  if (opened.rc != SQLITE_OK) {
    const std::string found = diagnose_store_access(path, mode != OpenMode::create);
    const std::string reason = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(opened.rc);
    throw Error(ErrorKind::store, fmt::format("cannot open store '{}': {}", path,
                                              found.empty() ? reason : found));
  }
  sqlite3_extended_result_codes(raw, 1);
  // The timeout first: PRAGMAs below may already need the lock.
  sqlite3_busy_timeout(raw, static_cast<int>(busy_timeout.count()));
  Database db(std::move(handle), path, busy_timeout);
  db.exec("PRAGMA foreign_keys=ON");
  return db;
}

void Database::exec(std::string_view sql)
{
  char* message = nullptr;
  const int rc = sqlite3_exec(m_db.get(), std::string(sql).c_str(), nullptr, nullptr, &message);
  std::unique_ptr<char, decltype(&sqlite3_free)> owned(message, &sqlite3_free);
  check(rc, sql);
}

void Database::begin_write()
{
  const auto start = std::chrono::steady_clock::now();
  if (!m_writers.enter(m_busy_timeout)) {
    throw StoreBusy(
                fmt::format("store '{}' is locked by another process; gave up waiting after {} ms "
                            "(store.busy_timeout)",
                            m_path, m_busy_timeout.count()));
  }
  // SQLite's own wait (for a writer outside the queue) gets what is left.
  const auto waited =
    std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  const auto left = std::max(m_busy_timeout - waited, std::chrono::milliseconds::zero());
  sqlite3_busy_timeout(m_db.get(), static_cast<int>(left.count()));
  try {
    exec("BEGIN IMMEDIATE");
  } catch (const Error&) {
    sqlite3_busy_timeout(m_db.get(), static_cast<int>(m_busy_timeout.count()));
    m_writers.leave();
    throw;
  }
  sqlite3_busy_timeout(m_db.get(), static_cast<int>(m_busy_timeout.count()));
}

void Database::end_write() noexcept
{
  m_writers.leave();
  if (std::exchange(*m_wal_pages, 0) >= k_checkpoint_pages) {
    // Errors (another checkpoint running) only leave it for the next one.
    sqlite3_wal_checkpoint_v2(m_db.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  }
}

Statement Database::prepare(std::string_view sql)
{
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(m_db.get(), sql.data(), static_cast<int>(sql.size()), &stmt,
                                    nullptr);
  Statement statement(stmt);
  check(rc, sql);
  return statement;
}

Statement& Database::cached(std::optional<Statement>& slot, std::string_view sql)
{
  if (!slot) {
    slot.emplace(prepare(sql));
  }
  slot->reset();
  return *slot;
}

std::int64_t Database::last_insert_rowid() const
{
  return sqlite3_last_insert_rowid(m_db.get());
}

int Database::changes() const
{
  return sqlite3_changes(m_db.get());
}

void Database::check(int rc, std::string_view context) const
{
  check_result(m_db.get(), rc, context);
}

} // namespace sdesk::store

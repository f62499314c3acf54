#include "lib/store/database.hpp"

#include "lib/store/file_access.hpp"
#include "lib/store/sqlite_error.hpp"
#include "lib/store/statement.hpp"
#include "lib/util/error.hpp"

#include <sqlite3.h>

#include <filesystem>

#include <fmt/format.h>

namespace sdesk::store {

void Database::Closer::operator()(sqlite3* db) const noexcept
{
  sqlite3_close_v2(db);
}

Database::Database(std::unique_ptr<sqlite3, Closer> db, std::string path)
  : m_db(std::move(db)),
    m_path(std::move(path))
{
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

Opened open_file(const std::string& path, int flags)
{
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
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW;
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
    const std::string found = diagnose_store_access(path, mode == OpenMode::read_write);
    const std::string reason = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(opened.rc);
    throw Error(ErrorKind::store, fmt::format("cannot open store '{}': {}", path,
                                              found.empty() ? reason : found));
  }
  sqlite3_extended_result_codes(raw, 1);
  // The timeout first: PRAGMAs below may already need the lock.
  sqlite3_busy_timeout(raw, static_cast<int>(busy_timeout.count()));
  Database db(std::move(handle), path);
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

Statement Database::prepare(std::string_view sql)
{
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(m_db.get(), sql.data(), static_cast<int>(sql.size()), &stmt,
                                    nullptr);
  Statement statement(stmt);
  check(rc, sql);
  return statement;
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

#include "lib/store/database.hpp"

#include "lib/store/sqlite_error.hpp"
#include "lib/store/statement.hpp"
#include "lib/util/error.hpp"

#include <sqlite3.h>
#include <unistd.h>

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

Database Database::open(const std::string& path, OpenMode mode, std::chrono::milliseconds busy_timeout)
{
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == OpenMode::create) {
    flags |= SQLITE_OPEN_CREATE;
  }
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<sqlite3, Closer> handle(raw);
  if (rc != SQLITE_OK) {
    const std::string reason = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    const bool missing = access(path.c_str(), F_OK) != 0;
    const char* hint = !missing                         ? " (check its permissions and group)"
                       : mode == OpenMode::read_write ? " (create one with 'sdesk init')"
                                                      : "";
    throw Error(ErrorKind::store, fmt::format("cannot open store '{}': {}{}", path, reason, hint));
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

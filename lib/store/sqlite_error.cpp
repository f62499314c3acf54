#include "lib/store/sqlite_error.hpp"

#include "lib/store/file_access.hpp"
#include "lib/util/error.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

namespace sdesk::store {

void check_result(sqlite3* db, int rc, std::string_view context)
{
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) {
    return;
  }
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  const std::string path = file && *file ? file : ":memory:";
  const std::string reason = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xFF) {
  case SQLITE_BUSY:
  case SQLITE_LOCKED:
    throw StoreBusy(
                fmt::format("store '{}' is locked by another process; gave up waiting ({})", path,
                            reason));
  case SQLITE_CORRUPT:
  case SQLITE_NOTADB:
    throw Error(ErrorKind::store,
                fmt::format("store '{}' is corrupt or not an sdesk store ({})", path, reason));
  case SQLITE_READONLY:
  case SQLITE_PERM:
  case SQLITE_CANTOPEN:
  case SQLITE_AUTH:
    // Name the file (store, -wal, -shm) or directory at fault, if any.
    if (const auto found = file && *file ? diagnose_store_access(path, true) : std::string();
        !found.empty()) {
      throw Error(ErrorKind::store, fmt::format("store '{}' cannot be used: {}", path, found));
    }
    throw Error(ErrorKind::store,
                fmt::format("store '{}' cannot be written ({}); check the permissions of the file "
                            "and its directory",
                            path, reason));
  case SQLITE_TOOBIG:
    // A value over SQLite's own limit: bad input, not a store problem (the
    // limits of model/limits.hpp are far lower and should have caught it).
    throw Error(ErrorKind::usage,
                fmt::format("a value is too long to store ({}) (accepted: see docs/limits.md)",
                            reason));
  case SQLITE_FULL:
    throw Error(ErrorKind::store, fmt::format("store '{}': disk full ({})", path, reason));
  default:
    throw Error(ErrorKind::store,
                fmt::format("store '{}': {} (while running: {})", path, reason, context));
  }
}

} // namespace sdesk::store

#pragma once

#include "lib/store/writer_queue.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;

namespace sdesk::store {

class Statement;

// How a store file is opened.
enum class OpenMode {
  read_write, // the file must exist
  create,     // create the file if missing
  read_only,  // the file must exist; nothing is written (shell completion)
};

// One SQLite connection; move-only, closed on destruction. The only code in
// sdesk that includes sqlite3.h is in lib/store.
class Database {
public:
  // Opens `path` with busy_timeout set first (before any other statement, see
  // STYLE.md) and foreign keys on. Throws Error(store) naming the path when
  // the file is missing (read_write), is a symbolic link (links in the
  // directories above it are followed), unreadable or not a database; the
  // message names the file or directory at fault (diagnose_store_access).
  static Database open(const std::string& path, OpenMode mode,
                       std::chrono::milliseconds busy_timeout);

  Database(Database&&) noexcept = default;
  Database& operator=(Database&&) noexcept = default;
  ~Database();

  // Runs one or more statements without results. Throws Error(store).
  void exec(std::string_view sql);

  // Starts a write transaction: waits in the store's queue of writers
  // (WriterQueue), then runs BEGIN IMMEDIATE; both waits together last at
  // most the busy timeout. Throws Error(store) "locked by another process"
  // when the timeout passes first, having left the queue.
  void begin_write();

  // Leaves the queue of writers once the write transaction has ended
  // (COMMIT or ROLLBACK); no-op when not in it. Then, if the WAL has grown
  // past 1,000 pages, copies it back into the database (a passive
  // checkpoint, which never waits). SQLite would do that inside COMMIT,
  // that is, while the next writer still waits in the queue.
  void end_write() noexcept;

  // Compiles one statement. Throws Error(store) with the SQL on failure.
  Statement prepare(std::string_view sql);

  // The statement kept in `slot`, prepared from `sql` on first use and
  // reset on every use: how a store keeps the statements it runs often.
  Statement& cached(std::optional<Statement>& slot, std::string_view sql);

  // Rowid of the last successful INSERT on this connection.
  std::int64_t last_insert_rowid() const;

  // Rows changed by the last INSERT, UPDATE or DELETE.
  int changes() const;

  const std::string& path() const { return m_path; }
  sqlite3* handle() const { return m_db.get(); }

private:
  // Throws Error(store) for a failed result code; `context` is the SQL.
  void check(int rc, std::string_view context) const;

  struct Closer {
    void operator()(sqlite3* db) const noexcept;
  };

  Database(std::unique_ptr<sqlite3, Closer> db, std::string path,
           std::chrono::milliseconds busy_timeout);

  std::unique_ptr<sqlite3, Closer> m_db;
  std::string m_path;
  std::chrono::milliseconds m_busy_timeout;
  WriterQueue m_writers;
  // Pages in the WAL after this connection's last commit; on the heap, as
  // SQLite's WAL hook keeps its address.
  std::unique_ptr<int> m_wal_pages;
};

} // namespace sdesk::store

#pragma once

// A store seen as its tables of rows, for copying a whole store from one
// backend to another (`sdesk store copy`, lib/ops/store_copy.hpp): a
// backend exports rows table by table from one read snapshot and imports
// them in one write transaction, keeping every column as stored (ids, hash
// chains, times). Nothing above lib/store learns which backend it is:
// open_table_source and open_table_target choose it by the store's name, as
// open_store does. The SQLite side is sqlite_table_copy.cpp, PostgreSQL's
// pg_table_copy.cpp.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::store {

// What a column holds, in terms both backends store alike: SQLite's
// INTEGER, TEXT and BLOB; PostgreSQL's bigint or integer, text and bytea.
enum class ColumnType { integer, text, bytes };

struct TableColumn {
  std::string name;
  ColumnType type = ColumnType::text;

  bool operator==(const TableColumn&) const = default;
};

// One row: a value per column, in the order of the columns it was read
// with; nothing for NULL. An integer is its decimal text; bytes are the raw
// bytes.
using TableRow = std::vector<std::optional<std::string>>;

// Every table of a store, in an order that puts each table after the tables
// its foreign keys name (parents first: ticket, then its history...). The
// version bookkeeping (SQLite's PRAGMA user_version, PostgreSQL's
// sdesk_schema) is not a table here: the target has its own. A copy checks
// that both stores' catalogs hold exactly these tables (so a table added by
// a later migration cannot be left behind unnoticed: the copy refuses,
// naming it, and tests/unit/store/table_copy_test.cpp fails).
std::span<const std::string_view> copied_tables();

// One store's tables, on a connection of its own.
class TableStore {
public:
  TableStore() = default;
  TableStore(const TableStore&) = delete;
  TableStore& operator=(const TableStore&) = delete;
  virtual ~TableStore() = default;

  // The store's name for messages (a URI without its password).
  virtual const std::string& name() const = 0;

  // The names of the store's tables in its catalog, sorted, without the
  // version bookkeeping.
  virtual std::vector<std::string> tables() = 0;
  // The columns of `table` in the catalog's order. Throws Error(store) for
  // a column of a type none of ColumnType's.
  virtual std::vector<TableColumn> columns(std::string_view table) = 0;

  // --- Reading (the source) ---

  // Starts the one read snapshot that every read_rows() until
  // end_snapshot() sees (PostgreSQL: REPEATABLE READ, read only; SQLite: a
  // read transaction), so that writers may go on meanwhile.
  virtual void begin_snapshot() = 0;
  // Calls `visit` with every row of `table` (the values of `columns`, in
  // their order), a batch at a time: the table is never all in memory.
  // Returns how many rows it read.
  virtual std::int64_t read_rows(std::string_view table, std::span<const TableColumn> columns,
                                 const std::function<void(const TableRow&)>& visit) = 0;
  virtual void end_snapshot() = 0;

  // --- Writing (the target) ---

  // Starts the one write transaction of the copy and keeps every other
  // writer out of the store until it ends (PostgreSQL: EXCLUSIVE locks on
  // the tables; SQLite: the write lock). Throws StoreBusy when that is not
  // had within the busy timeout.
  virtual void begin_write() = 0;
  // The rows of `table` in the current transaction.
  virtual std::int64_t count_rows(std::string_view table) = 0;
  // Writes the rows of one table: start_table(), add_row() for each row,
  // then finish_table() (which writes what is still batched and moves the
  // table's id numbering past the largest id copied, so that the next row
  // a command adds gets the next id).
  virtual void start_table(std::string_view table, std::span<const TableColumn> columns) = 0;
  virtual void add_row(const TableRow& row) = 0;
  virtual void finish_table() = 0;
  virtual void commit() = 0;
  // Rolls the write transaction back; never throws.
  virtual void rollback() noexcept = 0;
};

// Opens the existing store `name` (a path or a postgresql:// URI) to read
// its tables, upgrading an older schema as every command does. Throws
// Error(store) as open_store does.
std::unique_ptr<TableStore> open_table_source(const std::string& name,
                                              std::chrono::milliseconds busy_timeout);

// The store a copy writes.
struct TableTarget {
  std::unique_ptr<TableStore> store;
  bool created = false; // it did not exist (a new file, or a database without a store)
  // Removes the store made here when the copy fails (a new file goes
  // again; a PostgreSQL schema stays, empty); never throws.
  std::function<void()> discard;
};

// Opens `name` for a copy to write: a missing or empty file, or a
// PostgreSQL database without an sdesk store, is made a store at the
// latest schema first (as `sdesk init` would). Throws Error(refused) for an
// existing store at another schema version than this sdesk's (a newer one,
// or an older one, which would be upgraded: a copy never changes a store it
// does not fill), Error(store) as open_store and init_store do.
TableTarget open_table_target(const std::string& name, std::chrono::milliseconds busy_timeout);

} // namespace sdesk::store

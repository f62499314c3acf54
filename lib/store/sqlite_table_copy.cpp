// The SQLite side of copying a store (table_copy.hpp): rows read in one
// read transaction (WAL: writers go on), written with one prepared INSERT
// per table in one write transaction.

#include "lib/store/table_copy_backends.hpp"

#include "lib/store/database.hpp"
#include "lib/store/schema.hpp"
#include "lib/store/statement.hpp"
#include "lib/util/error.hpp"

#include <charconv>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

namespace fs = std::filesystem;

// SQLite's declared column types, as sdesk's migrations write them.
ColumnType column_type(const std::string& table, const std::string& column,
                       const std::string& declared)
{
  if (declared == "INTEGER") {
    return ColumnType::integer;
  }
  if (declared == "TEXT") {
    return ColumnType::text;
  }
  if (declared == "BLOB") {
    return ColumnType::bytes;
  }
  throw Error(ErrorKind::store, fmt::format("column {}.{} has type '{}', which store copy does "
                                            "not know (INTEGER, TEXT, BLOB)",
                                            table, column, declared));
}

// "INSERT INTO t (a, b) VALUES (?, ?)": names come from the catalog, never
// from input; values are bound.
std::string insert_sql(std::string_view table, std::span<const TableColumn> columns)
{
  std::string names;
  std::string marks;
  for (const TableColumn& c : columns) {
    names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", c.name);
    marks += marks.empty() ? "?" : ", ?";
  }
  return fmt::format("INSERT INTO \"{}\" ({}) VALUES ({})", table, names, marks);
}

class SqliteTableStore final : public TableStore {
public:
  explicit SqliteTableStore(Database db)
    : m_db(std::move(db))
  {
  }

  const std::string& name() const override { return m_db.path(); }

  std::vector<std::string> tables() override
  {
    auto st = m_db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT "
                           "LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
    std::vector<std::string> names;
    while (st.step()) {
      names.push_back(st.get_text(0));
    }
    return names;
  }

  std::vector<TableColumn> columns(std::string_view table) override
  {
    auto st = m_db.prepare("SELECT name, upper(type) FROM pragma_table_info(?) ORDER BY cid");
    st.bind(1, table);
    std::vector<TableColumn> found;
    while (st.step()) {
      std::string name = st.get_text(0);
      const ColumnType type = column_type(std::string(table), name, st.get_text(1));
      found.push_back({std::move(name), type});
    }
    return found;
  }

  void begin_snapshot() override { m_db.exec("BEGIN DEFERRED"); }

  std::int64_t read_rows(std::string_view table, std::span<const TableColumn> columns,
                         const std::function<void(const TableRow&)>& visit) override
  {
    std::string names;
    for (const TableColumn& c : columns) {
      names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", c.name);
    }
    auto st = m_db.prepare(fmt::format("SELECT {} FROM \"{}\"", names, table));
    TableRow row(columns.size());
    std::int64_t count = 0;
    while (st.step()) {
      for (std::size_t i = 0; i < columns.size(); ++i) {
        const int column = static_cast<int>(i);
        if (st.is_null(column)) {
          row[i].reset();
        } else if (columns[i].type == ColumnType::integer) {
          row[i] = std::to_string(st.get_int(column));
        } else if (columns[i].type == ColumnType::bytes) {
          row[i] = st.get_opt_blob(column);
        } else {
          st.read_opt_text(column, row[i]);
        }
      }
      visit(row);
      ++count;
    }
    return count;
  }

  void end_snapshot() override { m_db.exec("COMMIT"); }

  void begin_write() override
  {
    // As a migration: the default cache spills a big transaction's pages
    // to the WAL over and over (ARCHITECTURE.md, "Migrations").
    m_db.exec("PRAGMA cache_size=-262144");
    m_db.begin_write();
    m_writing = true;
  }

  std::int64_t count_rows(std::string_view table) override
  {
    auto st = m_db.prepare(fmt::format("SELECT count(*) FROM \"{}\"", table));
    st.step();
    return st.get_int(0);
  }

  void start_table(std::string_view table, std::span<const TableColumn> columns) override
  {
    m_columns.assign(columns.begin(), columns.end());
    m_insert.emplace(m_db.prepare(insert_sql(table, columns)));
  }

  void add_row(const TableRow& row) override
  {
    Statement& st = *m_insert;
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
      const int index = static_cast<int>(i) + 1;
      if (!row[i]) {
        st.bind(index, std::nullopt);
      } else if (m_columns[i].type == ColumnType::integer) {
        st.bind(index, parse_integer(*row[i], m_columns[i].name));
      } else if (m_columns[i].type == ColumnType::bytes) {
        st.bind_blob_static(index, *row[i]);
      } else {
        st.bind_static(index, *row[i]);
      }
    }
    st.run();
    st.reset();
  }

  // SQLite numbers an INTEGER PRIMARY KEY from the largest stored: nothing
  // to move on.
  void finish_table() override { m_insert.reset(); }

  void commit() override
  {
    m_db.exec("COMMIT");
    m_writing = false;
    m_db.end_write();
  }

  void rollback() noexcept override
  {
    m_insert.reset();
    if (!m_writing) {
      return;
    }
    m_writing = false;
    try {
      m_db.exec("ROLLBACK");
    } catch (const Error&) { // nothing to roll back (the transaction ended with an error)
    }
    m_db.end_write();
  }

private:
  static std::int64_t parse_integer(const std::string& text, const std::string& column)
  {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
      throw Error(ErrorKind::store,
                  fmt::format("column {}: '{}' is not an integer", column, text.substr(0, 40)));
    }
    return value;
  }

  Database m_db;
  bool m_writing = false;
  std::vector<TableColumn> m_columns; // of the table being written
  std::optional<Statement> m_insert;  // its INSERT
};

} // namespace

std::unique_ptr<TableStore> open_sqlite_table_source(const std::string& path,
                                                     std::chrono::milliseconds busy_timeout)
{
  auto db = Database::open(path, OpenMode::read_write, busy_timeout);
  upgrade(db);
  return std::make_unique<SqliteTableStore>(std::move(db));
}

TableTarget open_sqlite_table_target(const std::string& path,
                                     std::chrono::milliseconds busy_timeout)
{
  std::error_code ec;
  const bool exists = fs::exists(fs::symlink_status(path, ec));
  const bool empty_file = exists && fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0;
  TableTarget target;
  if (!exists || empty_file) {
    init_store(path, {false, std::nullopt, busy_timeout});
    target.created = !exists;
  } else {
    auto db = Database::open(path, OpenMode::read_write, busy_timeout);
    check_store(db); // an sdesk store, not from a newer sdesk, not damaged
    auto version = db.prepare("PRAGMA user_version");
    version.step();
    if (version.get_int(0) != latest_schema_version()) {
      throw Error(ErrorKind::refused,
                  fmt::format("store '{}' has schema version {}; store copy writes only into a new "
                              "store or an empty one at version {} (sdesk init upgrades it)",
                              path, version.get_int(0), latest_schema_version()));
    }
  }
  auto db = Database::open(path, OpenMode::read_write, busy_timeout);
  upgrade(db);
  target.store = std::make_unique<SqliteTableStore>(std::move(db));
  if (target.created) {
    target.discard = [path] {
      std::error_code ignored;
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        fs::remove(path + suffix, ignored);
      }
    };
  }
  return target;
}

} // namespace sdesk::store

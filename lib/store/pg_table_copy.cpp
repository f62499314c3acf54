// The PostgreSQL side of copying a store (table_copy.hpp): rows read
// through a cursor in one REPEATABLE READ snapshot, written with multi-row
// INSERTs (prepared once per table) in one transaction, identity columns
// given their stored values (OVERRIDING SYSTEM VALUE) and their sequences
// moved past them afterwards.

#include "lib/store/table_copy_backends.hpp"

#include "lib/store/pg_connection.hpp"
#include "lib/store/pg_schema.hpp"
#include "lib/util/error.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

// Rows a cursor fetches at a time.
constexpr int k_fetch_rows = 5000;
// Rows one INSERT writes at most (and never more than PostgreSQL's 65,535
// parameters of a statement).
constexpr std::size_t k_insert_rows = 1000;
constexpr std::size_t k_max_parameters = 65535;

// The 'SDSK' application id of sdesk_schema (pg_schema.cpp).
constexpr std::int64_t k_application_id = 0x5344534B;

ColumnType column_type(std::string_view table, const std::string& column,
                       const std::string& declared)
{
  if (declared == "bigint" || declared == "integer" || declared == "smallint") {
    return ColumnType::integer;
  }
  if (declared == "text") {
    return ColumnType::text;
  }
  if (declared == "bytea") {
    return ColumnType::bytes;
  }
  throw Error(ErrorKind::store, fmt::format("column {}.{} has type '{}', which store copy does "
                                            "not know (bigint, integer, text, bytea)",
                                            table, column, declared));
}

std::string column_list(std::span<const TableColumn> columns)
{
  std::string names;
  for (const TableColumn& c : columns) {
    names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", c.name);
  }
  return names;
}

class PgTableStore final : public TableStore {
public:
  explicit PgTableStore(PgConnection conn)
    : m_conn(std::move(conn))
  {
  }

  const std::string& name() const override { return m_conn.name(); }

  std::vector<std::string> tables() override
  {
    auto found = m_conn.query("SELECT table_name FROM information_schema.tables WHERE "
                              "table_schema = current_schema() AND table_type = 'BASE TABLE' "
                              "AND table_name <> 'sdesk_schema'");
    std::vector<std::string> names;
    for (int r = 0; r < found.rows(); ++r) {
      names.push_back(found.get_text(r, 0));
    }
    std::sort(names.begin(), names.end()); // bytes order, as SQLite's side
    return names;
  }

  std::vector<TableColumn> columns(std::string_view table) override
  {
    auto found = m_conn.query("SELECT column_name, data_type FROM information_schema.columns "
                              "WHERE table_schema = current_schema() AND table_name = $1 "
                              "ORDER BY ordinal_position",
                              PgParams().add(table));
    std::vector<TableColumn> columns;
    for (int r = 0; r < found.rows(); ++r) {
      std::string name = found.get_text(r, 0);
      const ColumnType type = column_type(table, name, found.get_text(r, 1));
      columns.push_back({std::move(name), type});
    }
    return columns;
  }

  void begin_snapshot() override { m_conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }

  std::int64_t read_rows(std::string_view table, std::span<const TableColumn> columns,
                         const std::function<void(const TableRow&)>& visit) override
  {
    m_conn.exec(fmt::format("DECLARE sdesk_copy NO SCROLL CURSOR FOR SELECT {} FROM \"{}\"",
                            column_list(columns), table));
    const std::string fetch = fmt::format("FETCH {} FROM sdesk_copy", k_fetch_rows);
    TableRow row(columns.size());
    std::int64_t count = 0;
    for (;;) {
      auto batch = m_conn.query(fetch);
      for (int r = 0; r < batch.rows(); ++r) {
        for (std::size_t i = 0; i < columns.size(); ++i) {
          const int column = static_cast<int>(i);
          row[i] = columns[i].type == ColumnType::bytes ? batch.get_opt_bytes(r, column)
                                                        : batch.get_opt_text(r, column);
        }
        visit(row);
      }
      count += batch.rows();
      if (batch.rows() < k_fetch_rows) {
        break;
      }
    }
    m_conn.exec("CLOSE sdesk_copy");
    return count;
  }

  void end_snapshot() override { m_conn.exec("COMMIT"); }

  void begin_write() override
  {
    std::string names;
    for (const std::string& table : tables()) {
      names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", table);
    }
    m_conn.exec("BEGIN ISOLATION LEVEL READ COMMITTED");
    // No one else writes the store until the copy commits (reads go on);
    // waited for within the busy timeout (lock_timeout), then StoreBusy.
    m_conn.exec(fmt::format("LOCK TABLE {} IN EXCLUSIVE MODE", names));
  }

  std::int64_t count_rows(std::string_view table) override
  {
    return m_conn.query(fmt::format("SELECT count(*) FROM \"{}\"", table)).get_int(0, 0);
  }

  void start_table(std::string_view table, std::span<const TableColumn> columns) override
  {
    m_table = table;
    m_columns.assign(columns.begin(), columns.end());
    m_identity.clear();
    auto identity = m_conn.query("SELECT column_name FROM information_schema.columns WHERE "
                                 "table_schema = current_schema() AND table_name = $1 AND "
                                 "is_identity = 'YES'",
                                 PgParams().add(table));
    for (int r = 0; r < identity.rows(); ++r) {
      m_identity.push_back(identity.get_text(r, 0));
    }
    m_batch_rows = std::max<std::size_t>(
      1, std::min(k_insert_rows, k_max_parameters / std::max<std::size_t>(1, columns.size())));
    m_params = PgParams();
    m_pending = 0;
  }

  void add_row(const TableRow& row) override
  {
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
      if (!row[i]) {
        m_params.add_null();
      } else if (m_columns[i].type == ColumnType::bytes) {
        m_params.add_bytes(*row[i]);
      } else {
        m_params.add(*row[i]);
      }
    }
    if (++m_pending == m_batch_rows) {
      // A full batch: the same statement each time, prepared from its second run.
      m_conn.run("sdesk_copy_" + m_table, insert_sql(m_pending), m_params);
      m_params = PgParams();
      m_pending = 0;
    }
  }

  void finish_table() override
  {
    if (m_pending > 0) {
      m_conn.query(insert_sql(m_pending), m_params);
      m_params = PgParams();
      m_pending = 0;
    }
    // The next id a command takes is the largest copied plus one.
    for (const std::string& column : m_identity) {
      m_conn.query(fmt::format("SELECT setval(pg_get_serial_sequence($1, $2), "
                               "coalesce(max(\"{}\"), 0) + 1, false) FROM \"{}\"",
                               column, m_table),
                   PgParams().add(m_table).add(column));
    }
  }

  void commit() override { m_conn.exec("COMMIT"); }

  void rollback() noexcept override
  {
    try {
      if (m_conn.in_transaction()) {
        m_conn.exec("ROLLBACK");
      }
    } catch (const Error&) { // the connection is gone: the server rolled back
    }
  }

private:
  // "INSERT INTO t (a, b) OVERRIDING SYSTEM VALUE VALUES ($1, $2), ($3, $4)"
  // for `rows` rows; names come from the catalog, values are bound.
  std::string insert_sql(std::size_t rows) const
  {
    std::string sql = fmt::format("INSERT INTO \"{}\" ({}) {}VALUES ", m_table,
                                  column_list(m_columns),
                                  m_identity.empty() ? "" : "OVERRIDING SYSTEM VALUE ");
    std::size_t n = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      sql += r == 0 ? "(" : ", (";
      for (std::size_t c = 0; c < m_columns.size(); ++c) {
        sql += fmt::format("{}${}", c == 0 ? "" : ", ", ++n);
      }
      sql += ')';
    }
    return sql;
  }

  PgConnection m_conn;
  // The table being written: its name, columns, identity columns, rows per
  // INSERT, and the rows bound but not yet written.
  std::string m_table;
  std::vector<TableColumn> m_columns;
  std::vector<std::string> m_identity;
  std::size_t m_batch_rows = 1;
  PgParams m_params;
  std::size_t m_pending = 0;
};

} // namespace

std::unique_ptr<TableStore> open_pg_table_source(const std::string& uri,
                                                 std::chrono::milliseconds busy_timeout)
{
  auto conn = PgConnection::open(uri, busy_timeout);
  pg_upgrade(conn);
  return std::make_unique<PgTableStore>(std::move(conn));
}

TableTarget open_pg_table_target(const std::string& uri, std::chrono::milliseconds busy_timeout)
{
  auto conn = PgConnection::open(uri, busy_timeout);
  TableTarget target;
  auto has_store = conn.query("SELECT to_regclass('sdesk_schema') IS NOT NULL");
  if (has_store.get_text(0, 0) != "t") {
    pg_migrate(conn); // refuses a schema that holds other tables
    target.created = true;
  } else {
    auto row = conn.query("SELECT version, application_id FROM sdesk_schema");
    if (row.rows() != 1 || row.get_int(0, 1) != k_application_id) {
      throw Error(ErrorKind::store,
                  fmt::format("'{}' has a table sdesk_schema but is not an sdesk store; refusing "
                              "to touch it",
                              conn.name()));
    }
    if (row.get_int(0, 0) != pg_schema_version()) {
      throw Error(ErrorKind::refused,
                  fmt::format("store '{}' has schema version {}; store copy writes only into a new "
                              "store or an empty one at version {} (sdesk init upgrades it)",
                              conn.name(), row.get_int(0, 0), pg_schema_version()));
    }
  }
  target.store = std::make_unique<PgTableStore>(std::move(conn));
  return target;
}

} // namespace sdesk::store

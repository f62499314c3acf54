#include "lib/store/pg_schema.hpp"

#include "lib/store/pg_migrations.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

namespace sdesk::store {

namespace {

// The advisory lock key of schema changes: 'SDSK' as in SQLite's
// application_id.
constexpr std::int64_t k_schema_lock = 0x5344534B;

// 'SDSK', as SQLite's PRAGMA application_id.
constexpr std::int64_t k_application_id = 0x5344534B;

// Refuses a version this build cannot work with: newer than it, or older
// than any PostgreSQL store sdesk made. Throws Error(store).
void check_known(const PgConnection& conn, std::int64_t version)
{
  if (version > k_pg_latest_version) {
    throw Error(ErrorKind::store,
                fmt::format("store '{}' has schema version {}, newer than this sdesk supports ({}); "
                            "upgrade sdesk",
                            conn.name(), version, k_pg_latest_version));
  }
  if (version < k_pg_first_version) {
    throw Error(ErrorKind::store,
                fmt::format("store '{}' has schema version {}, older than any PostgreSQL store "
                            "sdesk made ({}); refusing to touch it",
                            conn.name(), version, k_pg_first_version));
  }
}

constexpr std::string_view k_read_version = "SELECT version, application_id FROM sdesk_schema";

// The version in `row` (k_read_version's result). Throws Error(store) for
// a table that holds no valid row.
std::int64_t version_in(const PgConnection& conn, const PgResult& row)
{
  if (row.rows() != 1 || row.get_int(0, 1) != k_application_id) {
    throw Error(ErrorKind::store,
                fmt::format("'{}' has a table sdesk_schema but is not an sdesk store; refusing to "
                            "touch it",
                            conn.name()));
  }
  return row.get_int(0, 0);
}

// The store's version row; nothing when the schema has no sdesk_schema
// table. Throws as version_in(). In a transaction: it looks first, since a
// failed statement would end the transaction.
std::optional<std::int64_t> read_version(PgConnection& conn)
{
  auto exists = conn.run("sdesk_has_schema", "SELECT to_regclass('sdesk_schema') IS NOT NULL");
  if (exists.get_text(0, 0) != "t") {
    return std::nullopt;
  }
  return version_in(conn, conn.query(k_read_version));
}

// read_version() outside a transaction, in one statement: the look every
// command takes.
std::optional<std::int64_t> look_at_version(PgConnection& conn)
{
  const auto row = conn.query_if_exists(k_read_version);
  return row ? std::optional{version_in(conn, *row)} : std::nullopt;
}

// Runs the migrations after `from` up to the latest version.
void apply_migrations(PgConnection& conn, int from)
{
  for (int v = from; v < k_pg_latest_version; ++v) {
    conn.exec(k_pg_migrations[static_cast<std::size_t>(v - k_pg_first_version)]);
  }
}

// Makes the schema in an empty one: k_pg_schema, the migrations after it,
// the version row. Throws Error(store) when the schema holds other tables.
void create(PgConnection& conn)
{
  auto tables = conn.query("SELECT count(*) FROM pg_catalog.pg_tables"
                           " WHERE schemaname = current_schema()");
  if (tables.get_int(0, 0) > 0) {
    throw Error(ErrorKind::store,
                fmt::format("'{}' holds tables but is not an sdesk store; refusing to touch "
                            "it (give sdesk an empty database or schema)",
                            conn.name()));
  }
  conn.exec(k_pg_schema);
  apply_migrations(conn, k_pg_schema_version);
  conn.query("INSERT INTO sdesk_schema (version, application_id) VALUES ($1, $2)",
             PgParams().add(std::int64_t{k_pg_latest_version}).add(k_application_id));
}

// Upgrades a store at `version` as the role that owns it (so that the new
// tables and indexes have the owner of the old ones): the connected role
// must be that role or may act as it (a member, or a superuser). Throws
// Error(store) naming the owner otherwise.
void upgrade_from(PgConnection& conn, std::int64_t version)
{
  auto owner = conn.query("SELECT pg_has_role(relowner, 'USAGE'), pg_get_userbyid(relowner),"
                          " relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
                          " FROM pg_class WHERE oid = 'sdesk_schema'::regclass");
  const std::string role = owner.get_text(0, 1);
  if (owner.get_text(0, 0) != "t") {
    throw Error(ErrorKind::store,
                fmt::format("store '{}' has schema version {} and this sdesk needs {}; only its "
                            "owner can upgrade it: run 'sdesk init' on it as role '{}' "
                            "(docs/postgresql.md)",
                            conn.name(), version, k_pg_latest_version, role));
  }
  if (owner.get_text(0, 2) != "t") {
    conn.query("SELECT set_config('role', $1, true)", PgParams().add(role));
  }
  apply_migrations(conn, static_cast<int>(version));
  conn.query("UPDATE sdesk_schema SET version = $1",
             PgParams().add(std::int64_t{k_pg_latest_version}));
}

// What pg_migrate and pg_upgrade do with a schema that has no store yet.
enum class Empty { refuse, create };

[[noreturn]] void refuse_empty(const PgConnection& conn)
{
  throw Error(ErrorKind::store,
              fmt::format("'{}' is not an sdesk store (create one with 'sdesk init')",
                          conn.name()));
}

int migrate_to_latest(PgConnection& conn, Empty empty)
{
  // The common case: one look at the version row, nothing else.
  const auto seen = look_at_version(conn);
  if (seen) {
    check_known(conn, *seen);
    if (*seen == k_pg_latest_version) {
      return static_cast<int>(*seen);
    }
  } else if (empty == Empty::refuse) {
    refuse_empty(conn);
  }
  conn.exec("BEGIN ISOLATION LEVEL READ COMMITTED");
  try {
    conn.query("SELECT pg_advisory_xact_lock($1)", PgParams().add(k_schema_lock));
    // Read again under the lock: another host may have made or upgraded
    // the store meanwhile (READ COMMITTED: this statement sees its commit).
    int found = 0;
    if (const auto version = read_version(conn)) {
      check_known(conn, *version);
      found = static_cast<int>(*version);
      if (*version < k_pg_latest_version) {
        upgrade_from(conn, *version);
      }
    } else if (empty == Empty::refuse) {
      refuse_empty(conn);
    } else {
      create(conn);
    }
    conn.exec("COMMIT");
    return found;
  } catch (...) {
    try {
      conn.exec("ROLLBACK");
    } catch (const Error&) { // the first error is the one worth reporting
    }
    throw;
  }
}

} // namespace

int pg_schema_version()
{
  return k_pg_latest_version;
}

int pg_migrate(PgConnection& conn)
{
  return migrate_to_latest(conn, Empty::create);
}

int pg_upgrade(PgConnection& conn)
{
  return migrate_to_latest(conn, Empty::refuse);
}

} // namespace sdesk::store

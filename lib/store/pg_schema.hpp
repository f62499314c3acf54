#pragma once

// The schema of a PostgreSQL store (lib/store/pg_schema.cpp): the tables,
// columns and indexes of the SQLite schema at its latest version, in
// PostgreSQL's dialect, created at once (not a replay of SQLite's
// migrations). Internal to lib/store.

#include "lib/store/pg_connection.hpp"

namespace sdesk::store {

// The schema version the PostgreSQL schema matches; equal to
// latest_schema_version() (a unit test holds them together, so a SQLite
// migration cannot land without its PostgreSQL counterpart).
int pg_schema_version();

// Sets up or checks the store behind `conn`, in one transaction under an
// advisory lock (so two hosts running init at once do not collide): an
// empty database (no tables in the schema the connection uses) gets the
// schema and its version row; an sdesk store at the latest version is left
// as it is. Returns the version found (0: created). Throws Error(store) for
// a database holding other tables but no sdesk schema ("not an sdesk
// store"), and for a store from a newer sdesk.
int pg_migrate(PgConnection& conn);

// What every command but init does: checks the store's version row (one
// query). Throws Error(store) when the database has no sdesk schema
// ("create one with sdesk init"), or one from a newer sdesk.
void pg_check_version(PgConnection& conn);

} // namespace sdesk::store

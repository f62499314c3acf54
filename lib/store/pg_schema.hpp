#pragma once

// The schema of a PostgreSQL store (lib/store/pg_schema.cpp): creating it
// and upgrading it, with SQLite's version rules (lib/store/schema.hpp). The
// SQL is in lib/store/pg_base_schema.hpp (the whole schema at one version,
// for a new store) and lib/store/pg_migrations.hpp (the migrations since
// the first PostgreSQL version, 14, for an older one). Internal to
// lib/store.

#include "lib/store/pg_connection.hpp"

namespace sdesk::store {

// The schema version this build writes; equal to latest_schema_version()
// (pg_migrations.hpp does not compile otherwise).
int pg_schema_version();

// init: sets up or upgrades the store behind `conn`, in one transaction
// under an advisory lock (so two hosts running init, or upgrading on open,
// at once do not collide): an empty schema (no tables in the schema the
// connection uses) gets the whole schema and its version row; an older
// store is upgraded to the latest version, as the role that owns it; a
// store at the latest version is left as it is (one query, no lock).
// Returns the version found (0: created). Throws Error(store) for a schema
// holding other tables but no sdesk store ("not an sdesk store"), a store
// from a newer sdesk, and an older store when the connected role may not
// act as its owner (the message names the owner); StoreBusy when the lock
// is not had within the connection's lock timeout.
int pg_migrate(PgConnection& conn);

// What every command but init does on opening: as pg_migrate (an older
// store is upgraded), but a schema without a store is refused with
// Error(store) ("create one with sdesk init") instead of being made one.
// Returns the version found.
int pg_upgrade(PgConnection& conn);

} // namespace sdesk::store

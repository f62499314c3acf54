#pragma once

#include "lib/store/database.hpp"

namespace sdesk::store {

// The schema version this build writes; stored in PRAGMA user_version.
int latest_schema_version();

// Brings the store to the latest schema (init, and tests): a new, empty
// file is set up (WAL mode, application id, tables); an older sdesk store is
// upgraded in place in one transaction; a store from a newer sdesk, or a database that is not
// an sdesk store, is refused with Error(store). Returns the version found.
// `target` (tests only) stops at an older version.
int migrate(Database& db, int target = latest_schema_version());

// What every command but init does on opening: as migrate, but a database
// without a schema (an empty file) is refused with Error(store) instead of
// being made a store. Returns the version found.
int upgrade(Database& db);

// Checks an existing file before init touches it: refuses (Error(store)) a
// database that is not an sdesk store, one from a newer sdesk, and one that
// fails SQLite's quick_check (damaged pages). An empty file passes.
void check_store(Database& db);

} // namespace sdesk::store

#pragma once

#include "lib/store/database.hpp"

namespace sdesk::store {

// The schema version this build writes; stored in PRAGMA user_version.
int latest_schema_version();

// Brings the store to the latest schema: a new, empty file is set up (WAL
// mode, application id, tables); an older sdesk store is upgraded in place
// in one transaction; a store from a newer sdesk, or a database that is not
// an sdesk store, is refused with Error(store). Returns the version found.
// `target` (tests only) stops at an older version.
int migrate(Database& db, int target = latest_schema_version());

} // namespace sdesk::store

#pragma once

#include <string_view>

struct sqlite3;

namespace sdesk::store {

// Turns a failed SQLite result code into an Error(store) that names the
// store file and says what to do (locked, corrupt, read-only, disk full...);
// SQLITE_TOOBIG (a string or blob over SQLite's limit) is bad input, an
// Error(usage).
// Does nothing for SQLITE_OK, SQLITE_ROW and SQLITE_DONE. `context` is the
// SQL being run, shown only for unexpected failures.
void check_result(sqlite3* db, int rc, std::string_view context);

} // namespace sdesk::store

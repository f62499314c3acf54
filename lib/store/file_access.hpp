#pragma once

#include <string>

namespace sdesk::store {

// Why the store at `path` cannot be opened or written, found from the file
// system. Called only after SQLite has failed, so that the common case pays
// nothing. Returns one of: "it does not exist (create one with 'sdesk
// init')" (only when `must_exist`), "permission denied: 'F'" or
// "permission denied: directory 'D' ..." naming the store, its directory,
// its -wal or its -shm file, "'F' is a symbolic link ...", "'F' is not a
// regular file", "read-only file system ('F')"; or an empty string when the
// file system explains nothing (the caller then keeps SQLite's reason).
std::string diagnose_store_access(const std::string& path, bool must_exist);

} // namespace sdesk::store

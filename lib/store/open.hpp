#pragma once

#include "lib/store/backend.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace sdesk::store {

// A `path` that is a PostgreSQL URI (store_uri.hpp: "postgresql://...",
// "postgres://...") names a store on a server: open_store connects to it
// (libpq, loaded then) and checks its schema version; init_store creates its
// schema in one transaction under an advisory lock. File checks apply to
// paths only. Errors name such a store without its password; a server that
// cannot be reached or refuses the login is Error(store) with libpq's reason.
//
// Opens the existing sdesk store at `path`, upgrading its schema if it is
// older; never makes a store of a file (only init_store does). Returns the
// backend that hands out its stores; it opens one connection and prepares
// nothing (every command pays for this call: see ARCHITECTURE.md). Throws
// Error(store) when the file does not exist ("create one with sdesk init"),
// is empty, is a symbolic link, cannot be opened or written (the message
// names the file or directory at fault), is locked past `busy_timeout`, is
// corrupt, is not an sdesk store, or comes from a newer sdesk.
std::unique_ptr<Backend> open_store(const std::string& path,
                                    std::chrono::milliseconds busy_timeout);

// How `init_store` sets up files.
struct InitOptions {
  // Several users of one host write the store through a common group: the
  // directory becomes group-writable and setgid (so WAL files SQLite creates
  // there inherit the group), the file mode 0660; missing parents get 0755.
  // A world-writable directory (/tmp) is refused. Otherwise 0700 and 0600.
  bool shared = false;
  // The group to give the directory and file (shared stores); by default
  // the directory's group.
  std::optional<std::string> group;
  std::chrono::milliseconds busy_timeout{5000};
};

struct InitResult {
  bool created = false; // false: an existing store was checked (and upgraded)
  int schema_version = 0;
};

// Creates the store at `path` (and missing parent directories) with the
// modes above, or checks and upgrades an existing one; idempotent. A new
// store is set up under a temporary name and moved into place, so no one
// sees it half made; an existing empty file is set up in place. Follows no
// link to the store, its -wal and -shm files or (shared) its directory, and
// checks every file before changing a mode, through the open descriptor.
// Throws Error(store) naming the path for such a link, a file that is not
// regular or (shared) has other hard links or another owner, a damaged store
// (PRAGMA quick_check) or one that is not an sdesk store, and when a
// directory or file cannot be created or given its mode; Error(usage) for
// an unknown group, --group without shared, or a world-writable directory.
InitResult init_store(const std::string& path, const InitOptions& options);

} // namespace sdesk::store

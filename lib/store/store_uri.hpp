#pragma once

// Store names: a file path (SQLite) or a PostgreSQL URI. Wherever sdesk
// accepts a store (--db, SDESK_DB, store.path), a name starting
// "postgresql://" or "postgres://" is a PostgreSQL store (libpq's URI,
// including "postgresql:///?service=NAME"); anything else is a path.

#include <string>
#include <string_view>

namespace sdesk::store {

// Whether `name` is a PostgreSQL URI rather than a file path.
bool is_store_uri(std::string_view name);

// `uri` fit to be shown: the password of its user part ("user:secret@")
// and any password or sslpassword parameter removed. Anything that is not
// a URI is returned as it is. Every message that names a PostgreSQL store
// names it through this.
std::string redact_uri(std::string_view uri);

} // namespace sdesk::store

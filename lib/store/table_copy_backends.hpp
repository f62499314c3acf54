#pragma once

// Each backend's side of table_copy.hpp; open_table_source and
// open_table_target (table_copy.cpp) choose one by the store's name.
// Internal to lib/store.

#include "lib/store/open.hpp"
#include "lib/store/table_copy.hpp"

namespace sdesk::store {

// SQLite (sqlite_table_copy.cpp).
std::unique_ptr<TableStore> open_sqlite_table_source(const std::string& path,
                                                     std::chrono::milliseconds busy_timeout);
TableTarget open_sqlite_table_target(const std::string& path,
                                     std::chrono::milliseconds busy_timeout);

// PostgreSQL (pg_table_copy.cpp).
std::unique_ptr<TableStore> open_pg_table_source(const std::string& uri,
                                                 std::chrono::milliseconds busy_timeout);
TableTarget open_pg_table_target(const std::string& uri, std::chrono::milliseconds busy_timeout);

} // namespace sdesk::store

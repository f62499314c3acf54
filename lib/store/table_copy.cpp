#include "lib/store/table_copy.hpp"

#include "lib/store/store_uri.hpp"
#include "lib/store/table_copy_backends.hpp"

#include <array>

namespace sdesk::store {

namespace {

// Parents before the tables whose foreign keys name them (checked on
// SQLite's catalog by tests/unit/store/table_copy_test.cpp). A table added
// by a migration goes here too, or every copy refuses to start.
constexpr std::array<std::string_view, 17> k_copied_tables{
  "ticket",        "ticket_tag",         "ticket_event",   "outbox",
  "ticket_link",   "alert_key",          "alert_event",    "delivery",
  "mail_message",  "ticket_watcher",     "attachment_content", "ticket_attachment",
  "escalation_watch", "escalation_sweep", "mail_queue",
  "service_subscriber", "announcement",
};

} // namespace

std::span<const std::string_view> copied_tables()
{
  return k_copied_tables;
}

std::unique_ptr<TableStore> open_table_source(const std::string& name,
                                              std::chrono::milliseconds busy_timeout)
{
  return is_store_uri(name) ? open_pg_table_source(name, busy_timeout)
                            : open_sqlite_table_source(name, busy_timeout);
}

TableTarget open_table_target(const std::string& name, std::chrono::milliseconds busy_timeout)
{
  return is_store_uri(name) ? open_pg_table_target(name, busy_timeout)
                            : open_sqlite_table_target(name, busy_timeout);
}

} // namespace sdesk::store

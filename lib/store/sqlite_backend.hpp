#pragma once

#include "lib/store/backend.hpp"
#include "lib/store/database.hpp"
#include "lib/store/sqlite_store.hpp"

#include <memory>
#include <string>

namespace sdesk::store {

// Backend on one SQLite file (or an in-memory database, for tests): one
// connection, which the ticket store and the report source share.
class SqliteBackend final : public Backend {
public:
  // Takes an open, migrated database. Prepares nothing.
  explicit SqliteBackend(Database db);

  TicketStore& tickets() override { return m_tickets; }
  ReportSource& reports() override;
  ProblemStore& problems() override;
  AlertStore& alerts() override;
  ChangeStore& changes() override;
  DeliveryStore& deliveries() override;
  MailStore& mail() override;
  EscalationWatchStore& escalation_watch() override;
  MailQueueStore& mail_queue() override;
  AnnouncementStore& announcements() override; // sqlite_announcement_store.cpp

  // The concrete ticket store and the connection, for SQLite-specific
  // diagnostics and tests (query plans, PRAGMAs).
  SqliteStore& sqlite_tickets() { return m_tickets; }
  Database& database() { return m_tickets.database(); }

private:
  SqliteStore m_tickets;
  std::unique_ptr<ReportSource> m_reports; // made on first use
  std::unique_ptr<ProblemStore> m_problems; // made on first use
  std::unique_ptr<AlertStore> m_alerts;    // made on first use
  std::unique_ptr<ChangeStore> m_changes; // made on first use
  std::unique_ptr<DeliveryStore> m_deliveries; // made on first use
  std::unique_ptr<MailStore> m_mail;       // made on first use
  std::unique_ptr<EscalationWatchStore> m_watch; // made on first use
  std::unique_ptr<MailQueueStore> m_mail_queue; // made on first use
  std::unique_ptr<AnnouncementStore> m_announcements; // made on first use
};

// --- SQLite problem queries (sqlite_problem_store.cpp) ---

// A problem store reading `db`, which must outlive it.
std::unique_ptr<ProblemStore> make_sqlite_problem_store(Database& db);

// An alert store on `db`, which must outlive it (sqlite_alert_store.cpp).
std::unique_ptr<AlertStore> make_sqlite_alert_store(Database& db);

// A delivery store on `db`, which must outlive it (sqlite_delivery_store.cpp).
std::unique_ptr<DeliveryStore> make_sqlite_delivery_store(Database& db);

// A mail store on `db`, which must outlive it (sqlite_mail_store.cpp).
std::unique_ptr<MailStore> make_sqlite_mail_store(Database& db);

// An escalation watch on `db`, which must outlive it
// (sqlite_escalation_watch_store.cpp).
std::unique_ptr<EscalationWatchStore> make_sqlite_escalation_watch_store(Database& db);

// The outgoing mail queue on `db`, which must outlive it
// (sqlite_mail_queue_store.cpp).
std::unique_ptr<MailQueueStore> make_sqlite_mail_queue_store(Database& db);

// --- SQLite change queries (sqlite_change_store.cpp) ---

// A change store reading `db`, which must outlive it.
std::unique_ptr<ChangeStore> make_sqlite_change_store(Database& db);

// --- SQLite report queries (report_source.cpp) ---

// A report source reading `db`, which must outlive it.
std::unique_ptr<ReportSource> make_sqlite_report_source(Database& db);

// The SQL plans of the queries behind ReportSource::tickets and events for
// `filter` (EXPLAIN QUERY PLAN detail lines, one per line), to check index
// use. Throws Error(store) when SQLite cannot prepare them.
std::string report_query_plans(Database& db, const TicketQuery& filter);

} // namespace sdesk::store

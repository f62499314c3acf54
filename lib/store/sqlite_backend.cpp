#include "lib/store/sqlite_backend.hpp"

#include <utility>

namespace sdesk::store {

SqliteBackend::SqliteBackend(Database db)
  : m_tickets(std::move(db))
{
}

ReportSource& SqliteBackend::reports()
{
  if (!m_reports) {
    m_reports = make_sqlite_report_source(m_tickets.database());
  }
  return *m_reports;
}

ProblemStore& SqliteBackend::problems()
{
  if (!m_problems) {
    m_problems = make_sqlite_problem_store(m_tickets.database());
  }
  return *m_problems;
}

AlertStore& SqliteBackend::alerts()
{
  if (!m_alerts) {
    m_alerts = make_sqlite_alert_store(m_tickets.database());
  }
  return *m_alerts;
}

ChangeStore& SqliteBackend::changes()
{
  if (!m_changes) {
    m_changes = make_sqlite_change_store(m_tickets.database());
  }
  return *m_changes;
}

DeliveryStore& SqliteBackend::deliveries()
{
  if (!m_deliveries) {
    m_deliveries = make_sqlite_delivery_store(m_tickets.database());
  }
  return *m_deliveries;
}

MailStore& SqliteBackend::mail()
{
  if (!m_mail) {
    m_mail = make_sqlite_mail_store(m_tickets.database());
  }
  return *m_mail;
}

MailQueueStore& SqliteBackend::mail_queue()
{
  if (!m_mail_queue) {
    m_mail_queue = make_sqlite_mail_queue_store(m_tickets.database());
  }
  return *m_mail_queue;
}

} // namespace sdesk::store

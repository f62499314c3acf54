#include "lib/store/pg_backend.hpp"

namespace sdesk::store {

PgBackend::PgBackend(PgConnection conn)
  : m_conn(std::move(conn)),
    m_tickets(m_conn)
{
}

ReportSource& PgBackend::reports()
{
  if (!m_reports) {
    m_reports = make_pg_report_source(m_conn);
  }
  return *m_reports;
}

ProblemStore& PgBackend::problems()
{
  if (!m_problems) {
    m_problems = make_pg_problem_store(m_conn);
  }
  return *m_problems;
}

DeliveryStore& PgBackend::deliveries()
{
  if (!m_deliveries) {
    m_deliveries = make_pg_delivery_store(m_conn);
  }
  return *m_deliveries;
}

MailStore& PgBackend::mail()
{
  if (!m_mail) {
    m_mail = make_pg_mail_store(m_conn);
  }
  return *m_mail;
}

MailQueueStore& PgBackend::mail_queue()
{
  if (!m_mail_queue) {
    m_mail_queue = make_pg_mail_queue_store(m_conn);
  }
  return *m_mail_queue;
}

AlertStore& PgBackend::alerts()
{
  if (!m_alerts) {
    m_alerts = make_pg_alert_store(m_conn);
  }
  return *m_alerts;
}

ChangeStore& PgBackend::changes()
{
  if (!m_changes) {
    m_changes = make_pg_change_store(m_conn);
  }
  return *m_changes;
}

std::optional<ConnectedRole> PgBackend::connected_role()
{
  return ConnectedRole{m_conn.role(), [this] {
                         return m_conn.query("SELECT sdesk_acts_for_others()").get_text(0, 0) == "t";
                       }};
}

EscalationWatchStore& PgBackend::escalation_watch()
{
  if (!m_watch) {
    m_watch = make_pg_escalation_watch_store(m_conn);
  }
  return *m_watch;
}

} // namespace sdesk::store

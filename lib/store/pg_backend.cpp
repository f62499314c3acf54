#include "lib/store/pg_backend.hpp"

#include "lib/util/error.hpp"

#include <fmt/format.h>

namespace sdesk::store {

namespace {

[[noreturn]] void not_yet(std::string_view what)
{
  throw Error(ErrorKind::store, fmt::format("{} is not yet supported on PostgreSQL", what));
}

} // namespace

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
  not_yet("problem management (the problem store)");
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
  not_yet("change management reports (the change store)");
}

} // namespace sdesk::store

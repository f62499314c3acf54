// The PostgreSQL report source: the queries of report_source.cpp (SQLite)
// in PostgreSQL's dialect, aggregated the same way (the report builder
// counts what these stream).

#include "lib/store/filter_sql.hpp"
#include "lib/store/pg_backend.hpp"
#include "lib/store/pg_columns.hpp"

#include <variant>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

// Tickets relevant to the window [$1, $2): created in it, or created before
// it and first responded to, resolved or closed in it, or open at its start
// (report_source.cpp says why the branches are split so). Unlike SQLite's,
// the query reads the tickets created in the window directly, and the
// others (a few thousand, found through indexes that hold the id) by id:
// joining all ids back to the table let the planner, which overestimates
// the second part a hundredfold, choose a scan of the whole table (a month
// report took 1.5 s at 1M tickets, bench/README.md). {0}: the columns,
// {1}: the filter's conditions, each on `t`.
constexpr std::string_view k_relevant_tickets =
  "SELECT {0} FROM ticket t WHERE t.created_at >= $1 AND t.created_at < $2{1}"
  " UNION ALL SELECT {0} FROM ticket t WHERE t.id = ANY (ARRAY ("
  " SELECT id FROM ticket WHERE first_response_at >= $1 AND first_response_at < $2"
  "   AND created_at < $1"
  " UNION SELECT id FROM ticket WHERE resolved_at >= $1 AND resolved_at < $2 AND created_at < $1"
  " UNION SELECT id FROM ticket WHERE closed_at >= $1 AND closed_at < $2 AND created_at < $1"
  " UNION SELECT id FROM ticket WHERE created_at >= $1 - 2592000"
  "   AND created_at < $1"
  "   AND (resolved_at IS NULL OR resolved_at >= $1) AND (closed_at IS NULL OR closed_at >= $1)"
  " UNION SELECT id FROM ticket"
  "   WHERE (resolved_at IS NULL OR resolved_at - created_at > 2592000)"
  "   AND created_at < $1 - 2592000"
  "   AND (resolved_at IS NULL OR resolved_at >= $1) AND (closed_at IS NULL OR closed_at >= $1)))"
  "{1}";

constexpr std::string_view k_ticket_columns =
  "t.id, t.priority, t.kind, t.grp, t.assignee, t.category, t.service, t.created_at,"
  " t.first_response_at, t.resolved_at, t.closed_at, t.response_due, t.resolution_due,"
  " t.response_business, t.resolution_business";

// Reopens and escalations in [$1, $2), each counted by the one row that
// marks it (report_source.cpp); the condition is the partial index
// ticket_event_counted's.
constexpr std::string_view k_events =
  "WITH e AS MATERIALIZED (SELECT at, ticket_id, action FROM ticket_event"
  " WHERE ((action = 'reopen' AND field = 'status')"
  " OR (action = 'escalate' AND (field IS NULL OR field = 'escalation_level'))"
  " OR (action = 'escalate_hierarchical' AND field IS NULL))"
  " AND at >= $1 AND at < $2)"
  " SELECT e.ticket_id, e.at, e.action, t.priority, t.kind, t.grp, t.assignee, t.category,"
  " t.service FROM e JOIN ticket t ON t.id = e.ticket_id WHERE true";

// Filter conditions on the ticket aliased `t` as "AND ..." text, with its
// values from $3 on, after the window's.
struct ReportFilter {
  std::string sql;
  PgParams params;
};

ReportFilter report_filter(const TicketQuery& q, const ReportWindow& window)
{
  const FilterSql filter = filter_sql(q, "t", false);
  ReportFilter result;
  std::string clauses;
  for (const auto& clause : filter.clauses) {
    clauses += " AND " + clause;
  }
  result.sql = pg::numbered(clauses, 3);
  result.params.add(window.from).add(window.to);
  for (const auto& value : filter.bindings) {
    std::visit([&](const auto& v) { result.params.add(v); }, value);
  }
  return result;
}

void read_keys(const PgResult& r, int row, int first, ReportKeys& k)
{
  k.priority = static_cast<int>(r.get_int(row, first));
  k.kind = r.get_text(row, first + 1);
  k.group = r.get_opt_text(row, first + 2);
  k.assignee = r.get_opt_text(row, first + 3);
  k.category = r.get_opt_text(row, first + 4);
  k.service = r.get_opt_text(row, first + 5);
}

class PgReportSource final : public ReportSource {
public:
  explicit PgReportSource(PgConnection& conn)
    : m_conn(conn)
  {
  }

  void tickets(const ReportWindow& window, const TicketQuery& query,
               const std::function<void(const ReportTicket&)>& visit) override
  {
    const ReportFilter filter = report_filter(query, window);
    // Streamed: the report adds up each ticket while the server sends the
    // next (a year at 1M tickets is 339k rows).
    ReportTicket t;
    m_conn.stream(fmt::format(fmt::runtime(k_relevant_tickets), k_ticket_columns, filter.sql), filter.params,
                  [&](const PgResult& r) {
                    t.id = r.get_int(0, 0);
                    read_keys(r, 0, 1, t.keys);
                    t.created = r.get_int(0, 7);
                    t.first_response = r.get_opt_int(0, 8);
                    t.resolved = r.get_opt_int(0, 9);
                    t.closed = r.get_opt_int(0, 10);
                    t.response_due = r.get_opt_int(0, 11);
                    t.resolution_due = r.get_opt_int(0, 12);
                    t.response_business = r.get_opt_int(0, 13);
                    t.resolution_business = r.get_opt_int(0, 14);
                    visit(t);
                  });
  }

  void events(const ReportWindow& window, const TicketQuery& query,
              const std::function<void(const ReportEvent&)>& visit) override
  {
    const ReportFilter filter = report_filter(query, window);
    ReportEvent e;
    m_conn.stream(std::string(k_events) + filter.sql, filter.params, [&](const PgResult& r) {
      e.ticket_id = r.get_int(0, 0);
      e.at = r.get_int(0, 1);
      e.action = model::find_action(r.get_text(0, 2)) == model::Action::reopen ? ReportAction::reopen
                                                                                : ReportAction::escalate;
      read_keys(r, 0, 3, e.keys);
      visit(e);
    });
  }

  std::optional<std::int64_t> latest_change() override
  {
    const auto r = m_conn.run("latest_change", "SELECT max(updated_at) FROM ticket");
    return r.get_opt_int(0, 0);
  }

private:
  PgConnection& m_conn;
};

} // namespace

std::unique_ptr<ReportSource> make_pg_report_source(PgConnection& conn)
{
  return std::make_unique<PgReportSource>(conn);
}

} // namespace sdesk::store

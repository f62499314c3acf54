// The SQLite report source (declared in sqlite_backend.hpp); the interface
// is report_source.hpp.

#include "lib/store/filter_sql.hpp"
#include "lib/store/sqlite_backend.hpp"
#include "lib/store/statement.hpp"

#include <variant>
#include <vector>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

// Tickets open longer than this many seconds are found through the partial
// index ticket_long_running (schema migration 3); the constant must match it
// character for character, or SQLite will not use that index.
#define SDESK_LONG_RUNNING "2592000"

// Tickets relevant to the window [?1, ?2): created in it, or created before
// it and first responded to, resolved or closed in it, or open at its start.
// Each branch is a range on an indexed time column, and those after the
// first are answered from (created_at-carrying) indexes alone and are small:
// the created-in-window branch, the big one, is disjoint from them, so it
// skips the UNION's de-duplication (UNION ALL). "Open at ?1" is split in two
// so that neither half scans the store: tickets created within 30 days
// before ?1 (a range of ticket_by_created), and older ones still unresolved
// after 30 days (the small partial index ticket_long_running).
constexpr std::string_view k_relevant_ids =
  "SELECT id FROM ticket WHERE created_at >= ?1 AND created_at < ?2"
  " UNION ALL SELECT id FROM ("
  " SELECT id FROM ticket WHERE first_response_at >= ?1 AND first_response_at < ?2"
  "   AND created_at < ?1"
  " UNION SELECT id FROM ticket WHERE resolved_at >= ?1 AND resolved_at < ?2 AND created_at < ?1"
  " UNION SELECT id FROM ticket WHERE closed_at >= ?1 AND closed_at < ?2 AND created_at < ?1"
  " UNION SELECT id FROM ticket WHERE created_at >= ?1 - " SDESK_LONG_RUNNING
  "   AND created_at < ?1"
  "   AND (resolved_at IS NULL OR resolved_at >= ?1) AND (closed_at IS NULL OR closed_at >= ?1)"
  " UNION SELECT id FROM ticket"
  "   WHERE (resolved_at IS NULL OR resolved_at - created_at > " SDESK_LONG_RUNNING ")"
  "   AND created_at < ?1 - " SDESK_LONG_RUNNING
  "   AND (resolved_at IS NULL OR resolved_at >= ?1) AND (closed_at IS NULL OR closed_at >= ?1))";

constexpr std::string_view k_ticket_columns =
  "t.id, t.priority, t.kind, t.grp, t.assignee, t.category, t.service, t.created_at,"
  " t.first_response_at, t.resolved_at, t.closed_at, t.response_due, t.resolution_due,"
  " t.response_business, t.resolution_business";

// Reopens and escalations in [?1, ?2), found through the partial index
// ticket_event_counted (migration 6; the OR list must match it exactly),
// which holds the counted rows alone, so nothing is read from the table.
// One action writes a row per changed field, all with the same ticket, time
// and action, so each action is counted by the one row that marks it: a
// reopen by its `status` row; a functional escalation made by sdesk by its
// `escalation_level` row (every one raises the level by one); an imported
// escalation and a hierarchical one by their single row without a field.
// Two escalations of one ticket in the same second (two rules firing in
// one `escalate --auto` run) are two rows, counted twice. INDEXED BY,
// MATERIALIZED and CROSS JOIN: see tickets_sql; the time range is the way
// in, and the few rows it finds are kept apart from the filters (a
// flattened subquery let a tag filter's index show up as a way in). Without
// them a tag filter would drive the query from each tagged ticket's whole
// history.
constexpr std::string_view k_events =
  "WITH e AS MATERIALIZED (SELECT at, ticket_id, action"
  " FROM ticket_event INDEXED BY ticket_event_counted"
  " WHERE ((action = 'reopen' AND field = 'status')"
  " OR (action = 'escalate' AND (field IS NULL OR field = 'escalation_level'))"
  " OR (action = 'escalate_hierarchical' AND field IS NULL))"
  " AND at >= ?1 AND at < ?2)"
  " SELECT e.ticket_id, e.at, e.action, t.priority, t.kind, t.grp, t.assignee, t.category,"
  " t.service FROM e CROSS JOIN ticket t ON t.id = e.ticket_id WHERE 1";

// Filter conditions on the ticket aliased `t`, as "AND ..." text; values
// are bound from ?3 on (?1 and ?2 are the window).
class ReportFilter {
public:
  explicit ReportFilter(const TicketQuery& q)
    : m_filter(filter_sql(q, "t", true))
  {
    for (const auto& clause : m_filter.clauses) {
      m_sql += " AND " + clause;
    }
  }

  const std::string& sql() const { return m_sql; }

  void bind(Statement& stmt, const ReportWindow& window) const
  {
    stmt.bind(1, window.from).bind(2, window.to);
    for (std::size_t i = 0; i < m_filter.bindings.size(); ++i) {
      std::visit([&](const auto& value) { stmt.bind(static_cast<int>(i + 3), value); },
                 m_filter.bindings[i]);
    }
  }

private:
  FilterSql m_filter;
  std::string m_sql;
};

// CROSS JOIN fixes the join order (SQLite never reorders it): the time
// ranges drive, filters are checked on each row found. Left to itself the
// planner may drive from a filter's index (all of a group's tickets).
std::string tickets_sql(const ReportFilter& filter)
{
  return fmt::format("SELECT {} FROM ({}) r CROSS JOIN ticket t ON t.id = r.id WHERE 1{}",
                     k_ticket_columns, k_relevant_ids, filter.sql());
}

std::string events_sql(const ReportFilter& filter)
{
  return fmt::format("{}{}", k_events, filter.sql());
}

// Reads the keys into `k`, reusing its strings' buffers row after row.
void read_keys(const Statement& stmt, int first, ReportKeys& k)
{
  k.priority = static_cast<int>(stmt.get_int(first));
  stmt.read_text(first + 1, k.kind);
  stmt.read_opt_text(first + 2, k.group);
  stmt.read_opt_text(first + 3, k.assignee);
  stmt.read_opt_text(first + 4, k.category);
  stmt.read_opt_text(first + 5, k.service);
}

class SqliteReportSource final : public ReportSource {
public:
  explicit SqliteReportSource(Database& db)
    : m_db(db)
  {
  }

  void tickets(const ReportWindow& window, const TicketQuery& query,
               const std::function<void(const ReportTicket&)>& visit) override
  {
    const ReportFilter filter(query);
    auto stmt = m_db.prepare(tickets_sql(filter));
    filter.bind(stmt, window);
    ReportTicket t;
    while (stmt.step()) {
      t.id = stmt.get_int(0);
      read_keys(stmt, 1, t.keys);
      t.created = stmt.get_int(7);
      t.first_response = stmt.get_opt_int(8);
      t.resolved = stmt.get_opt_int(9);
      t.closed = stmt.get_opt_int(10);
      t.response_due = stmt.get_opt_int(11);
      t.resolution_due = stmt.get_opt_int(12);
      t.response_business = stmt.get_opt_int(13);
      t.resolution_business = stmt.get_opt_int(14);
      visit(t);
    }
  }

  void events(const ReportWindow& window, const TicketQuery& query,
              const std::function<void(const ReportEvent&)>& visit) override
  {
    const ReportFilter filter(query);
    auto stmt = m_db.prepare(events_sql(filter));
    filter.bind(stmt, window);
    ReportEvent e;
    while (stmt.step()) {
      e.ticket_id = stmt.get_int(0);
      e.at = stmt.get_int(1);
      e.action = model::find_action(stmt.get_text(2)) == model::Action::reopen ? ReportAction::reopen
                                                                            : ReportAction::escalate;
      read_keys(stmt, 3, e.keys);
      visit(e);
    }
  }

  std::optional<std::int64_t> latest_change() override
  {
    // The index ticket_by_updated answers this with one lookup.
    auto stmt = m_db.prepare("SELECT max(updated_at) FROM ticket");
    return stmt.step() ? stmt.get_opt_int(0) : std::nullopt;
  }

private:
  Database& m_db;
};

std::string plan_of(Database& db, const std::string& sql)
{
  auto stmt = db.prepare("EXPLAIN QUERY PLAN " + sql);
  std::string plan;
  while (stmt.step()) {
    plan += stmt.get_text(3) + "\n";
  }
  return plan;
}

} // namespace

std::unique_ptr<ReportSource> make_sqlite_report_source(Database& db)
{
  return std::make_unique<SqliteReportSource>(db);
}

std::string report_query_plans(Database& db, const TicketQuery& filter)
{
  const ReportFilter sql(filter);
  return plan_of(db, tickets_sql(sql)) + plan_of(db, events_sql(sql));
}

} // namespace sdesk::store

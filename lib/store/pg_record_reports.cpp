// The PostgreSQL problem and change stores: the queries of
// sqlite_problem_store.cpp, sqlite_change_store.cpp and incident_causes.cpp
// in PostgreSQL's dialect (event data read with jsonb's ->> where SQLite
// uses json_extract).

#include "lib/store/filter_sql.hpp"
#include "lib/store/pg_backend.hpp"
#include "lib/store/pg_columns.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>
#include <charconv>
#include <variant>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

// A report's filter on the ticket aliased `t`: "AND ..." conditions with
// their values numbered from $`first`, added to `params` (which holds the
// statement's own values before them).
std::string filter_conditions(const TicketQuery& filter, int first, PgParams& params)
{
  TicketQuery records = filter;
  records.kinds.clear();
  records.sort.clear();
  records.limit.reset();
  const FilterSql where = filter_sql(records, "t", false);
  std::string conditions;
  for (const auto& clause : where.clauses) {
    conditions += " AND " + clause;
  }
  for (const auto& value : where.bindings) {
    std::visit([&](const auto& v) { params.add(v); }, value);
  }
  return pg::numbered(conditions, first);
}

// The link actions in `window` by which an incident became caused by a
// ticket of `kind` created before the window's end and matching `filter`
// (incident_causes.cpp): (cause, incident, at) for each.
void for_each_incident_cause(PgConnection& conn, std::string_view kind, const ReportWindow& window,
                             const TicketQuery& filter,
                             const std::function<void(std::int64_t, std::int64_t, std::int64_t)>& visit)
{
  PgParams params;
  params.add(window.from).add(window.to).add(kind);
  const std::string conditions = filter_conditions(filter, 4, params);
  const auto r = conn.query(
    "SELECT t.id, i.id, e.at FROM ticket t"
    " JOIN ticket_event e ON e.ticket_id = t.id"
    " JOIN ticket i ON i.id = (e.data::jsonb ->> 'target')::bigint"
    " WHERE t.kind = $3 AND t.created_at < $2 AND e.action = 'link'"
    " AND e.at >= $1 AND e.at < $2 AND e.data::jsonb ->> 'type' = 'causes'"
    " AND i.kind = 'incident'" + conditions,
    params);
  for (int row = 0; row < r.rows(); ++row) {
    visit(r.get_int(row, 0), r.get_int(row, 1), r.get_int(row, 2));
  }
}

// --- Problems ---

// Whether incident `t` is linked to a problem, from either end.
constexpr std::string_view k_unlinked =
  " AND NOT EXISTS (SELECT 1 FROM ticket_link l JOIN ticket p ON p.id = l.to_id"
  "   WHERE l.from_id = t.id AND p.kind = 'problem')"
  " AND NOT EXISTS (SELECT 1 FROM ticket_link l JOIN ticket p ON p.id = l.from_id"
  "   WHERE l.to_id = t.id AND p.kind = 'problem')";

// The column of a candidate key (a fixed table: no name from input reaches SQL).
std::string_view key_column(CandidateKey key)
{
  switch (key) {
  case CandidateKey::category: return "t.category";
  case CandidateKey::service: return "t.service";
  case CandidateKey::group: return "t.grp";
  case CandidateKey::priority: return "t.priority";
  }
  return "t.category";
}

std::vector<model::TicketId> parse_ids(std::string_view list)
{
  std::vector<model::TicketId> ids;
  for (const auto& part : util::split_list(list)) {
    model::TicketId id = 0;
    std::from_chars(part.data(), part.data() + part.size(), id);
    ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

class PgProblemStore final : public ProblemStore {
public:
  explicit PgProblemStore(PgConnection& conn)
    : m_conn(conn)
  {
  }

  std::vector<KnownError> known_errors(const std::string& service,
                                       const std::string& category) override
  {
    const auto r = m_conn.run("known_errors",
                              "SELECT id, title, workaround FROM ticket"
                              " WHERE status = 'known_error' AND service = $1 AND category = $2"
                              " AND kind = 'problem' ORDER BY id",
                              PgParams().add(service).add(category));
    std::vector<KnownError> found;
    for (int row = 0; row < r.rows(); ++row) {
      found.push_back({r.get_int(row, 0), r.get_text(row, 1), r.get_opt_text(row, 2)});
    }
    return found;
  }

  std::vector<CandidateGroup> candidates(const CandidateQuery& query) override
  {
    if (query.by.empty()) {
      throw Error(ErrorKind::usage, "--by: name at least one field");
    }
    std::string keys;
    std::string present;
    for (const CandidateKey key : query.by) {
      keys += fmt::format("{}{}", keys.empty() ? "" : ", ", key_column(key));
      present += fmt::format(" AND {} IS NOT NULL", key_column(key));
    }
    const std::string sql = fmt::format(
      "SELECT {0}, count(*), min(t.created_at), max(t.created_at), string_agg(t.id::text, ',')"
      " FROM ticket t WHERE t.created_at >= $1 AND t.created_at <= $2 AND t.kind = 'incident'{1}{2}"
      " GROUP BY {0} HAVING count(*) >= $3 ORDER BY count(*) DESC, min(t.created_at), {0}",
      keys, present, k_unlinked);
    const auto r = m_conn.query(sql, PgParams().add(query.from).add(query.to).add(query.min));
    std::vector<CandidateGroup> groups;
    const int n = static_cast<int>(query.by.size());
    for (int row = 0; row < r.rows(); ++row) {
      CandidateGroup g;
      for (int i = 0; i < n; ++i) {
        g.keys.push_back(r.get_text(row, i));
      }
      g.count = r.get_int(row, n);
      g.first = r.get_int(row, n + 1);
      g.last = r.get_int(row, n + 2);
      g.ids = parse_ids(r.get_text(row, n + 3));
      groups.push_back(std::move(g));
    }
    return groups;
  }

  void problem_report(const ReportWindow& window, const TicketQuery& filter,
                      const std::function<void(const ProblemRecord&)>& problem,
                      const std::function<void(const ProblemLinkEvent&)>& link) override
  {
    PgParams params;
    params.add(window.to);
    const std::string conditions = filter_conditions(filter, 2, params);
    const auto r = m_conn.query(
      "SELECT t.id, t.created_at, t.resolved_at,"
      " (SELECT min(e.at) FROM ticket_event e WHERE e.ticket_id = t.id AND e.field = 'status'"
      "   AND e.new_value = 'known_error')"
      " FROM ticket t WHERE t.kind = 'problem' AND t.created_at < $1" + conditions,
      params);
    for (int row = 0; row < r.rows(); ++row) {
      problem({r.get_int(row, 0), r.get_int(row, 1), r.get_opt_int(row, 3), r.get_opt_int(row, 2)});
    }
    for_each_incident_cause(m_conn, "problem", window, filter,
                            [&](std::int64_t cause, std::int64_t incident, std::int64_t at) {
                              link({cause, incident, at});
                            });
  }

private:
  PgConnection& m_conn;
};

// --- Changes ---

// The time of a change's first history row moving its status to `status`
// (a fixed name from this file: no input reaches SQL).
std::string first_move(std::string_view status)
{
  return fmt::format("(SELECT min(e.at) FROM ticket_event e WHERE e.ticket_id = t.id"
                     " AND e.field = 'status' AND e.new_value = '{}')",
                     status);
}

class PgChangeStore final : public ChangeStore {
public:
  explicit PgChangeStore(PgConnection& conn)
    : m_conn(conn)
  {
  }

  void change_report(const ReportWindow& window, const TicketQuery& filter,
                     const std::function<void(const ChangeRecord&)>& change,
                     const std::function<void(const ChangeReviewEvent&)>& review,
                     const std::function<void(const ChangeLinkEvent&)>& link) override
  {
    PgParams params;
    params.add(window.to);
    const std::string conditions = filter_conditions(filter, 2, params);
    const auto records = m_conn.query(
      fmt::format("SELECT t.id, t.created_at, CASE WHEN t.change_type = 'emergency' THEN 1 ELSE 0"
                  " END, {}, {}, {} FROM ticket t WHERE t.kind = 'change' AND t.created_at < $1{}",
                  first_move("approved"), first_move("rejected"), first_move("implementing"),
                  conditions),
      params);
    for (int row = 0; row < records.rows(); ++row) {
      change({records.get_int(row, 0), records.get_int(row, 1), records.get_int(row, 2) != 0,
              records.get_opt_int(row, 3), records.get_opt_int(row, 4),
              records.get_opt_int(row, 5)});
    }
    PgParams window_params;
    window_params.add(window.from).add(window.to);
    const std::string window_conditions = filter_conditions(filter, 3, window_params);
    const auto reviews = m_conn.query(
      "SELECT t.id, e.at, e.data::jsonb ->> 'outcome' FROM ticket t"
      " JOIN ticket_event e ON e.ticket_id = t.id"
      " WHERE t.kind = 'change' AND t.created_at < $2 AND e.action = 'review'"
      " AND e.at >= $1 AND e.at < $2 AND e.data::jsonb ->> 'outcome' IS NOT NULL" +
        window_conditions + " ORDER BY e.at, e.id",
      window_params);
    for (int row = 0; row < reviews.rows(); ++row) {
      review({reviews.get_int(row, 0), reviews.get_int(row, 1), reviews.get_text(row, 2)});
    }
    for_each_incident_cause(m_conn, "change", window, filter,
                            [&](std::int64_t cause, std::int64_t incident, std::int64_t at) {
                              link({cause, incident, at});
                            });
  }

private:
  PgConnection& m_conn;
};

} // namespace

std::unique_ptr<ProblemStore> make_pg_problem_store(PgConnection& conn)
{
  return std::make_unique<PgProblemStore>(conn);
}

std::unique_ptr<ChangeStore> make_pg_change_store(PgConnection& conn)
{
  return std::make_unique<PgChangeStore>(conn);
}

} // namespace sdesk::store

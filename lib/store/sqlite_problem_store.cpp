// The SQLite problem store (declared in sqlite_backend.hpp); the interface
// is problem_store.hpp.

#include "lib/store/filter_sql.hpp"
#include "lib/store/incident_causes.hpp"
#include "lib/store/sqlite_backend.hpp"
#include "lib/store/statement.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>
#include <charconv>
#include <variant>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

// The known errors of a service and category, through ticket_by_status
// (status, priority): its range for 'known_error' holds only the known
// errors, however many incidents the store has (INDEXED BY keeps SQLite
// from choosing another way in).
constexpr std::string_view k_known_errors =
  "SELECT id, title, workaround FROM ticket INDEXED BY ticket_by_status"
  " WHERE status = 'known_error' AND service = ?1 AND category = ?2 AND kind = 'problem'"
  " ORDER BY id";

// Whether incident `t` is linked to a problem, from either end (the primary
// key finds its links as `from`, ticket_link_by_to as `to`).
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


class SqliteProblemStore final : public ProblemStore {
public:
  explicit SqliteProblemStore(Database& db)
    : m_db(db)
  {
  }

  std::vector<KnownError> known_errors(const std::string& service,
                                       const std::string& category) override
  {
    auto stmt = m_db.prepare(k_known_errors);
    stmt.bind(1, service).bind(2, category);
    std::vector<KnownError> found;
    while (stmt.step()) {
      found.push_back({stmt.get_int(0), stmt.get_text(1), stmt.get_opt_text(2)});
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
    // ticket_by_created gives the range; the link checks are two index lookups per incident.
    const std::string sql = fmt::format(
      "SELECT {0}, count(*), min(t.created_at), max(t.created_at), group_concat(t.id)"
      " FROM ticket t WHERE t.created_at >= ?1 AND t.created_at <= ?2 AND t.kind = 'incident'{1}{2}"
      " GROUP BY {0} HAVING count(*) >= ?3 ORDER BY count(*) DESC, min(t.created_at), {0}",
      keys, present, k_unlinked);
    auto stmt = m_db.prepare(sql);
    stmt.bind(1, query.from).bind(2, query.to).bind(3, query.min);
    std::vector<CandidateGroup> groups;
    const int n = static_cast<int>(query.by.size());
    while (stmt.step()) {
      CandidateGroup g;
      for (int i = 0; i < n; ++i) {
        g.keys.push_back(stmt.get_text(i));
      }
      g.count = stmt.get_int(n);
      g.first = stmt.get_int(n + 1);
      g.last = stmt.get_int(n + 2);
      g.ids = parse_ids(stmt.get_text(n + 3));
      groups.push_back(std::move(g));
    }
    return groups;
  }

  void problem_report(const ReportWindow& window, const TicketQuery& filter,
                      const std::function<void(const ProblemRecord&)>& problem,
                      const std::function<void(const ProblemLinkEvent&)>& link) override
  {
    TicketQuery problems = filter;
    problems.kinds.clear();
    problems.sort.clear();
    problems.limit.reset();
    const FilterSql where = filter_sql(problems, "t", true);
    std::string conditions;
    for (const auto& clause : where.clauses) {
      conditions += " AND " + clause;
    }
    // Problems are few, and a report reads much more than this scan of the
    // ticket table.
    auto records = m_db.prepare(fmt::format(
      "SELECT t.id, t.created_at, t.resolved_at,"
      " (SELECT min(e.at) FROM ticket_event e WHERE e.ticket_id = t.id AND e.field = 'status'"
      "   AND e.new_value = 'known_error')"
      " FROM ticket t WHERE t.kind = 'problem' AND t.created_at < ?2"
      " AND ?1 = ?1{}",
      conditions));
    records.bind(1, window.from).bind(2, window.to);
    bind_filter(records, where, 3);
    while (records.step()) {
      problem({records.get_int(0), records.get_int(1), records.get_opt_int(3),
               records.get_opt_int(2)});
    }
    for_each_incident_cause(m_db, "problem", window, where, [&](const IncidentCause& c) {
      link({c.cause, c.incident, c.at});
    });
  }

private:
  Database& m_db;
};

} // namespace

std::unique_ptr<ProblemStore> make_sqlite_problem_store(Database& db)
{
  return std::make_unique<SqliteProblemStore>(db);
}

} // namespace sdesk::store

// The SQLite change store (declared in sqlite_backend.hpp); the interface
// is change_store.hpp.

#include "lib/store/filter_sql.hpp"
#include "lib/store/incident_causes.hpp"
#include "lib/store/sqlite_backend.hpp"
#include "lib/store/statement.hpp"

#include <variant>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

// The time of a change's first history row moving its status to `status`
// (a fixed name from this file: no input reaches SQL).
std::string first_move(std::string_view status)
{
  return fmt::format("(SELECT min(e.at) FROM ticket_event e WHERE e.ticket_id = t.id AND e.field = 'status'"
                     " AND e.new_value = '{}')",
                     status);
}


class SqliteChangeStore final : public ChangeStore {
public:
  explicit SqliteChangeStore(Database& db)
    : m_db(db)
  {
  }

  void change_report(const ReportWindow& window, const TicketQuery& filter,
                     const std::function<void(const ChangeRecord&)>& change,
                     const std::function<void(const ChangeReviewEvent&)>& review,
                     const std::function<void(const ChangeLinkEvent&)>& link) override
  {
    TicketQuery changes = filter;
    changes.kinds.clear();
    changes.sort.clear();
    changes.limit.reset();
    const FilterSql where = filter_sql(changes, "t", true);
    std::string conditions;
    for (const auto& clause : where.clauses) {
      conditions += " AND " + clause;
    }
    // Changes are few next to incidents, and a report reads much more than
    // this scan of the ticket table.
    auto records = m_db.prepare(fmt::format(
      "SELECT t.id, t.created_at, coalesce(t.change_type = 'emergency', 0), {}, {}, {}"
      " FROM ticket t WHERE t.kind = 'change' AND t.created_at < ?2 AND ?1 = ?1{}",
      first_move("approved"), first_move("rejected"), first_move("implementing"), conditions));
    records.bind(1, window.from).bind(2, window.to);
    bind_filter(records, where, 3);
    while (records.step()) {
      change({records.get_int(0), records.get_int(1), records.get_int(2) != 0, records.get_opt_int(3),
              records.get_opt_int(4), records.get_opt_int(5)});
    }
    auto reviews = m_db.prepare(fmt::format(
      "SELECT t.id, e.at, json_extract(e.data, '$.outcome') FROM ticket t"
      " JOIN ticket_event e ON e.ticket_id = t.id"
      " WHERE t.kind = 'change' AND t.created_at < ?2 AND e.action = 'review'"
      " AND e.at >= ?1 AND e.at < ?2 AND json_extract(e.data, '$.outcome') IS NOT NULL{}"
      " ORDER BY e.at, e.id",
      conditions));
    reviews.bind(1, window.from).bind(2, window.to);
    bind_filter(reviews, where, 3);
    while (reviews.step()) {
      review({reviews.get_int(0), reviews.get_int(1), reviews.get_text(2)});
    }
    for_each_incident_cause(m_db, "change", window, where, [&](const IncidentCause& c) {
      link({c.cause, c.incident, c.at});
    });
  }

private:
  Database& m_db;
};

} // namespace

std::unique_ptr<ChangeStore> make_sqlite_change_store(Database& db)
{
  return std::make_unique<SqliteChangeStore>(db);
}

} // namespace sdesk::store

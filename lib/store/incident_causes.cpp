#include "lib/store/incident_causes.hpp"

#include "lib/store/statement.hpp"

namespace sdesk::store {

void for_each_incident_cause(Database& db, std::string_view kind, const ReportWindow& window,
                             const FilterSql& where, const std::function<void(const IncidentCause&)>& visit)
{
  std::string sql = "SELECT t.id, i.id, e.at FROM ticket t"
                    " JOIN ticket_event e ON e.ticket_id = t.id"
                    " JOIN ticket i ON i.id = json_extract(e.data, '$.target')"
                    " WHERE t.kind = ?3 AND t.created_at < ?2 AND e.action = 'link'"
                    " AND e.at >= ?1 AND e.at < ?2 AND json_extract(e.data, '$.type') = 'causes'"
                    " AND i.kind = 'incident'";
  for (const auto& clause : where.clauses) {
    sql += " AND " + clause;
  }
  auto links = db.prepare(sql);
  links.bind(1, window.from).bind(2, window.to).bind(3, kind);
  bind_filter(links, where, 4);
  while (links.step()) {
    visit({links.get_int(0), links.get_int(1), links.get_int(2)});
  }
}

} // namespace sdesk::store

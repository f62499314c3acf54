#pragma once

// A query the problem and change reports share: the link actions by which
// an incident became caused by a record of theirs.

#include "lib/model/ticket.hpp"
#include "lib/store/database.hpp"
#include "lib/store/filter_sql.hpp"
#include "lib/store/report_source.hpp"

#include <cstdint>
#include <functional>
#include <string_view>

namespace sdesk::store {

// One link action in the window that made `incident` caused by `cause`.
struct IncidentCause {
  model::TicketId cause = 0;
  model::TicketId incident = 0;
  std::int64_t at = 0;
};

// Visits each link action in `window` by which an incident became caused by
// a ticket of kind `kind` ("problem", "change") that was created before the
// window's end and matches `where` (filter_sql with alias "t"). Throws
// Error(store) when SQLite fails.
void for_each_incident_cause(Database& db, std::string_view kind, const ReportWindow& window,
                             const FilterSql& where, const std::function<void(const IncidentCause&)>& visit);

} // namespace sdesk::store

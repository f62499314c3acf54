#pragma once

// Internal to lib/store: the one translation of a TicketQuery's filters into
// SQL conditions with bound values, shared by list/export (sqlite_store.cpp)
// and reports (report_source.cpp), so a new filter is added in one place.

#include "lib/store/query.hpp"
#include "lib/store/statement.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sdesk::store {

// A value bound to one `?`.
using Binding = std::variant<std::int64_t, std::string>;

// Conditions to AND together, and the values for their `?`s in order.
struct FilterSql {
  std::vector<std::string> clauses;
  std::vector<Binding> bindings;
};

// The filters of `query` (not its sort or limit) as conditions on the
// ticket table named by `alias` ("" or "t"). With `tags_never_drive`, tag
// conditions are written so SQLite checks them on each row and never picks
// the tag index as the way in (reports are driven by time ranges).
FilterSql filter_sql(const TicketQuery& query, std::string_view alias, bool tags_never_drive);

// Binds `filter`'s values to parameters `first`, `first` + 1, ... of `stmt`
// (its clauses' plain `?`s, numbered after the statement's own).
void bind_filter(Statement& stmt, const FilterSql& filter, int first);

} // namespace sdesk::store

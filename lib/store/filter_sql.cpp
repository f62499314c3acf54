#include "lib/store/filter_sql.hpp"

#include "lib/model/record_type.hpp"
#include "lib/model/fields.hpp"

#include <fmt/format.h>

namespace sdesk::store {

namespace {

// The column of field `name`, which must be declared filterable in the
// field table (lib/model/fields.hpp); anything else does not compile.
consteval std::string_view filter_column(std::string_view name)
{
  const model::FieldSpec& spec = model::k_fields[model::field_index(name)];
  if (!spec.filterable) {
    throw "filter on a field not declared filterable in k_fields";
  }
  return spec.column;
}

class Builder {
public:
  explicit Builder(std::string_view alias)
    : m_prefix(alias.empty() ? std::string{} : std::string(alias) + ".")
  {
  }

  // "column IN (?,?,...)" for a non-empty list of values.
  template<typename T, typename Convert>
  void in(std::string_view column, const std::vector<T>& values, Convert convert)
  {
    if (values.empty()) {
      return;
    }
    std::string clause = fmt::format("{}{} IN (", m_prefix, column);
    for (std::size_t i = 0; i < values.size(); ++i) {
      clause += i == 0 ? "?" : ",?";
      m_sql.bindings.emplace_back(convert(values[i]));
    }
    m_sql.clauses.push_back(clause + ")");
  }

  // `condition` on this ticket's column, e.g. ("created_at", ">=").
  void time(std::string_view column, std::string_view op, const std::optional<model::Time>& t)
  {
    if (t) {
      m_sql.clauses.push_back(fmt::format("{}{} {} ?", m_prefix, column, op));
      m_sql.bindings.emplace_back(t->time_since_epoch().count());
    }
  }

  void clause(std::string text) { m_sql.clauses.push_back(std::move(text)); }
  void bind(Binding value) { m_sql.bindings.push_back(std::move(value)); }
  const std::string& prefix() const { return m_prefix; }
  FilterSql take() { return std::move(m_sql); }

private:
  std::string m_prefix;
  FilterSql m_sql;
};

} // namespace

FilterSql filter_sql(const TicketQuery& q, std::string_view alias, bool tags_never_drive)
{
  const auto same = [](const std::string& s) { return s; };
  Builder b(alias);
  b.in(filter_column("status"), q.statuses, [](model::Status s) { return std::string(model::to_string(s)); });
  if (q.open_only) {
    // The statuses the record types count as open (a status is open in
    // every type that has it). IN, not NOT IN: an IN list can use the
    // status index.
    b.in("status", model::open_statuses_of_any_type(),
         [](model::Status s) { return std::string(model::to_string(s)); });
  }
  b.in(filter_column("kind"), q.kinds, [](model::Kind k) { return std::string(model::to_string(k)); });
  b.in(filter_column("priority"), q.priorities, [](int p) { return std::int64_t{p}; });
  b.in(filter_column("group"), q.groups, same);
  b.in(filter_column("assignee"), q.assignees, same);
  b.in(filter_column("requester"), q.requesters, same);
  b.in(filter_column("category"), q.categories, same);
  b.in(filter_column("service"), q.services, same);
  b.in(filter_column("ref"), q.refs, same);
  for (const auto& tag : q.tags) {
    // A unary "+" keeps SQLite from using the column's index to drive.
    b.clause(fmt::format("{}{}id IN (SELECT ticket_id FROM ticket_tag WHERE tag = ?)",
                         tags_never_drive ? "+" : "", b.prefix()));
    b.bind(tag);
  }
  if (q.unassigned) {
    b.clause(b.prefix() + "assignee IS NULL");
  }
  b.time(filter_column("created"), ">=", q.created_since);
  b.time(filter_column("created"), "<", q.created_until);
  b.time(filter_column("updated"), ">=", q.updated_since);
  b.time(filter_column("updated"), "<", q.updated_until);
  return b.take();
}

void bind_filter(Statement& stmt, const FilterSql& filter, int first)
{
  for (std::size_t i = 0; i < filter.bindings.size(); ++i) {
    std::visit([&](const auto& value) { stmt.bind(static_cast<int>(i) + first, value); },
               filter.bindings[i]);
  }
}

} // namespace sdesk::store

#pragma once

// Every ticket field, declared once. The SQL column lists and the reading
// and binding of the store (lib/store/sqlite_store.cpp), the JSON object
// (ticket_json.cpp), the import field names and parsing (lib/io/fields.cpp,
// record_builder.cpp), the CSV columns (cmd/output.cpp), the history diff
// (ticket.cpp), the text limits (limits.cpp), the sort keys and the extra
// lines of `show` all walk k_fields.
//
// Adding a field (the change's `outcome` was added this way):
//   1. a member of model::Ticket (lib/model/ticket.hpp): std::optional<...>
//      unless every record always has a value;
//   2. a row at the END of k_fields below (JSON keys and CSV columns keep
//      their order): name, column, type, member, and what differs from the
//      defaults (limit, choices, importable, sortable, tracked, replayed, kinds,
//      label for a line in `show`);
//   3. the next migration (lib/store/migrations_from_14.hpp):
//      ALTER TABLE ticket ADD COLUMN <column> <TEXT|INTEGER>;
// The store, JSON, CSV, import, history, limits, sorting and `show` follow
// from the row; the tests of tests/unit/{model,io,store}/fields*_test.cpp
// cover every row. Then document it (docs/json.md, docs/sdesk-import.md).
// Code gets a field by name only where the field has behaviour of its own
// (the SLA code reading response_due, import's priority rule).

#include "lib/model/limits.hpp"
#include "lib/model/ticket.hpp"

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace sdesk::model {

// What a field holds, which decides how it is stored, written and read.
enum class FieldType : std::uint8_t {
  id,       // the ticket number: a JSON integer, the table's primary key
  text,     // free text (its limit in FieldSpec::limit); null when optional and absent
  choice,   // one of FieldSpec::choices, as text
  kind,     // a Kind, by name
  status,   // a Status, by name
  level,    // a Level: a name, stored as 1..3
  priority, // 1..lowest: "P3", stored as 3
  integer,  // a whole number: a JSON integer
  time,     // an instant: ISO 8601 (UTC in history), stored as Unix seconds
  duration, // seconds: a JSON integer
  tags,     // a sorted tag list: a JSON array, "a,b" in CSV and history, table ticket_tag
};

// Where a field lives in Ticket: a pointer to its member, of one of the
// types a field may have.
template<typename T>
using TicketMember = T Ticket::*;
using FieldMember =
  std::variant<TicketMember<TicketId>, TicketMember<std::string>, TicketMember<std::optional<std::string>>,
               TicketMember<Kind>, TicketMember<Status>, TicketMember<Level>, TicketMember<int>,
               TicketMember<Time>, TicketMember<std::optional<Time>>,
               TicketMember<std::optional<std::chrono::seconds>>, TicketMember<std::vector<std::string>>>;

// A set of record types (one bit per Kind).
using KindSet = std::uint8_t;

// The set holding only `kind`.
constexpr KindSet kind_bit(Kind kind)
{
  return static_cast<KindSet>(1U << static_cast<unsigned>(kind));
}

// Every record type.
inline constexpr KindSet k_every_kind = 0x0F;

// One field. `name` is its name everywhere outside SQL: the JSON key, the CSV
// column, the import field, the history event's field, the sort key.
struct FieldSpec {
  std::string_view name;
  std::string_view column; // SQL column of table ticket; empty: none of its own (tags)
  FieldType type;
  FieldMember member;
  Limited limit = Limited::short_text;         // text: the size limit of a value
  std::span<const std::string_view> choices{}; // choice: the accepted values
  bool importable = true;  // import sets it; false: an import may name it (export output reads back) and it is ignored
  bool sortable = false;   // list --sort accepts it
  bool filterable = false; // list has an option selecting on it (cmd/ticket_filter.cpp); lib/store/filter_sql.cpp filters only on these
  bool tracked = true;     // a change is a history event (model::diff)
  // Every writer records each change of it as a history event (`open` its
  // first value too; an import gives a new ticket's first values without
  // history), so the last value the history records for it is the stored
  // value (`sdesk verify`, rule history-values). False for what an import
  // derives from other events instead (the SLA fields; resolved and closed,
  // which follow its status events).
  bool replayed = true;
  KindSet kinds = k_every_kind; // the record types that have it; on others it stays empty and JSON omits it
  std::string_view label{};     // show: prints it as "label  value" after the fixed layout; empty: show lays it out itself

  // Whether records of `kind` have this field.
  constexpr bool applies_to(Kind kind) const { return (kinds & kind_bit(kind)) != 0; }
};

// The outcome of a change, given when it closes.
inline constexpr std::array<std::string_view, 3> k_change_outcomes{"successful", "failed", "backed_out"};

// A change's type: standard (pre-approved, from a template), normal (the
// change board approves it), emergency (the emergency board approves it).
inline constexpr std::array<std::string_view, 3> k_change_types{"standard", "normal", "emergency"};

// A change's risk.
inline constexpr std::array<std::string_view, 3> k_change_risks{"low", "medium", "high"};

// The fields, in the order of the JSON object, the CSV columns, the history
// diff and import's list of accepted names.
inline constexpr FieldSpec k_fields[] = {
  {.name = "id", .column = "id", .type = FieldType::id, .member = &Ticket::id, .importable = false,
   .sortable = true, .tracked = false},
  {.name = "ref", .column = "ref", .type = FieldType::text, .member = &Ticket::ref, .filterable = true},
  {.name = "kind", .column = "kind", .type = FieldType::kind, .member = &Ticket::kind, .sortable = true,
   .filterable = true},
  {.name = "title", .column = "title", .type = FieldType::text, .member = &Ticket::title,
   .limit = Limited::title, .sortable = true},
  {.name = "description", .column = "description", .type = FieldType::text, .member = &Ticket::description,
   .limit = Limited::long_text},
  {.name = "status", .column = "status", .type = FieldType::status, .member = &Ticket::status,
   .sortable = true, .filterable = true},
  {.name = "impact", .column = "impact", .type = FieldType::level, .member = &Ticket::impact},
  {.name = "urgency", .column = "urgency", .type = FieldType::level, .member = &Ticket::urgency},
  {.name = "priority", .column = "priority", .type = FieldType::priority, .member = &Ticket::priority,
   .sortable = true, .filterable = true},
  {.name = "category", .column = "category", .type = FieldType::text, .member = &Ticket::category,
   .sortable = true, .filterable = true},
  {.name = "service", .column = "service", .type = FieldType::text, .member = &Ticket::service,
   .sortable = true, .filterable = true},
  {.name = "group", .column = "grp", .type = FieldType::text, .member = &Ticket::group, .sortable = true,
   .filterable = true},
  {.name = "assignee", .column = "assignee", .type = FieldType::text, .member = &Ticket::assignee,
   .sortable = true, .filterable = true},
  {.name = "requester", .column = "requester", .type = FieldType::text, .member = &Ticket::requester,
   .sortable = true, .filterable = true},
  {.name = "escalation_level", .column = "escalation_level", .type = FieldType::integer,
   .member = &Ticket::escalation_level, .sortable = true},
  {.name = "tags", .column = "", .type = FieldType::tags, .member = &Ticket::tags, .limit = Limited::tags,
   .filterable = true},
  {.name = "created", .column = "created_at", .type = FieldType::time, .member = &Ticket::created,
   .sortable = true, .filterable = true, .tracked = false},
  {.name = "updated", .column = "updated_at", .type = FieldType::time, .member = &Ticket::updated,
   .sortable = true, .filterable = true, .tracked = false},
  {.name = "first_response", .column = "first_response_at", .type = FieldType::time,
   .member = &Ticket::first_response},
  {.name = "resolved", .column = "resolved_at", .type = FieldType::time, .member = &Ticket::resolved,
   .sortable = true, .replayed = false},
  {.name = "closed", .column = "closed_at", .type = FieldType::time, .member = &Ticket::closed,
   .sortable = true, .replayed = false},
  {.name = "resolution_code", .column = "resolution_code", .type = FieldType::text,
   .member = &Ticket::resolution_code},
  {.name = "resolution_note", .column = "resolution_note", .type = FieldType::text,
   .member = &Ticket::resolution_note, .limit = Limited::long_text},
  {.name = "response_due", .column = "response_due", .type = FieldType::time, .member = &Ticket::response_due,
   .importable = false, .sortable = true, .replayed = false},
  {.name = "resolution_due", .column = "resolution_due", .type = FieldType::time,
   .member = &Ticket::resolution_due, .importable = false, .sortable = true, .replayed = false},
  {.name = "sla_policy", .column = "sla_policy", .type = FieldType::text, .member = &Ticket::sla_policy,
   .importable = false, .replayed = false},
  {.name = "response_business_seconds", .column = "response_business", .type = FieldType::duration,
   .member = &Ticket::response_business, .importable = false, .replayed = false},
  {.name = "resolution_business_seconds", .column = "resolution_business", .type = FieldType::duration,
   .member = &Ticket::resolution_business, .importable = false, .replayed = false},
  {.name = "outcome", .column = "outcome", .type = FieldType::choice, .member = &Ticket::outcome,
   .choices = k_change_outcomes, .kinds = kind_bit(Kind::change), .label = "outcome"},
  {.name = "root_cause", .column = "root_cause", .type = FieldType::text, .member = &Ticket::root_cause,
   .limit = Limited::long_text, .kinds = kind_bit(Kind::problem), .label = "root cause"},
  {.name = "workaround", .column = "workaround", .type = FieldType::text, .member = &Ticket::workaround,
   .limit = Limited::long_text, .kinds = kind_bit(Kind::problem), .label = "workaround"},
  {.name = "change_type", .column = "change_type", .type = FieldType::choice, .member = &Ticket::change_type,
   .choices = k_change_types, .kinds = kind_bit(Kind::change), .label = "change type"},
  {.name = "risk", .column = "risk", .type = FieldType::choice, .member = &Ticket::risk,
   .choices = k_change_risks, .kinds = kind_bit(Kind::change), .label = "risk"},
  {.name = "planned_start", .column = "planned_start", .type = FieldType::time,
   .member = &Ticket::planned_start, .kinds = kind_bit(Kind::change),
   .label = "planned start"},
  {.name = "planned_end", .column = "planned_end", .type = FieldType::time, .member = &Ticket::planned_end,
   .kinds = kind_bit(Kind::change), .label = "planned end"},
  {.name = "release", .column = "release", .type = FieldType::text, .member = &Ticket::release,
   .kinds = kind_bit(Kind::change), .label = "release"},
  {.name = "plan", .column = "plan", .type = FieldType::text, .member = &Ticket::plan,
   .limit = Limited::long_text, .kinds = kind_bit(Kind::change), .label = "plan"},
  {.name = "backout_plan", .column = "backout_plan", .type = FieldType::text,
   .member = &Ticket::backout_plan, .limit = Limited::long_text, .kinds = kind_bit(Kind::change),
   .label = "backout plan"},
  {.name = "test_plan", .column = "test_plan", .type = FieldType::text, .member = &Ticket::test_plan,
   .limit = Limited::long_text, .kinds = kind_bit(Kind::change), .label = "test plan"},
  {.name = "restricted", .column = "restricted", .type = FieldType::text, .member = &Ticket::restricted},
};

// How many fields there are.
inline constexpr std::size_t k_field_count = std::size(k_fields);

// The index in k_fields of the field called `name`; a name that is not
// there does not compile.
consteval std::size_t field_index(std::string_view name)
{
  for (std::size_t i = 0; i < k_field_count; ++i) {
    if (k_fields[i].name == name) {
      return i;
    }
  }
  throw "no such field in k_fields";
}

// The field called `name`, or nothing.
const FieldSpec* find_field(std::string_view name);

// The pointer to member of field `I`, with its own type.
template<std::size_t I>
constexpr auto field_member()
{
  return std::get<k_fields[I].member.index()>(k_fields[I].member);
}

// Calls `visit(std::integral_constant<std::size_t, I>{})` for every field,
// in table order. Each call sees its field as a compile-time constant
// (k_fields[I], field_member<I>()), so the loop costs what the same code
// written out field by field would.
template<typename Visit>
constexpr void for_each_field(Visit&& visit)
{
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (visit(std::integral_constant<std::size_t, I>{}), ...);
  }(std::make_index_sequence<k_field_count>{});
}

// Calls `visit(std::integral_constant<std::size_t, I>{})` for the field at
// run-time `index` (nothing when out of range).
template<typename Visit>
constexpr void visit_field(std::size_t index, Visit&& visit)
{
  for_each_field([&](auto i) {
    if (decltype(i)::value == index) {
      visit(i);
    }
  });
}

// A field's value as history records it: text, times in UTC ISO 8601,
// priorities "P3", tags comma-joined; nothing for an absent value or an
// empty tag list.
std::optional<std::string> history_text(const FieldSpec& spec, const Ticket& t);

// A field's value as a CSV cell: times in ISO 8601 with the local offset,
// nothing written as the empty string.
std::string csv_text(const FieldSpec& spec, const Ticket& t);

// Every field's CSV cell (csv_text()) in table order, into `cells` (cleared).
void csv_cells(const Ticket& t, std::vector<std::string>& cells);

// What is wrong with `value` for choice field `spec`: "unknown value 'x'
// (accepted: a, b)"; nothing when it is one of its choices.
std::optional<std::string> choice_problem(const FieldSpec& spec, std::string_view value);

// The first field of `t` that has a value although its record type does not
// have the field, or nothing.
const FieldSpec* misplaced_field(const Ticket& t);

// --- Consistency of the table, checked when it compiles ---

namespace detail {

// Whether the member's type fits the field's type.
template<std::size_t I>
consteval bool member_fits()
{
  using T = std::remove_cvref_t<decltype(Ticket{}.*field_member<I>())>;
  switch (k_fields[I].type) {
  case FieldType::id: return std::is_same_v<T, TicketId>;
  case FieldType::text: return std::is_same_v<T, std::string> || std::is_same_v<T, std::optional<std::string>>;
  case FieldType::choice: return std::is_same_v<T, std::optional<std::string>>;
  case FieldType::kind: return std::is_same_v<T, Kind>;
  case FieldType::status: return std::is_same_v<T, Status>;
  case FieldType::level: return std::is_same_v<T, Level>;
  case FieldType::priority:
  case FieldType::integer: return std::is_same_v<T, int>;
  case FieldType::time: return std::is_same_v<T, Time> || std::is_same_v<T, std::optional<Time>>;
  case FieldType::duration: return std::is_same_v<T, std::optional<std::chrono::seconds>>;
  case FieldType::tags: return std::is_same_v<T, std::vector<std::string>>;
  }
  return false;
}

consteval bool table_fits()
{
  bool fits = true;
  for_each_field([&](auto i) { fits = fits && member_fits<decltype(i)::value>(); });
  for (std::size_t i = 0; i < k_field_count; ++i) {
    const FieldSpec& f = k_fields[i];
    fits = fits && !f.name.empty() && (f.column.empty() == (f.type == FieldType::tags))
           && (f.choices.empty() != (f.type == FieldType::choice)) && f.kinds != 0;
    for (std::size_t j = 0; j < i; ++j) {
      fits = fits && k_fields[j].name != f.name && (f.column.empty() || k_fields[j].column != f.column);
    }
  }
  return fits && k_fields[0].type == FieldType::id;
}

} // namespace detail

static_assert(detail::table_fits(),
              "k_fields: a member of the wrong type, a name or column twice, a tags field with a "
              "column, a choice without choices, or id not first");

} // namespace sdesk::model

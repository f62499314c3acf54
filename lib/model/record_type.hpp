#pragma once

#include "lib/model/enums.hpp"

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace sdesk::model {

// A record type (incident, request, problem, change) described once, as
// data: its statuses, its lifecycle, which statuses count as open, pause SLA
// clocks, are final (terminal) or mean "resolved", what the existing commands' moves
// mean for it, and its extra fields. Everything that needs to know about a
// lifecycle (the refusals, `list --open`, the status sort, SLA pauses, the
// invariants, import, reports, the schema migration) asks this description.
// The lifecycles are drawn in docs/record-types.md; adding a type is the
// recipe in ARCHITECTURE.md.
//
// model::Status is one enum holding every type's statuses (a name means
// one thing whichever type uses it, so stores, filters and JSON keep one
// spelling per status); each description lists the subset that applies.

// One allowed status change.
struct Transition {
  Status from;
  Status to;
};

// A field only records of one type have (names only: the field table
// holds their values). `values` are the accepted values; `required_in` the
// statuses in which the field must be set.
struct ExtraField {
  std::string_view name;
  std::span<const std::string_view> values;
  std::span<const Status> required_in;
};

// What the existing commands' status moves mean for a type; nothing = the
// command does not apply to the type (it is refused, naming the rule).
struct Moves {
  std::optional<Status> assign;          // assign/escalate of a started ticket; nothing = status kept
  std::optional<Status> start;           // start
  std::optional<Status> pending;         // pending
  std::optional<Status> resolve;         // resolve (sets the resolution time, code and note)
  std::optional<Status> close;           // close (sets the closing time)
  std::optional<Status> reopen;          // reopen of a ticket without an assignee
  std::optional<Status> reopen_assigned; // reopen of a ticket with one
};

struct RecordType {
  Kind kind;
  std::span<const Status> statuses; // lifecycle order: `list --sort status` sorts by it
  Status initial;                   // what `open` starts in
  std::span<const Transition> transitions;
  std::span<const Status> open;     // still needs work: `list --open`, escalation, SLA running
  std::span<const Status> pausing;  // open statuses that pause SLA clocks unless [sla] says otherwise
  std::span<const Status> resolved; // the work is done: the resolution time is set, clocks stop
  std::span<const Status> terminal; // final: no way out, the closing time is set
  std::span<const ExtraField> extra_fields;
  Moves moves;

  // Whether `status` is one of this type's statuses.
  bool has(Status status) const;
  // Whether a ticket of this type in `status` is open (needs work).
  bool is_open(Status status) const;
  // Whether `status` pauses the type's SLA clocks by default.
  bool pauses(Status status) const;
  // Whether `status` means the work is done (resolution time set).
  bool is_resolved(Status status) const;
  // Whether `status` is final (closing time set).
  bool is_final(Status status) const;
  // The statuses a ticket of this type in `from` may move to, in lifecycle order.
  std::vector<Status> allowed(Status from) const;
  // Whether `from` -> `to` is allowed for this type.
  bool can(Status from, Status to) const;
  // The shortest way from `from` to `to` (the statuses after `from`, ending
  // with `to`); empty when the lifecycle has none.
  std::vector<Status> path(Status from, Status to) const;
  // Position of `status` in the lifecycle (for sorting); statuses() size when absent.
  std::size_t rank(Status status) const;
};

// The description of `kind`; every Kind has one.
const RecordType& record_type(Kind kind);

// Every description, in k_kinds order.
std::span<const RecordType> record_types();

// Every status that is open in at least one type, in k_statuses order (for
// `list --open` and the sort order, which cover all types at once).
std::vector<Status> open_statuses_of_any_type();

// Every status in the order `list --sort status` sorts by: those still
// open, then those resolved, then the final ones, each in k_statuses order
// (for incidents: new, assigned, in_progress, pending, resolved, closed).
std::vector<Status> status_sort_order();

// Every status that pauses SLA clocks in at least one type, in k_statuses
// order: the default of [sla] pause_statuses.
std::vector<Status> pausing_statuses_of_any_type();

// Whether `status` is open in the types that have it (a status that is
// open in one type is open in every type that has it; record_type_test
// checks it). For code that has a status but no ticket, such as a config
// list of statuses.
bool is_open_status(Status status);

// Whether `status` is one of `kind`'s statuses; throws Error(usage) naming
// `what`, the kind and its statuses otherwise.
void require_status_of(Kind kind, Status status, std::string_view what);

} // namespace sdesk::model

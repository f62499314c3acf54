#pragma once

// The invariants every stored ticket satisfies, whatever wrote it (a
// command, an import, a script). docs/invariants.md states them; this is the
// one place that checks them. Pure functions: no I/O, nothing thrown.

#include "lib/model/ticket.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::model {

// The rules, by the names docs/invariants.md and `sdesk verify` use.
inline constexpr std::string_view k_rule_after_created = "after-created";
inline constexpr std::string_view k_rule_closed_after_resolved = "closed-after-resolved";
inline constexpr std::string_view k_rule_resolved_status = "resolved-status";
inline constexpr std::string_view k_rule_closed_status = "closed-status";
inline constexpr std::string_view k_rule_status_of_kind = "status-of-kind";
inline constexpr std::string_view k_rule_field_kind = "field-kind";
inline constexpr std::string_view k_rule_field_required = "field-required";
inline constexpr std::string_view k_rule_history_order = "history-order";
inline constexpr std::string_view k_rule_history_replay = "history-replay";
inline constexpr std::string_view k_rule_history_values = "history-values";

// One broken rule: the field it concerns (by its JSON name, or "history"),
// the rule's name (one of the k_rule_* above) and what is wrong, in words.
struct Violation {
  std::string field;
  std::string_view rule;
  std::string message;
};

// The rules on a ticket's own fields, in this order:
//   after-created: first_response, resolved and closed are not before created;
//   closed-after-resolved: closed is not before resolved;
//   resolved-status: resolved is set exactly when the status is resolved or closed;
//   closed-status: closed is set exactly when the status is closed;
//   field-kind: a field that only some record types have (FieldSpec::kinds,
//     lib/model/fields.hpp) is empty on the others;
//   field-required: a field its record type requires in the ticket's status
//     (RecordType::extra_fields: a closed change has its outcome) is set.
// Returns every violation, or nothing when all hold. Cheap: reads only `t`.
std::vector<Violation> check_fields(const Ticket& t);

// The rules on a ticket's history (`history`: its events, oldest first, as
// stored), in this order:
//   history-order: each event is at or after the one before it, and none is
//     before created;
//   history-replay: the status events, replayed from the first (which opens
//     the ticket in an open status) through the lifecycle's transitions
//     (lib/model/lifecycle.hpp), each moving from the status the one before
//     it left, end at the stored status;
//   history-values: each field the history records every change of
//     (FieldSpec::replayed; the status has history-replay) holds the value
//     the last event naming it recorded, or none when no event names it
//     and `open` recorded the ticket's fields. Fields of an imported ticket
//     that no event names are not checked: an import gives only their last
//     values.
// Returns every violation, or nothing when all hold.
std::vector<Violation> check_history(const Ticket& t, std::span<const Event> history);

// check_fields() then check_history(). One exception needs the history: a
// ticket that a schema migration put in its status (its "migrate" event
// moved it there and nothing moved it since: migration 9 closed changes
// before they had an outcome) is not held to field-required.
std::vector<Violation> check_invariants(const Ticket& t, std::span<const Event> history);

// "resolved: 2026-10-01T07:00:00+00:00 is before created ... (rule after-created)":
// one violation as one line of text.
std::string describe(const Violation& v);

} // namespace sdesk::model

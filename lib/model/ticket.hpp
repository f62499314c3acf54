#pragma once

#include "lib/model/action.hpp"
#include "lib/model/enums.hpp"
#include "lib/util/time.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

namespace sdesk::model {

using util::Time;
using TicketId = std::int64_t;

// A ticket's current state. Its history lives in Event rows; every change to
// a Ticket is written together with the events that describe it.
struct Ticket {
  TicketId id = 0;
  std::optional<std::string> ref; // reference in another system (imports)
  Kind kind = Kind::incident;
  std::string title;
  std::string description;
  Status status = Status::new_;
  Level impact = Level::medium;
  Level urgency = Level::medium;
  int priority = 3;
  std::optional<std::string> category;
  std::optional<std::string> service;
  std::optional<std::string> group;
  std::optional<std::string> assignee;
  std::optional<std::string> requester;
  int escalation_level = 0;
  std::vector<std::string> tags; // sorted, unique
  Time created{};
  Time updated{};
  std::optional<Time> first_response;
  std::optional<Time> resolved;
  std::optional<Time> closed;
  std::optional<std::string> resolution_code;
  std::optional<std::string> resolution_note;
  // SLA: due times from the policy in force (lib/sla/policy.hpp), the
  // policy's name, and the business time (calendar hours minus paused time)
  // taken to first response and to resolution, fixed when they happen.
  std::optional<Time> response_due;
  std::optional<Time> resolution_due;
  std::optional<std::string> sla_policy;
  std::optional<std::chrono::seconds> response_business;
  std::optional<std::chrono::seconds> resolution_business;
  std::optional<std::string> outcome; // a change's, on closing (lib/model/fields.hpp)
  std::optional<std::string> root_cause; // a problem's, recorded as a known error
  std::optional<std::string> workaround; // a problem's, recorded as a known error
  // A change's plan (lib/model/fields.hpp; docs/sdesk-change.md).
  std::optional<std::string> change_type; // standard, normal, emergency (absent: normal)
  std::optional<std::string> risk;        // low, medium, high
  std::optional<Time> planned_start;
  std::optional<Time> planned_end;
  std::optional<std::string> release;
  std::optional<std::string> plan;
  std::optional<std::string> backout_plan;
  std::optional<std::string> test_plan;
  // The group a restricted ticket is visible to (open/update --restricted;
  // enforced by PostgreSQL's row-level security: docs/postgresql.md).
  std::optional<std::string> restricted;
};

// One recorded action on a ticket. Field changes carry `field`, `old_value`
// and `new_value` (as text; times as UTC ISO 8601); comments and other
// actions carry `note`; `data` carries what an action needs recorded in a
// form a program reads (an escalation's target, a link's type), as one
// JSON object, never inferred from the note.
struct Event {
  std::int64_t id = 0;
  TicketId ticket_id = 0;
  Time at{};
  std::string actor;
  Action action = Action::open;
  std::optional<std::string> field;
  std::optional<std::string> old_value;
  std::optional<std::string> new_value;
  std::optional<std::string> note;
  std::optional<std::string> data; // a JSON object, or nothing
};

// One field that differs between two versions of a ticket.
struct FieldChange {
  std::string field;
  std::optional<std::string> old_value;
  std::optional<std::string> new_value;
};

// Lists every tracked field (lib/model/fields.hpp; by its JSON name) whose
// value differs between `before` and `after`, in table order. `id`,
// `created` and `updated` are not tracked. Tags are compared as a
// comma-joined list.
std::vector<FieldChange> diff(const Ticket& before, const Ticket& after);

// Lists every field of `ticket` that has a value, as changes from nothing:
// the history of an "open" action.
std::vector<FieldChange> initial_fields(const Ticket& ticket);

// Normalises a tag list: trimmed, lower case, sorted, without duplicates.
// Throws Error(usage) for a tag with a comma or white space inside.
std::vector<std::string> normalise_tags(const std::vector<std::string>& tags);

// What is wrong with `ref` as an external reference, whichever path brings
// it (open --ref, import): "must not be empty" (blank) or "must not contain
// control characters or line breaks"; nothing when it is fine. Its length
// is a limit of lib/model/limits.hpp (short text).
std::optional<std::string> ref_problem(std::string_view ref);

} // namespace sdesk::model

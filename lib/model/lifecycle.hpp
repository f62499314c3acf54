#pragma once

#include "lib/model/enums.hpp"

#include <string_view>
#include <vector>

namespace sdesk::model {

// A record type's lifecycle is part of its description (record_type.hpp,
// drawn in docs/record-types.md); these functions ask it.

// The statuses a ticket of `kind` in `from` may move to.
std::vector<Status> allowed_transitions(Kind kind, Status from);

// Whether `from` -> `to` is allowed for a ticket of `kind`.
bool can_transition(Kind kind, Status from, Status to);

// Throws Error(refused) when `from` -> `to` is not allowed for a ticket of
// `kind`, naming the ticket, the current status, the requested one and the
// allowed ones (and the kind, for a type with a lifecycle of its own).
void require_transition(long long ticket_id, Kind kind, Status from, Status to);

// The incident lifecycle (shared by requests): the three above for
// Kind::incident.
std::vector<Status> allowed_transitions(Status from);
bool can_transition(Status from, Status to);
void require_transition(long long ticket_id, Status from, Status to);

} // namespace sdesk::model

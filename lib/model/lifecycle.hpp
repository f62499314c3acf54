#pragma once

#include "lib/model/enums.hpp"

#include <string_view>
#include <vector>

namespace sdesk::model {

// The ITIL ticket lifecycle:
//
//   new ──> assigned ──> in_progress ──> pending ──> resolved ──> closed
//    └────────┴──────────────┴──────────────┴───────────^  │
//                                  reopen <─────────────────┘
//
// Any open status may move to assigned (reassignment), in_progress, pending
// or resolved; resolved moves to closed, or back to new/assigned by reopen.
// Closed is final: a closed ticket's problem comes back as a new ticket.

// The statuses a ticket in `from` may move to.
std::vector<Status> allowed_transitions(Status from);

// Whether `from` -> `to` is allowed.
bool can_transition(Status from, Status to);

// Throws Error(refused) when `from` -> `to` is not allowed, naming the
// ticket, the current status, the requested one and the allowed ones.
void require_transition(long long ticket_id, Status from, Status to);

} // namespace sdesk::model

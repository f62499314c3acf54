#pragma once

#include "lib/model/ticket.hpp"
#include "lib/ops/context.hpp"

#include <optional>
#include <string>

namespace sdesk::ops {

// Each use case changes ticket `id` in one transaction and returns it as
// stored. They throw Error(not_found) for an unknown id, Error(refused) for a
// transition the lifecycle (lib/model/lifecycle.hpp) does not allow, and
// Error(usage) for bad arguments.

// Adds a comment. The first comment by an agent (anyone but the requester
// when no agents are configured) sets the first-response time. Comments on
// closed tickets are refused. An `internal` comment (data {"internal":
// true}) stays inside the desk: mail out tells neither the requester nor
// the watchers, and it is no first response.
model::Ticket comment(Context& ctx, model::TicketId id, const std::string& text, bool internal = false);

// The actor starts work: status in_progress; an unassigned ticket is
// assigned to the actor. Throws Error(usage) when the actor is a configured
// agent outside the ticket's group (ops::require_member, as assign checks).
model::Ticket start(Context& ctx, model::TicketId id);

// Waiting on someone outside the desk: status pending, with the reason.
model::Ticket set_pending(Context& ctx, model::TicketId id, const std::string& reason);

// Resolved with a configured resolution code and an optional note.
model::Ticket resolve(Context& ctx, model::TicketId id, const std::string& code,
                      const std::optional<std::string>& note);

// Closes a resolved ticket; closed is final.
model::Ticket close(Context& ctx, model::TicketId id);

// The resolution was rejected: back to `assigned` (or `new` when nobody is
// assigned); resolved time, code and note are cleared (history keeps them).
model::Ticket reopen(Context& ctx, model::TicketId id, const std::string& reason);

} // namespace sdesk::ops

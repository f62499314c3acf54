#pragma once

// The change workflow (`sdesk change ...`, docs/sdesk-change.md): assess,
// approve, reject, schedule, review, and opening a standard change from a
// template. Each use case is one write transaction through change_ticket
// (lib/ops/change.hpp); on any error the store is unchanged. Refusals are
// Error(refused) naming the rule (model::k_rule_* in
// lib/model/change_rules.hpp); bad input is Error(usage).

#include "lib/model/change_rules.hpp"
#include "lib/ops/context.hpp"
#include "lib/ops/open_ticket.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sdesk::ops {

// requested -> assessed, recording `risk` (low, medium, high) when given.
model::Ticket assess_change(Context& ctx, model::TicketId id, const std::optional<std::string>& risk);

// What approve_change did.
struct Approval {
  model::Ticket ticket;
  std::int64_t approvals = 0; // approvals given, this one included
  std::int64_t needed = 0;    // approvals the change needs ([change] approvals)
};

// The actor approves change `id` (model::require_may_approve with the
// board of its type). The change moves to approved when it has the
// configured number of approvals; an emergency change moves there at its
// first approval (an ecab member's approval lets it be implemented).
// `comment` is the event's note.
Approval approve_change(Context& ctx, model::TicketId id, const std::optional<std::string>& comment);

// The actor, on the change's board, rejects it: status rejected (final).
model::Ticket reject_change(Context& ctx, model::TicketId id, const std::string& reason);

// Withdraws change `id` before it is implemented: status cancelled (final),
// `reason` as the note. Error(usage) for an empty reason, Error(refused)
// for a ticket that is not a change or a move the change type does not
// allow (from implementing on).
model::Ticket cancel_change(Context& ctx, model::TicketId id, const std::string& reason);

// A window that collides with the one asked for.
struct Collision {
  std::string what; // "freeze 'year-end freeze'" or "change 12 'Swap core switch'"
  model::Window window;
};

// What schedule_change is asked.
struct ScheduleRequest {
  util::Time start;
  util::Time end;
  bool override = false;            // schedule despite collisions
  std::optional<std::string> reason; // required with override
  bool announce = false;             // mail the window to the service's subscribers (ops::announce)
};

// The freezes and the other scheduled or implementing changes on the same
// service whose windows overlap `window` (change `self` excluded). Reads
// the store; the caller holds the transaction.
std::vector<Collision> collisions(Context& ctx, const model::Ticket& self, const model::Window& window);

// approved (or scheduled: a new window) -> scheduled with the planned
// window. Refuses a window that collides (rule change-freeze or
// change-collision, naming the freeze or change and its window) unless
// `override` with a reason, recorded in the event's data. With `announce`,
// also announces the window to the subscribers of the change's service in
// the same transaction (the event's data has "announce": true); refused
// (Error(refused)) for a change without a service or a service without
// subscribers.
model::Ticket schedule_change(Context& ctx, model::TicketId id, const ScheduleRequest& request);

// scheduled -> implementing (ops::start for a change: the actor becomes
// the assignee when there is none). Refuses other kinds.
model::Ticket start_change(Context& ctx, model::TicketId id);

// implementing -> review with `outcome` (successful, failed, backed_out);
// on a change already in review, records the outcome again. `note` is the
// event's note.
model::Ticket review_change(Context& ctx, model::TicketId id, const std::string& outcome,
                            const std::optional<std::string>& note);

// Opens a standard change from template `name` ([change.templates.NAME]);
// `request` carries what the command line adds (its title, when not empty,
// replaces the template's). Throws Error(usage) for an unknown template.
Opened open_from_template(Context& ctx, const std::string& name, OpenRequest request);

} // namespace sdesk::ops

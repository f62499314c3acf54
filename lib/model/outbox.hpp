#pragma once

// The outbox: what is queued for notification (hooks, monitoring replies,
// e-mail) in the transaction that recorded it. Pure: no I/O.

#include "lib/model/action.hpp"
#include "lib/model/ticket.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace sdesk::model {

// One queued notification: an action recorded on a ticket. `event_id` is the
// action's first history event (its key: one row per event at most), `kind`
// the action ("open", "assign", ...), `created` when it was queued (the
// command's time; for an import, the time of the import).
struct OutboxEntry {
  std::int64_t event_id = 0;
  std::string kind;
  TicketId ticket_id = 0;
  Time created{};
};

// Whether an action is worth telling someone about, so that the write path
// queues it: open, assign, start, pending, comment, update, escalate,
// escalate_hierarchical, resolve, close, reopen, sla_warning and
// sla_breach (and change management's actions): what the people on a
// ticket (requester, assignee, queue, management) act on. Not notifiable:
// "import" (another tool's field corrections), "escalate_skipped" (the
// bookkeeping of escalate --auto), and any action not listed, such as
// "link", "unlink" and "migrate". SLA due times recomputed by an action are
// part of that action, not actions of their own.
bool is_notifiable(Action action);

} // namespace sdesk::model

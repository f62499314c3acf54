#pragma once

#include "lib/model/event_data.hpp"
#include "lib/model/ticket.hpp"
#include "lib/ops/context.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sdesk::ops {

// Who should work a ticket: an agent, a group, or both.
struct AssignRequest {
  std::optional<std::string> agent;
  std::optional<std::string> group;
};

// Assigns ticket `id` (status becomes `assigned`). Assigning an agent who
// is not in the ticket's group moves the ticket to the agent's first group;
// naming a group alone routes the ticket to that queue and clears the
// assignee. Throws Error(usage) for unknown names or an agent outside the
// named group, Error(refused) for a resolved or closed ticket.
model::Ticket assign(Context& ctx, model::TicketId id, const AssignRequest& request);

// A functional escalation: to `to`, or to the ticket's group's configured
// `escalates_to`. A hierarchical one: management is informed.
struct EscalateRequest {
  std::optional<std::string> to;
  std::optional<std::string> reason;
  bool hierarchical = false;
  std::vector<std::string> informed; // hierarchical: who was told
};

// Escalates ticket `id`. Functional: moves it to the next tier's group,
// raises its escalation level and clears the assignee. Hierarchical:
// records who was informed and why; the ticket stays where it is. The
// event's data (model::EscalationData) records the groups from and to and
// the level, or who was informed, and the rule that fired. Throws
// Error(refused) past the last tier, for a resolved or closed ticket, or
// for a hierarchical escalation informing nobody.
model::Ticket escalate(Context& ctx, model::TicketId id, const EscalateRequest& request);

// escalate() inside a write transaction the caller holds (escalate --auto),
// for the rule `fired` names (its rule, percent and target; recorded in the
// event's data). Throws as escalate() does, having written nothing.
model::Ticket escalate_in_transaction(Context& ctx, model::TicketId id,
                                      const EscalateRequest& request,
                                      const model::EscalationData& fired);

} // namespace sdesk::ops

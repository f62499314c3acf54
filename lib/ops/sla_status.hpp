#pragma once

#include "lib/model/ticket.hpp"
#include "lib/ops/context.hpp"
#include "lib/sla/policy.hpp"

#include <cstdint>
#include <vector>

namespace sdesk::ops {

// A ticket and its SLA clocks at ctx.now.
struct SlaStatus {
  model::Ticket ticket;
  sla::TicketClock clock; // points into ctx.config
  // The running target (not done) with the largest share used, or null.
  const sla::TargetClock* worst() const;
};

// Reads the open tickets matching `query` (open_only is forced) in one
// snapshot and measures their clocks at ctx.now. Keeps those with a target
// not yet done that is missed or has at least `percent` of its goal used,
// most used first (ties: by id).
std::vector<SlaStatus> tickets_at_risk(Context& ctx, store::TicketQuery query,
                                       std::int64_t percent);

} // namespace sdesk::ops

#include "lib/ops/verify.hpp"

#include "lib/ops/export.hpp"

namespace sdesk::ops {

VerifySummary verify_store(store::TicketStore& store, const VerifyVisit& visit)
{
  VerifySummary summary;
  export_tickets(store, {}, true,
                 [&](const model::Ticket& ticket, std::span<const model::Event> history) {
                   ++summary.checked;
                   const auto violations = model::check_invariants(ticket, history);
                   if (!violations.empty()) {
                     ++summary.failed;
                     visit(ticket, violations);
                   }
                 });
  return summary;
}

} // namespace sdesk::ops

#include "lib/ops/verify.hpp"

#include <limits>

namespace sdesk::ops {

VerifySummary verify_store(store::TicketStore& store, const VerifyVisit& visit,
                           const std::optional<Checkpoint>& against)
{
  VerifySummary summary;
  constexpr auto k_all = std::numeric_limits<std::int64_t>::max();
  CheckpointDigest now(k_all, k_all);
  std::optional<CheckpointDigest> then;
  if (against) {
    then.emplace(against->last_ticket, against->last_event);
  }
  store::Transaction tx(store, store::TxMode::read);
  store.for_each({}, [&](const model::Ticket& ticket) {
    ++summary.checked;
    const model::StoredChain chain = store.chain(ticket.id).value_or(model::StoredChain{});
    const auto violations = model::check_invariants(ticket, chain.events);
    const auto broken = model::check_chain(chain);
    summary.failed += violations.empty() ? 0 : 1;
    summary.broken_chains += broken ? 1 : 0;
    if (!violations.empty() || broken) {
      visit(ticket, violations, broken);
    }
    now.add(ticket.id, chain.events);
    if (then) {
      then->add(ticket.id, chain.events);
    }
    summary.checkpoint.last_ticket = ticket.id;
    for (const model::Event& e : chain.events) {
      summary.checkpoint.last_event = std::max(summary.checkpoint.last_event, e.id);
    }
  });
  tx.commit();
  summary.checkpoint.digest = now.finish();
  if (then) {
    summary.checkpoint_holds = then->finish() == against->digest;
  }
  return summary;
}

} // namespace sdesk::ops

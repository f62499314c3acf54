#pragma once

#include "lib/model/chain.hpp"
#include "lib/model/invariants.hpp"
#include "lib/ops/checkpoint.hpp"
#include "lib/store/ticket_store.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <span>

namespace sdesk::ops {

// What `sdesk verify` found.
struct VerifySummary {
  std::size_t checked = 0;       // tickets read
  std::size_t failed = 0;        // tickets that break at least one invariant
  std::size_t broken_chains = 0; // tickets whose history's hash chain breaks
  // The store's checkpoint now (last ticket and event ids, and the digest
  // over every chain head); meaningful when no chain breaks.
  Checkpoint checkpoint;
  // With a checkpoint to check against: whether the history recorded up to
  // it is unchanged.
  std::optional<bool> checkpoint_holds;
};

// Called for each ticket that breaks an invariant or whose hash chain
// breaks, with every violation and the first break of its chain.
using VerifyVisit = std::function<void(const model::Ticket&, std::span<const model::Violation>,
                                       const std::optional<model::ChainBreak>&)>;

// Checks every stored ticket, in id order, against the invariants
// (lib/model/invariants.hpp) and checks its history's hash chain
// (model::check_chain) in one read snapshot; one ticket and its history
// are in memory at a time, so a store of any size can be checked. Calls
// `visit` for each ticket with a problem. With `against`, also re-derives
// that checkpoint's digest from the history as stored (docs/history.md).
// Writes nothing. Throws Error(store) when the store cannot be read.
VerifySummary verify_store(store::TicketStore& store, const VerifyVisit& visit,
                           const std::optional<Checkpoint>& against = std::nullopt);

} // namespace sdesk::ops

#pragma once

#include "lib/model/invariants.hpp"
#include "lib/store/ticket_store.hpp"

#include <cstddef>
#include <functional>
#include <span>

namespace sdesk::ops {

// What `sdesk verify` found.
struct VerifySummary {
  std::size_t checked = 0; // tickets read
  std::size_t failed = 0;  // tickets that break at least one invariant
};

// Called for each ticket that breaks an invariant, with every violation.
using VerifyVisit =
  std::function<void(const model::Ticket&, std::span<const model::Violation>)>;

// Checks every stored ticket, in id order, against the invariants
// (lib/model/invariants.hpp) in one read snapshot; one ticket and its
// history are in memory at a time, so a store of any size can be checked.
// Calls `visit` for each ticket that breaks one. Writes nothing. Throws
// Error(store) when the store cannot be read.
VerifySummary verify_store(store::TicketStore& store, const VerifyVisit& visit);

} // namespace sdesk::ops

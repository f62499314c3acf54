#pragma once

// Watchers (docs/sdesk-watch.md): agents and addresses that follow a
// ticket; mail from them may add to it, and mail out will tell them.

#include "lib/ops/context.hpp"

#include <string>
#include <vector>

namespace sdesk::ops {

// What watch_ticket did.
struct WatchResult {
  std::vector<std::string> changed;   // added (or removed), as stored
  std::vector<std::string> unchanged; // watchers already (or not watchers)
  std::vector<std::string> watchers;  // the ticket's watchers afterwards
};

// Adds (`add`) or removes each of `who` (agent names or addresses, see
// normalise_watcher) as watchers of ticket `id`, in one write transaction,
// with one history event (action watch or unwatch, data {"who": [...]})
// when anything changed. Throws Error(usage) for a bad name, before
// anything is written; Error(not_found) for an unknown ticket; Error(store).
WatchResult watch_ticket(Context& ctx, model::TicketId id, const std::vector<std::string>& who, bool add);

// The watchers of ticket `id`, sorted; reads in the caller's transaction
// (or its own statement). Throws Error(store).
std::vector<std::string> ticket_watchers(Context& ctx, model::TicketId id);

// Adds `who` (stored form) as watchers of ticket `id` inside the caller's
// write transaction, recording one watch event for the ones that are new;
// returns them.
std::vector<std::string> add_watchers(Context& ctx, model::TicketId id, const std::vector<std::string>& who);

} // namespace sdesk::ops

#pragma once

// Monitoring events (docs/sdesk-event.md): alerts that open, append to,
// resolve and reopen tickets, one ticket per (source, key).

#include "lib/model/alert.hpp"
#include "lib/ops/context.hpp"
#include "lib/store/alert_store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sdesk::ops {

// What one alert did.
struct AlertResult {
  model::Alert alert;
  model::Outcome outcome = model::Outcome::ignored;
  std::optional<model::TicketId> ticket;   // the key's ticket after the alert
  std::optional<model::TicketId> previous; // recurred: the ticket the new one is linked to
};

// The actor that event changes are recorded under: "event:<source>".
std::string event_actor(const std::string& source);

// Handles `alerts` in order, in one write transaction: for each, reads the
// key's state and ticket, decides (model::decide) and writes the ticket's
// changes through the write path and the key's new state into `keys`.
// Changes are recorded by event_actor(source); a person is anyone else but
// "sdesk". Throws Error(usage) for an alert without a source or key, or
// with a multi-line source, key or summary, what the write path throws, or
// Error(store); nothing is stored then.
std::vector<AlertResult> handle_alerts(Context& ctx, store::AlertStore& keys,
                                       const std::vector<model::Alert>& alerts,
                                       const model::AlertPolicy& policy);

// The keys `query` selects, by source then key, in one read transaction.
// Throws Error(store).
std::vector<model::AlertKey> list_alert_keys(Context& ctx, store::AlertStore& keys,
                                             const store::AlertQuery& query);

// A key's state and its history (oldest first).
struct AlertKeyHistory {
  model::AlertKey key;
  std::vector<model::AlertEvent> events;
};

// The state and history of (`source`, `key`), read in one transaction.
// Throws Error(not_found) "event key 'S' 'K' not found" for an unknown key,
// Error(store).
AlertKeyHistory alert_key_history(Context& ctx, store::AlertStore& keys, const std::string& source,
                                  const std::string& key);

// The periodic work of events, for `sdesk tick`: in one write transaction,
// ends the flapping of keys quiet for a whole flap_window (untagging their
// open tickets, and resolving those whose key is resolved, as a resolve
// would) and the downtimes whose end has passed (model::expire). Returns
// how many keys it changed (0: nothing stored). Throws as handle_alerts.
int expire_alert_states(Context& ctx, store::AlertStore& keys, const model::AlertPolicy& policy);

} // namespace sdesk::ops

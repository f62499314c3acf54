#pragma once

#include "lib/model/ticket.hpp"
#include "lib/ops/context.hpp"
#include "lib/ops/write.hpp" // require_invariants, for callers of this header

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::ops {

// What an action records as its event's data (model::Event::data), given
// the ticket before and after the change; nothing for no data.
using EventData =
  std::function<std::optional<std::string>(const model::Ticket& before, const model::Ticket& after)>;

// Loads ticket `id`, or throws Error(not_found) "ticket 42 not found".
model::Ticket load_ticket(store::TicketStore& store, model::TicketId id);

// The one way tickets change. In a single write transaction: loads ticket
// `id`, lets `change` modify a copy (it throws to refuse), stamps `updated`,
// and hands the new state with one history event per changed field, all
// labelled `action`, to the write path (write.hpp), which checks it (the
// lifecycle, the invariants, history in time order) and writes it with its
// outbox row; `note` goes on the first event (or on an event of its own
// when no field changed). Nothing is written when nothing changed and
// there is no note. Returns the ticket as stored. On any error the store is
// unchanged.
//
// SLA: when the change touches what the SLA clocks depend on (status,
// priority, kind, service, group, first response, resolution), the due
// times and business durations are recomputed from the history plus this
// change (sla::refresh), so their changes are recorded under `action` too.
//
// `data`, when given, says what the action did in a form programs read
// (model::Event::data, a JSON object): it is called with the ticket before
// and after the change and its result goes on the first event, with the note.
model::Ticket change_ticket(Context& ctx, model::TicketId id, model::Action action,
                            const std::optional<std::string>& note,
                            const std::function<void(model::Ticket&)>& change,
                            const EventData& data = {});

// change_ticket() inside a write transaction the caller holds (for use
// cases that change several tickets at once). Does not commit; writes
// nothing when `change` throws.
model::Ticket apply_change(Context& ctx, model::TicketId id, model::Action action,
                           const std::optional<std::string>& note,
                           const std::function<void(model::Ticket&)>& change,
                           const EventData& data = {});

// Recomputes the SLA fields of `after` (changed from `before`, not yet
// stored) when an SLA-relevant field differs; `history` is the stored
// history of the ticket. Reads nothing itself.
void refresh_sla(const Context& ctx, const model::Ticket& before, model::Ticket& after,
                 std::vector<model::Event> history);

} // namespace sdesk::ops

#pragma once

#include "lib/model/ticket.hpp"
#include "lib/ops/context.hpp"

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
// `id`, lets `change` modify a copy (it throws to refuse), checks the copy
// against the invariants (require_invariants; a change dated before the
// ticket's last change, `updated`, is refused too), stamps `updated`,
// and writes the new state together with one history event per changed
// field, all labelled `action`; `note` goes on the first of them (or on an
// event of its own when no field changed). Nothing is written when nothing changed and
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

// The shared write path's guard (open, apply_change): throws Error(refused)
// "ticket 42: resolved: ... (rule R)" when `t`, about to be stored with
// events at `at`, would break an invariant of lib/model/invariants.hpp
// that can be checked without reading its history: the rules on its fields,
// and no event before `created`. (The status history stays valid because
// every status change also passes model::require_transition.) A rule that
// `before` (the ticket as stored) already broke, written by an older sdesk
// or by hand, does not block the change: only a new violation does
// (`sdesk verify` lists the old ones).
void require_invariants(const model::Ticket& t, util::Time at,
                        const model::Ticket* before = nullptr);

// Recomputes the SLA fields of `after` (changed from `before`, not yet
// stored) when an SLA-relevant field differs; `history` is the stored
// history of the ticket. Reads nothing itself.
void refresh_sla(const Context& ctx, const model::Ticket& before, model::Ticket& after,
                 std::vector<model::Event> history);

} // namespace sdesk::ops

#pragma once

#include "lib/model/ticket.hpp"
#include "lib/ops/context.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace sdesk::ops {

// Loads ticket `id`, or throws Error(not_found) "ticket 42 not found".
model::Ticket load_ticket(store::TicketStore& store, model::TicketId id);

// The one way tickets change. In a single write transaction: loads ticket
// `id`, lets `change` modify a copy (it throws to refuse), stamps `updated`,
// and writes the new state together with one history event per changed
// field, all labelled `action`; `note` goes on the first of them (or on an
// event of its own when no field changed). Nothing is written when nothing changed and
// there is no note. Returns the ticket as stored. On any error the store is
// unchanged.
model::Ticket change_ticket(Context& ctx, model::TicketId id, std::string_view action,
                            const std::optional<std::string>& note,
                            const std::function<void(model::Ticket&)>& change);

} // namespace sdesk::ops

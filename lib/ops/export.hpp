#pragma once

#include "lib/model/link.hpp"
#include "lib/model/ticket.hpp"
#include "lib/store/ticket_store.hpp"

#include <functional>
#include <span>

namespace sdesk::ops {

// Streams the tickets matching `query`, in its order, to `visit` with their
// history (oldest first; empty unless `with_history`), in one read
// snapshot. One ticket is in memory at a time.
void export_tickets(store::TicketStore& store, const store::TicketQuery& query, bool with_history,
                    const std::function<void(const model::Ticket&, std::span<const model::Event>)>& visit);

// export_tickets() that also passes each ticket's links, seen from it
// (ops::linked_tickets), when `with_history` (empty otherwise).
void export_records(store::TicketStore& store, const store::TicketQuery& query, bool with_history,
                    const std::function<void(const model::Ticket&, std::span<const model::Event>,
                                             std::span<const model::LinkedTicket>)>& visit);

} // namespace sdesk::ops

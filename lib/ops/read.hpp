#pragma once

#include "lib/model/ticket.hpp"
#include "lib/ops/link.hpp"
#include "lib/store/ticket_store.hpp"

#include <functional>
#include <string>
#include <vector>

namespace sdesk::ops {

// A ticket with its whole history and its links, read in one snapshot.
struct TicketRecord {
  model::Ticket ticket;
  std::vector<model::Event> events;
  std::vector<model::LinkedTicket> links;
};

// Reads ticket `id` and its history. Throws Error(not_found).
TicketRecord read_ticket(store::TicketStore& store, model::TicketId id);

// Reads the ticket whose external reference is `ref`, and its history.
// Throws Error(not_found) naming the ref when no ticket has it.
TicketRecord read_ticket_by_ref(store::TicketStore& store, const std::string& ref);

// Streams the tickets matching `query` to `visit`, in one snapshot.
void list_tickets(store::TicketStore& store, const store::TicketQuery& query,
                  const std::function<void(const model::Ticket&)>& visit);

} // namespace sdesk::ops

#pragma once

#include "lib/model/ticket.hpp"
#include "lib/ops/link.hpp"
#include "lib/store/ticket_store.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sdesk::ops {

// A ticket with its whole history and its links, read in one snapshot.
struct TicketRecord {
  model::Ticket ticket;
  std::vector<model::Event> events;
  std::vector<model::LinkedTicket> links;
  std::vector<model::OutboxEntry> outbox; // its queued notifications, when asked for
};

// What to read besides the ticket and its history.
enum class Also { nothing, outbox };

// Reads ticket `id` and its history (and its outbox entries with
// Also::outbox). Throws Error(not_found).
TicketRecord read_ticket(store::TicketStore& store, model::TicketId id, Also also = Also::nothing);

// Reads the ticket whose external reference is `ref`, and its history.
// Throws Error(not_found) naming the ref when no ticket has it.
TicketRecord read_ticket_by_ref(store::TicketStore& store, const std::string& ref,
                                Also also = Also::nothing);

// Streams the outbox to `visit`, oldest first, at most `limit` entries, in
// one snapshot.
void list_outbox(store::TicketStore& store, std::optional<std::int64_t> limit,
                 const std::function<void(const model::OutboxEntry&)>& visit);

// Streams the tickets matching `query` to `visit`, in one snapshot.
void list_tickets(store::TicketStore& store, const store::TicketQuery& query,
                  const std::function<void(const model::Ticket&)>& visit);

} // namespace sdesk::ops

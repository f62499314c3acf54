#include "lib/ops/export.hpp"

#include "lib/ops/link.hpp"

namespace sdesk::ops {

void export_tickets(store::TicketStore& store, const store::TicketQuery& query, bool with_history,
                    const std::function<void(const model::Ticket&, std::span<const model::Event>)>& visit)
{
  store::Transaction tx(store, store::TxMode::read);
  store.for_each(query, [&](const model::Ticket& ticket) {
    if (with_history) {
      const std::vector<model::Event> history = store.events(ticket.id);
      visit(ticket, history);
    } else {
      visit(ticket, {});
    }
  });
  tx.commit();
}

void export_records(store::TicketStore& store, const store::TicketQuery& query, bool with_history,
                    const std::function<void(const model::Ticket&, std::span<const model::Event>,
                                             std::span<const model::LinkedTicket>)>& visit)
{
  store::Transaction tx(store, store::TxMode::read);
  store.for_each(query, [&](const model::Ticket& ticket) {
    if (with_history) {
      const std::vector<model::Event> history = store.events(ticket.id);
      const std::vector<model::LinkedTicket> links = linked_tickets(store, ticket.id);
      visit(ticket, history, links);
    } else {
      visit(ticket, {}, {});
    }
  });
  tx.commit();
}

} // namespace sdesk::ops

#include "lib/ops/read.hpp"

#include "lib/ops/change.hpp"

namespace sdesk::ops {

TicketRecord read_ticket(store::TicketStore& store, model::TicketId id)
{
  store::Transaction tx(store, store::TxMode::read);
  TicketRecord record{load_ticket(store, id), store.events(id)};
  tx.commit();
  return record;
}

void list_tickets(store::TicketStore& store, const store::TicketQuery& query,
                  const std::function<void(const model::Ticket&)>& visit)
{
  store::Transaction tx(store, store::TxMode::read);
  store.for_each(query, visit);
  tx.commit();
}

} // namespace sdesk::ops

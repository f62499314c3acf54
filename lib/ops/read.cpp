#include "lib/ops/read.hpp"

#include "lib/ops/change.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <fmt/format.h>

namespace sdesk::ops {

TicketRecord read_ticket(store::TicketStore& store, model::TicketId id)
{
  store::Transaction tx(store, store::TxMode::read);
  TicketRecord record{load_ticket(store, id), store.events(id), linked_tickets(store, id)};
  tx.commit();
  return record;
}

TicketRecord read_ticket_by_ref(store::TicketStore& store, const std::string& ref)
{
  store::Transaction tx(store, store::TxMode::read);
  const auto id = store.find_by_ref(ref);
  if (!id) {
    throw Error(ErrorKind::not_found,
                fmt::format("no ticket has ref '{}'", util::sanitize_for_terminal(ref)));
  }
  TicketRecord record{load_ticket(store, *id), store.events(*id), linked_tickets(store, *id)};
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

#include "lib/ops/read.hpp"

#include "lib/ops/change.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <fmt/format.h>

namespace sdesk::ops {

TicketRecord read_ticket(store::TicketStore& store, model::TicketId id, Also also)
{
  store::Transaction tx(store, store::TxMode::read);
  TicketRecord record{load_ticket(store, id), store.events(id), linked_tickets(store, id), {}};
  if (also == Also::outbox) {
    record.outbox = store.queued(id);
  }
  tx.commit();
  return record;
}

TicketRecord read_ticket_by_ref(store::TicketStore& store, const std::string& ref, Also also)
{
  store::Transaction tx(store, store::TxMode::read);
  const auto id = store.find_by_ref(ref);
  if (!id) {
    throw Error(ErrorKind::not_found,
                fmt::format("no ticket has ref '{}'", util::sanitize_for_terminal(ref)));
  }
  TicketRecord record{load_ticket(store, *id), store.events(*id), linked_tickets(store, *id), {}};
  if (also == Also::outbox) {
    record.outbox = store.queued(*id);
  }
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

void list_outbox(store::TicketStore& store, std::optional<std::int64_t> limit,
                 const std::function<void(const model::OutboxEntry&)>& visit)
{
  store::Transaction tx(store, store::TxMode::read);
  store.for_each_queued(limit, visit);
  tx.commit();
}

} // namespace sdesk::ops

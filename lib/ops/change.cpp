#include "lib/ops/change.hpp"

#include "lib/util/error.hpp"

#include <fmt/format.h>

namespace sdesk::ops {

model::Ticket load_ticket(store::TicketStore& store, model::TicketId id)
{
  auto ticket = store.find(id);
  if (!ticket) {
    throw Error(ErrorKind::not_found, fmt::format("ticket {} not found", id));
  }
  return std::move(*ticket);
}

model::Ticket change_ticket(Context& ctx, model::TicketId id, std::string_view action,
                            const std::optional<std::string>& note,
                            const std::function<void(model::Ticket&)>& change)
{
  store::Transaction tx(ctx.store, store::TxMode::write);
  const model::Ticket before = load_ticket(ctx.store, id);
  model::Ticket after = before;
  change(after);

  std::vector<model::Event> events;
  for (auto& field : model::diff(before, after)) {
    // The note belongs to the action, so it is written once, on its first row.
    events.push_back({0, id, ctx.now, ctx.actor, std::string(action), std::move(field.field),
                      std::move(field.old_value), std::move(field.new_value),
                      events.empty() ? note : std::nullopt});
  }
  if (events.empty() && note) {
    events.push_back({0, id, ctx.now, ctx.actor, std::string(action), std::nullopt, std::nullopt,
                      std::nullopt, note});
  }
  if (events.empty()) {
    return before; // nothing to record: an idempotent repeat
  }
  after.updated = ctx.now;
  ctx.store.update(after);
  ctx.store.append(events);
  tx.commit();
  return after;
}

} // namespace sdesk::ops

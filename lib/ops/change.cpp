#include "lib/ops/change.hpp"

#include "lib/sla/policy.hpp"
#include "lib/util/error.hpp"
#include "lib/util/time.hpp"

#include <algorithm>

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

namespace {

// Whether the SLA clocks of a ticket can differ between `a` and `b`.
bool sla_inputs_differ(const model::Ticket& a, const model::Ticket& b)
{
  return a.status != b.status || a.priority != b.priority || a.kind != b.kind
         || a.service != b.service || a.group != b.group || a.first_response != b.first_response
         || a.resolved != b.resolved || a.created != b.created;
}

} // namespace

void refresh_sla(const Context& ctx, const model::Ticket& before, model::Ticket& after,
                 std::vector<model::Event> history)
{
  // The status change being made is part of the history the clock reads.
  if (after.status != before.status) {
    history.push_back({0, after.id, ctx.now, ctx.actor, model::Action::update, "status",
                       std::string(model::to_string(before.status)),
                       std::string(model::to_string(after.status)), std::nullopt, std::nullopt});
  }
  sla::refresh(ctx.config.sla, after, history);
}

model::Ticket apply_change(Context& ctx, model::TicketId id, model::Action action,
                           const std::optional<std::string>& note,
                           const std::function<void(model::Ticket&)>& change,
                           const EventData& data)
{
  const model::Ticket before = load_ticket(ctx.store, id);
  if (ctx.clock && before.updated > ctx.now) {
    // This command read the clock, then waited for its turn while another
    // writer changed the ticket (a row lock on PostgreSQL, the writers'
    // queue on SQLite): it acts now, and never before that change (another
    // host's clock may run ahead), so that history stays in time order.
    ctx.now = std::max(util::now(), before.updated);
  }
  model::Ticket after = before;
  change(after);
  if (sla_inputs_differ(before, after)) {
    refresh_sla(ctx, before, after, ctx.store.events(id));
  }

  ChangeSet set;
  auto& events = set.events;
  for (auto& field : model::diff(before, after)) {
    // The note belongs to the action, so it is written once, on its first row.
    events.push_back({0, id, ctx.now, ctx.actor, action, std::move(field.field),
                      std::move(field.old_value), std::move(field.new_value),
                      events.empty() ? note : std::nullopt, std::nullopt});
  }
  const std::optional<std::string> described = data ? data(before, after) : std::nullopt;
  if (events.empty() && (note || described)) {
    events.push_back({0, id, ctx.now, ctx.actor, action, std::nullopt, std::nullopt,
                      std::nullopt, note, std::nullopt});
  }
  if (!events.empty()) {
    events.front().data = described; // the data belongs to the action: on its first row
  }
  if (events.empty()) {
    return before; // nothing to record: an idempotent repeat
  }
  after.updated = ctx.now;
  set.records.push_back({before, std::move(after)});
  write_changes(ctx, set);
  return std::move(set.records.front().after);
}

model::Ticket change_ticket(Context& ctx, model::TicketId id, model::Action action,
                            const std::optional<std::string>& note,
                            const std::function<void(model::Ticket&)>& change,
                            const EventData& data)
{
  store::Transaction tx(ctx.store, store::TxMode::write);
  model::Ticket after = apply_change(ctx, id, action, note, change, data);
  tx.commit();
  return after;
}

} // namespace sdesk::ops

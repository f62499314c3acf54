#include "lib/ops/change.hpp"

#include "lib/model/invariants.hpp"
#include "lib/model/lifecycle.hpp"
#include "lib/sla/policy.hpp"
#include "lib/util/error.hpp"

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

void require_invariants(const model::Ticket& t, util::Time at, const model::Ticket* before)
{
  auto violations = model::check_fields(t);
  if (at < t.created) {
    violations.push_back({"history", model::k_rule_history_order,
                          fmt::format("an event at {} would be before created ({})",
                                      util::format_time(at), util::format_time(t.created))});
  }
  const auto known = before ? model::check_fields(*before) : std::vector<model::Violation>{};
  for (const model::Violation& v : violations) {
    const bool old = std::any_of(known.begin(), known.end(), [&](const model::Violation& k) {
      return k.field == v.field && k.rule == v.rule;
    });
    if (!old) {
      throw Error(ErrorKind::refused, fmt::format("ticket {}: {}", t.id, model::describe(v)));
    }
  }
}

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
  model::Ticket after = before;
  change(after);
  if (after.status != before.status) {
    model::require_transition(id, before.status, after.status);
  }
  require_invariants(after, ctx.now, &before);
  if (sla_inputs_differ(before, after)) {
    refresh_sla(ctx, before, after, ctx.store.events(id));
  }

  std::vector<model::Event> events;
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
  if (ctx.now < before.updated) { // history in time order, without reading it
    throw Error(ErrorKind::refused,
                fmt::format("ticket {}: history: an event at {} would be before its last change ({}) "
                            "(rule {})",
                            id, util::format_time(ctx.now), util::format_time(before.updated),
                            model::k_rule_history_order));
  }
  after.updated = ctx.now;
  ctx.store.update(after);
  ctx.store.append(events);
  return after;
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

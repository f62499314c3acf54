#include "lib/ops/auto_escalate.hpp"

#include "lib/model/record_type.hpp"
#include "lib/ops/change.hpp"
#include "lib/ops/escalation_check.hpp"
#include "lib/ops/routing.hpp"
#include "lib/ops/write.hpp"
#include "lib/util/error.hpp"

#include <algorithm>
#include <chrono>
#include <optional>

#include <fmt/format.h>

namespace sdesk::ops {

namespace {

// What the events of `action` record about the rule that fired.
model::EscalationData fired(const AutoAction& action)
{
  model::EscalationData data;
  data.rule = action.rule;
  data.percent = action.percent;
  data.target = std::string(sla::to_string(action.target));
  return data;
}

// Records in the history of ticket `id` that `action` (a skipped rule) was
// reported, so that the next run does not report it again. The ticket
// itself does not change (not even `updated`): nothing happened to it.
void record_skip(Context& ctx, model::TicketId id, const AutoAction& action)
{
  model::Event e;
  e.ticket_id = id;
  e.at = ctx.now;
  e.actor = ctx.actor;
  e.action = model::Action::escalate_skipped;
  e.new_value = action.rule;
  model::EscalationData data = fired(action);
  data.reason = action.skipped.value_or("");
  e.data = model::to_json(data);
  e.note = fmt::format("{}{}% of {} target) could not apply: {}", auto_note_prefix(action.rule),
                       action.percent, sla::to_string(action.target), action.skipped.value_or(""));
  ChangeSet set; // an event only: the ticket does not change
  set.events.push_back(std::move(e));
  write_changes(ctx, set);
}

// The tickets the write pass looks at (inside the caller's transaction):
// every open ticket when the watch was not swept under `fingerprint` (a
// new store, a changed configuration, a large import), else those the
// watch says are due at ctx.now. By id.
std::vector<model::TicketId> to_look_at(const Context& ctx, store::EscalationWatchStore& watch,
                                        const std::string& fingerprint)
{
  if (watch.swept_under() == fingerprint) {
    return watch.due(ctx.now);
  }
  std::vector<model::TicketId> ids;
  store::TicketQuery query;
  query.open_only = true;
  ctx.store.for_each(query, [&ids](const model::Ticket& ticket) { ids.push_back(ticket.id); });
  return ids;
}

// Whether auto_escalate has anything to write or report at ctx.now (inside
// the caller's read transaction): a rule that needs action (needs_action)
// for an open ticket. Looks at every open ticket when the watch was not
// swept under `fingerprint` (their rows from one scan), else at the
// tickets the watch says are due; reads the history only of those a rule
// may fire for. Counts the tickets it looked at in `stats`.
bool anything_due(const Context& ctx, store::EscalationWatchStore& watch, const std::string& fingerprint,
                  AutoEscalateStats& stats)
{
  std::vector<model::Ticket> candidates;
  const auto consider = [&ctx, &candidates, &stats](const model::Ticket& ticket) {
    ++stats.looked_at;
    if (any_may_fire(ctx, ticket)) {
      candidates.push_back(ticket);
    }
  };
  stats.swept = watch.swept_under() != fingerprint;
  if (stats.swept) {
    store::TicketQuery query;
    query.open_only = true;
    ctx.store.for_each(query, consider); // histories after the scan, not inside it
  } else {
    for (const model::TicketId id : watch.due(ctx.now)) {
      const std::optional<model::Ticket> ticket = ctx.store.find(id);
      if (ticket && model::record_type(ticket->kind).is_open(ticket->status)) {
        consider(*ticket);
      }
    }
  }
  return std::any_of(candidates.begin(), candidates.end(), [&ctx](const model::Ticket& ticket) {
    return needs_action(ctx, ticket, ctx.store.events(ticket.id));
  });
}

// Records what a rule with action "notify" saw (inside the caller's
// transaction): sla_breach at 100% or more of the target, else
// sla_warning; an event only, the ticket does not change. The outbox row
// it queues is what mail out tells the group ([mail.notify]).
void record_sla_event(Context& ctx, model::TicketId id, AutoAction& action)
{
  const model::Action what = action.percent >= 100 ? model::Action::sla_breach : model::Action::sla_warning;
  model::Event e;
  e.ticket_id = id;
  e.at = ctx.now;
  e.actor = ctx.actor;
  e.action = what;
  e.new_value = action.rule;
  e.data = model::to_json(fired(action));
  e.note = fmt::format("{}{}% of {} target): {}", auto_note_prefix(action.rule), action.percent,
                       sla::to_string(action.target), what == model::Action::sla_breach ? "SLA breached" : "SLA warning");
  ChangeSet set;
  set.events.push_back(std::move(e));
  write_changes(ctx, set);
  action.recorded = what;
}

// Applies `rule` to `ticket` (inside the caller's transaction); fills
// `action`. Returns whether anything was written.
bool apply_rule(Context& ctx, const model::Ticket& ticket, const config::EscalationRule& rule,
                AutoAction& action)
{
  if (rule.notify) {
    record_sla_event(ctx, ticket.id, action);
    return true;
  }
  EscalateRequest request;
  request.reason = fmt::format("{}{}% of {} target)", auto_note_prefix(rule.name), action.percent,
                               sla::to_string(rule.target));
  request.hierarchical = rule.hierarchical;
  request.informed = rule.inform;
  if (!rule.hierarchical) {
    const config::Group* group = ticket.group ? ctx.config.find_group(*ticket.group) : nullptr;
    if (group == nullptr || !group->escalates_to) {
      action.skipped = fmt::format("at the last tier: group '{}' escalates to no group",
                                   ticket.group.value_or("(none)"));
      return false;
    }
  }
  try {
    const model::Ticket after = escalate_in_transaction(ctx, ticket.id, request, fired(action));
    if (!rule.hierarchical) {
      action.to = after.group;
    }
    return true;
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::refused) {
      throw;
    }
    action.skipped = e.what();
    return false;
  }
}

} // namespace

std::string auto_note_prefix(std::string_view rule)
{
  return fmt::format("auto: rule {} (", rule);
}

std::vector<AutoAction> auto_escalate(Context& ctx, bool dry_run, AutoEscalateStats* stats)
{
  std::vector<AutoAction> actions;
  const auto& rules = ctx.config.escalation_rules;
  if (rules.empty()) {
    return actions;
  }
  const std::string fingerprint = escalation_fingerprint(ctx.config);
  store::EscalationWatchStore& watch = ctx.backend.escalation_watch();
  {
    // Decide in a read transaction first, so that a run with nothing due
    // takes no write lock and writes nothing (as the recurring step); the
    // write transaction below decides again, as other writers may have
    // changed tickets since.
    store::Transaction read(ctx.store, store::TxMode::read);
    AutoEscalateStats looked;
    const bool any = anything_due(ctx, watch, fingerprint, looked);
    if (stats != nullptr) {
      *stats = looked;
    }
    if (!any) {
      return actions;
    }
  }
  store::Transaction tx(ctx.store, store::TxMode::write);
  const bool sweep = watch.swept_under() != fingerprint;
  if (sweep) {
    watch.lock_for_sweep(); // every ticket written before, none after unmarked
  }
  for (const model::TicketId id : to_look_at(ctx, watch, fingerprint)) {
    // Read again here: in PostgreSQL this locks the row, so that a writer
    // of the ticket marks it due after this run's judgement, not before.
    std::optional<model::Ticket> ticket = ctx.store.find(id);
    if (!ticket || !model::record_type(ticket->kind).is_open(ticket->status)) {
      watch.set_next_check(id, std::nullopt); // not open: not until it changes
      continue;
    }
    const bool read_history = any_may_fire(ctx, *ticket);
    std::vector<model::Event> events = read_history ? ctx.store.events(id) : std::vector<model::Event>{};
    for (const config::EscalationRule& rule : rules) {
      const std::optional<sla::TargetClock> target =
        read_history ? due(ctx, *ticket, events, rule) : std::nullopt;
      if (!target) {
        continue;
      }
      AutoAction action{id, rule.name, rule.target, target->percent(), rule.hierarchical,
                        std::nullopt, rule.hierarchical ? rule.inform : std::vector<std::string>{},
                        std::nullopt, std::nullopt};
      if (apply_rule(ctx, *ticket, rule, action)) {
        ticket = load_ticket(ctx.store, id);
        events = ctx.store.events(id);
      } else if (skip_reported(events, rule.name)) {
        continue; // reported by an earlier run; tried again silently
      } else {
        record_skip(ctx, id, action);
        events = ctx.store.events(id);
      }
      actions.push_back(std::move(action));
    }
    // After this ticket's own writes, which marked it due.
    watch.set_next_check(id, next_check(ctx, *ticket, read_history ? &events : nullptr));
  }
  if (sweep) {
    watch.set_swept_under(fingerprint);
  }
  if (!dry_run) {
    tx.commit();
  }
  return actions;
}

} // namespace sdesk::ops

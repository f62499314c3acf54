#include "lib/ops/auto_escalate.hpp"

#include "lib/ops/change.hpp"
#include "lib/ops/routing.hpp"
#include "lib/ops/write.hpp"
#include "lib/util/error.hpp"

#include <algorithm>
#include <chrono>
#include <optional>

#include <fmt/format.h>

namespace sdesk::ops {

namespace {

// The rule named in the data of `e`, an event of one of `actions`.
std::optional<std::string> rule_of(const model::Event& e, std::initializer_list<model::Action> actions)
{
  if (!e.data || std::find(actions.begin(), actions.end(), e.action) == actions.end()) {
    return std::nullopt;
  }
  const auto data = model::parse_escalation_data(*e.data);
  return data ? data->rule : std::nullopt;
}

// Whether `rule` has already fired for the ticket with history `events`:
// an escalation whose data names it (never the note, which people write).
bool has_fired(const std::vector<model::Event>& events, std::string_view rule)
{
  return std::any_of(events.begin(), events.end(), [rule](const model::Event& e) {
    return rule_of(e, {model::Action::escalate, model::Action::escalate_hierarchical, model::Action::sla_warning,
                       model::Action::sla_breach}) == rule;
  });
}

// Whether the history `events` records that `rule` was reported as unable
// to apply (an escalate_skipped event whose data names it).
bool skip_reported(const std::vector<model::Event>& events, std::string_view rule)
{
  return std::any_of(events.begin(), events.end(), [rule](const model::Event& e) {
    return rule_of(e, {model::Action::escalate_skipped}) == rule;
  });
}

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

// The target `rule` watches, if the ticket has it and it is still running.
const sla::TargetClock* watched(const sla::TicketClock& clock, const config::EscalationRule& rule)
{
  const auto& target = rule.target == sla::Target::response ? clock.response : clock.resolution;
  return target && !target->done ? &*target : nullptr;
}

// Whether `rule` may fire for `ticket` at `now`, judged from the ticket row
// alone (no history): a necessary condition of the exact check in
// auto_escalate, so that only the tickets that pass it need their history
// read and their clock measured. The rule applies to the ticket; the
// ticket's policy (selected from the current configuration, as
// sla::evaluate does) has the rule's target for its priority; the target is
// not done (sla::evaluate's rule: the response at the first response or
// resolution, the resolution at resolution); and more than `percent` of the
// goal has passed in wall-clock time since `created`: business time is
// wall time minus closed hours and pauses, so it never runs ahead of the
// wall clock, and a rule whose target used is not past `percent` of the
// goal in wall time cannot be past it in business time.
bool may_fire(const sla::Settings& settings, const model::Ticket& ticket,
              const config::EscalationRule& rule, sla::Time now)
{
  if (!rule.applies_to(ticket.priority, ticket.kind, ticket.group, ticket.service)) {
    return false;
  }
  const bool done = rule.target == sla::Target::response
                      ? ticket.first_response.has_value() || ticket.resolved.has_value()
                      : ticket.resolved.has_value();
  const sla::Policy* policy = done ? nullptr : sla::select_policy(settings, ticket);
  if (policy == nullptr) {
    return false;
  }
  const auto& goals = rule.target == sla::Target::response ? policy->response : policy->resolution;
  const auto goal = goals.find(ticket.priority);
  if (goal == goals.end()) {
    return false;
  }
  const auto wall = std::chrono::duration_cast<std::chrono::seconds>(now - ticket.created);
  return wall.count() * 100 > rule.percent * goal->second.count();
}

// Whether a functional `rule` is certain to be skipped for `ticket`: its
// group escalates to no group (apply_rule's first refusal).
bool at_last_tier(const Context& ctx, const model::Ticket& ticket, const config::EscalationRule& rule)
{
  if (rule.hierarchical || rule.notify) {
    return false;
  }
  const config::Group* group = ticket.group ? ctx.config.find_group(*ticket.group) : nullptr;
  return group == nullptr || !group->escalates_to;
}

// The clock of `rule`'s target when the rule is due for `ticket` at
// ctx.now with history `events`: it applies, has not fired yet, and more
// than `percent` of its target is used (at exactly 100% the target is not
// missed yet). Otherwise empty.
std::optional<sla::TargetClock> due(const Context& ctx, const model::Ticket& ticket,
                                    const std::vector<model::Event>& events,
                                    const config::EscalationRule& rule)
{
  if (!may_fire(ctx.config.sla, ticket, rule, ctx.now) || has_fired(events, rule.name)) {
    return std::nullopt;
  }
  const sla::TicketClock clock = sla::evaluate(ctx.config.sla, ticket, events, ctx.now);
  const sla::TargetClock* target = watched(clock, rule);
  if (target == nullptr || target->used.count() * 100 <= rule.percent * target->goal.count()) {
    return std::nullopt;
  }
  return *target;
}

// Whether any rule may fire for `ticket` (may_fire), so that its history is
// worth reading.
bool any_may_fire(const Context& ctx, const model::Ticket& ticket)
{
  return std::any_of(ctx.config.escalation_rules.begin(), ctx.config.escalation_rules.end(),
                     [&](const config::EscalationRule& rule) {
                       return may_fire(ctx.config.sla, ticket, rule, ctx.now);
                     });
}

// The open tickets a rule may fire for (any_may_fire), in id order. Their
// histories are read after the scan, not during it.
std::vector<model::Ticket> candidates(const Context& ctx)
{
  std::vector<model::Ticket> found;
  store::TicketQuery query;
  query.open_only = true;
  ctx.store.for_each(query, [&ctx, &found](const model::Ticket& ticket) {
    if (any_may_fire(ctx, ticket)) {
      found.push_back(ticket);
    }
  });
  return found;
}

// Whether auto_escalate has anything to write or report at ctx.now (inside
// the caller's read transaction): a rule due for an open ticket, unless it
// is certain to be skipped again silently (at the last tier, its skip
// reported already). Reads only the history of the candidates.
bool anything_due(const Context& ctx)
{
  for (const model::Ticket& ticket : candidates(ctx)) {
    const std::vector<model::Event> events = ctx.store.events(ticket.id);
    for (const config::EscalationRule& rule : ctx.config.escalation_rules) {
      if (due(ctx, ticket, events, rule)
          && (!at_last_tier(ctx, ticket, rule) || !skip_reported(events, rule.name))) {
        return true;
      }
    }
  }
  return false;
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

std::vector<AutoAction> auto_escalate(Context& ctx, bool dry_run)
{
  std::vector<AutoAction> actions;
  const auto& rules = ctx.config.escalation_rules;
  if (rules.empty()) {
    return actions;
  }
  {
    // Decide in a read transaction first, so that a run with nothing due
    // takes no write lock (as the recurring step); the write transaction
    // below decides again, as other writers may have changed tickets since.
    store::Transaction read(ctx.store, store::TxMode::read);
    if (!anything_due(ctx)) {
      return actions;
    }
  }
  store::Transaction tx(ctx.store, store::TxMode::write);
  for (model::Ticket& ticket : candidates(ctx)) {
    std::vector<model::Event> events = ctx.store.events(ticket.id);
    for (const config::EscalationRule& rule : rules) {
      const std::optional<sla::TargetClock> target = due(ctx, ticket, events, rule);
      if (!target) {
        continue;
      }
      AutoAction action{ticket.id, rule.name, rule.target, target->percent(), rule.hierarchical,
                        std::nullopt, rule.hierarchical ? rule.inform : std::vector<std::string>{},
                        std::nullopt, std::nullopt};
      if (apply_rule(ctx, ticket, rule, action)) {
        ticket = load_ticket(ctx.store, ticket.id);
        events = ctx.store.events(ticket.id);
      } else if (skip_reported(events, rule.name)) {
        continue; // reported by an earlier run; tried again silently
      } else {
        record_skip(ctx, ticket.id, action);
      }
      actions.push_back(std::move(action));
    }
  }
  if (!dry_run) {
    tx.commit();
  }
  return actions;
}

} // namespace sdesk::ops

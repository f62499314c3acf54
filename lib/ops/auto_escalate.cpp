#include "lib/ops/auto_escalate.hpp"

#include "lib/ops/change.hpp"
#include "lib/ops/routing.hpp"
#include "lib/ops/write.hpp"
#include "lib/util/error.hpp"

#include <algorithm>

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
    return rule_of(e, {model::Action::escalate, model::Action::escalate_hierarchical}) == rule;
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

// Applies `rule` to `ticket` (inside the caller's transaction); fills
// `action`. Returns whether anything was written.
bool apply_rule(Context& ctx, const model::Ticket& ticket, const config::EscalationRule& rule,
                AutoAction& action)
{
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
  store::Transaction tx(ctx.store, store::TxMode::write);
  std::vector<model::Ticket> open;
  store::TicketQuery query;
  query.open_only = true;
  ctx.store.for_each(query, [&open](const model::Ticket& t) { open.push_back(t); });
  for (model::Ticket& ticket : open) {
    std::vector<model::Event> events = ctx.store.events(ticket.id);
    for (const config::EscalationRule& rule : rules) {
      if (has_fired(events, rule.name)
          || !rule.applies_to(ticket.priority, ticket.kind, ticket.group, ticket.service)) {
        continue;
      }
      const sla::TicketClock clock = sla::evaluate(ctx.config.sla, ticket, events, ctx.now);
      const sla::TargetClock* target = watched(clock, rule);
      // More than `percent` used: at exactly 100% the target is not missed yet.
      if (target == nullptr || target->used.count() * 100 <= rule.percent * target->goal.count()) {
        continue;
      }
      AutoAction action{ticket.id, rule.name, rule.target, target->percent(), rule.hierarchical,
                        std::nullopt, rule.hierarchical ? rule.inform : std::vector<std::string>{},
                        std::nullopt};
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

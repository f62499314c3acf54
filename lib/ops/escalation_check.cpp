#include "lib/ops/escalation_check.hpp"

#include "lib/model/event_data.hpp"
#include "lib/util/sha256.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <initializer_list>

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

// The target `rule` watches, if the ticket has it and it is still running.
const sla::TargetClock* watched(const sla::TicketClock& clock, const config::EscalationRule& rule)
{
  const auto& target = rule.target == sla::Target::response ? clock.response : clock.resolution;
  return target && !target->done ? &*target : nullptr;
}

// The goal of `rule`'s target for `ticket` when the rule applies to it and
// the target is not done (may_fire without the time test); else nothing.
std::optional<std::chrono::seconds> goal_of(const sla::Settings& settings, const model::Ticket& ticket,
                                            const config::EscalationRule& rule)
{
  if (!rule.applies_to(ticket.priority, ticket.kind, ticket.group, ticket.service)) {
    return std::nullopt;
  }
  const bool done = rule.target == sla::Target::response
                      ? ticket.first_response.has_value() || ticket.resolved.has_value()
                      : ticket.resolved.has_value();
  const sla::Policy* policy = done ? nullptr : sla::select_policy(settings, ticket);
  if (policy == nullptr) {
    return std::nullopt;
  }
  const auto& goals = rule.target == sla::Target::response ? policy->response : policy->resolution;
  const auto goal = goals.find(ticket.priority);
  if (goal == goals.end()) {
    return std::nullopt;
  }
  return goal->second;
}

// The most seconds of `goal` a rule at `percent` lets pass without firing:
// it fires once used x 100 > percent x goal.
std::chrono::seconds allowed(std::int64_t percent, std::chrono::seconds goal)
{
  return std::chrono::seconds(percent * goal.count() / 100);
}

// The configuration sections the judgements read (escalation_fingerprint).
constexpr std::array<std::string_view, 4> k_judged_sections{"calendars.", "escalation.", "groups.", "sla."};

// Bump when the judgement itself changes, so that stored watches are
// recomputed by the new code.
constexpr std::string_view k_judgement_version = "escalation-watch 1\n";

} // namespace

bool has_fired(const std::vector<model::Event>& events, std::string_view rule)
{
  return std::any_of(events.begin(), events.end(), [rule](const model::Event& e) {
    return rule_of(e, {model::Action::escalate, model::Action::escalate_hierarchical, model::Action::sla_warning,
                       model::Action::sla_breach}) == rule;
  });
}

bool skip_reported(const std::vector<model::Event>& events, std::string_view rule)
{
  return std::any_of(events.begin(), events.end(), [rule](const model::Event& e) {
    return rule_of(e, {model::Action::escalate_skipped}) == rule;
  });
}

bool may_fire(const sla::Settings& settings, const model::Ticket& ticket,
              const config::EscalationRule& rule, sla::Time now)
{
  const auto goal = goal_of(settings, ticket, rule);
  if (!goal) {
    return false;
  }
  const auto wall = std::chrono::duration_cast<std::chrono::seconds>(now - ticket.created);
  return wall.count() * 100 > rule.percent * goal->count();
}

bool any_may_fire(const Context& ctx, const model::Ticket& ticket)
{
  return std::any_of(ctx.config.escalation_rules.begin(), ctx.config.escalation_rules.end(),
                     [&](const config::EscalationRule& rule) {
                       return may_fire(ctx.config.sla, ticket, rule, ctx.now);
                     });
}

bool at_last_tier(const Context& ctx, const model::Ticket& ticket, const config::EscalationRule& rule)
{
  if (rule.hierarchical || rule.notify) {
    return false;
  }
  const config::Group* group = ticket.group ? ctx.config.find_group(*ticket.group) : nullptr;
  return group == nullptr || !group->escalates_to;
}

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

bool needs_action(const Context& ctx, const model::Ticket& ticket, const std::vector<model::Event>& events)
{
  return std::any_of(ctx.config.escalation_rules.begin(), ctx.config.escalation_rules.end(),
                     [&](const config::EscalationRule& rule) {
                       return due(ctx, ticket, events, rule)
                              && (!at_last_tier(ctx, ticket, rule) || !skip_reported(events, rule.name));
                     });
}

std::optional<util::Time> next_check(const Context& ctx, const model::Ticket& ticket,
                                     const std::vector<model::Event>* events)
{
  std::optional<util::Time> next;
  const auto earliest = [&next](util::Time at) {
    if (!next || at < *next) {
      next = at;
    }
  };
  std::optional<sla::TicketClock> clock; // measured once, when a rule needs it
  for (const config::EscalationRule& rule : ctx.config.escalation_rules) {
    const auto goal = goal_of(ctx.config.sla, ticket, rule);
    if (!goal) {
      continue; // not until the ticket changes
    }
    if (!may_fire(ctx.config.sla, ticket, rule, ctx.now)) {
      earliest(ticket.created + allowed(rule.percent, *goal) + std::chrono::seconds(1));
      continue;
    }
    if (events == nullptr) {
      earliest(ctx.now); // not judged: look again
      continue;
    }
    if (has_fired(*events, rule.name)) {
      continue;
    }
    if (!clock) {
      clock = sla::evaluate(ctx.config.sla, ticket, *events, ctx.now);
    }
    const sla::TargetClock* target = watched(*clock, rule);
    if (target == nullptr) {
      continue; // done by the history: not until the ticket changes
    }
    if (target->used.count() * 100 > rule.percent * target->goal.count()) {
      if (!skip_reported(*events, rule.name)) {
        earliest(ctx.now); // due and not acted on yet: the next run acts
      }
      continue; // could not apply: tried again once the ticket or the configuration changes
    }
    earliest(ctx.now + (allowed(rule.percent, target->goal) - target->used) + std::chrono::seconds(1));
  }
  return next;
}

std::string escalation_fingerprint(const config::Config& config)
{
  util::Sha256 hash;
  hash.update(k_judgement_version);
  for (const config::Setting& setting : config.settings) {
    const bool judged = std::any_of(k_judged_sections.begin(), k_judged_sections.end(),
                                    [&](std::string_view prefix) { return setting.key.starts_with(prefix); });
    if (judged) {
      hash.update(setting.key).update("=").update(setting.value).update("\n");
    }
  }
  return util::to_hex(hash.finish());
}

} // namespace sdesk::ops

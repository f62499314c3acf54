#include "lib/ops/routing.hpp"

#include "lib/model/lifecycle.hpp"
#include "lib/model/record_type.hpp"
#include "lib/ops/change.hpp"
#include "lib/ops/validate.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::ops {

namespace {

bool is_member(const config::Agent& agent, const std::string& group)
{
  return std::find(agent.groups.begin(), agent.groups.end(), group) != agent.groups.end();
}

void require_open(const model::Ticket& t, std::string_view verb)
{
  if (!model::record_type(t.kind).is_open(t.status)) {
    throw Error(ErrorKind::refused,
                fmt::format("ticket {} is {}; only open tickets can be {} (reopen it first)", t.id,
                            model::to_string(t.status), verb));
  }
}

} // namespace

model::Ticket assign(Context& ctx, model::TicketId id, const AssignRequest& request)
{
  if (!request.agent && !request.group) {
    throw Error(ErrorKind::usage, "assign: name an agent, --group GROUP, or --me");
  }
  const config::Agent* agent =
    request.agent ? require_agent(ctx.config, *request.agent, "agent") : nullptr;
  const config::Group* group =
    request.group ? &require_group(ctx.config, *request.group, "--group") : nullptr;
  if (group) {
    require_member(agent, group->name, "--group");
  }
  return change_ticket(ctx, id, model::Action::assign, std::nullopt, [&](model::Ticket& t) {
    require_open(t, "assigned");
    if (group) {
      t.group = group->name;
    } else if (agent && !agent->groups.empty() && (!t.group || !is_member(*agent, *t.group))) {
      t.group = agent->groups.front();
    }
    t.assignee = request.agent;
    // The type says what assignment does to the status (incidents: new
    // stays new while only a group is set; otherwise assigned); nothing =
    // the status is kept.
    const model::RecordType& type = model::record_type(t.kind);
    if (type.moves.assign && (t.assignee || t.status != type.initial)) {
      model::require_transition(t.id, t.kind, t.status, *type.moves.assign);
      t.status = *type.moves.assign;
    }
  });
}

namespace {

// "1", "2", "3" or "vendor", as config files write tiers.
std::string tier_name(int tier)
{
  return tier == config::k_vendor_tier ? "vendor" : std::to_string(tier);
}

// change_ticket or apply_change.
using Changer = model::Ticket (*)(Context&, model::TicketId, model::Action,
                                  const std::optional<std::string>&,
                                  const std::function<void(model::Ticket&)>&, const EventData&);

model::Ticket escalate_via(Changer change, Context& ctx, model::TicketId id,
                           const EscalateRequest& request, const model::EscalationData& fired)
{
  if (request.hierarchical) {
    if (request.informed.empty()) {
      throw Error(ErrorKind::usage, "escalate --hierarchical: name who was informed with --inform");
    }
    for (const auto& name : request.informed) {
      require_one_line(name, "--inform");
    }
    if (request.to) {
      throw Error(ErrorKind::usage,
                  "escalate: --to is for functional escalation; --hierarchical keeps the group");
    }
    // No field changes: the event itself is the record, with who was told.
    const std::string note = fmt::format("informed: {}{}", util::join(request.informed, ", "),
                                         request.reason ? "; " + *request.reason : "");
    model::EscalationData data = fired;
    data.informed = request.informed;
    const std::string json = model::to_json(data);
    return change(
      ctx, id, model::Action::escalate_hierarchical, note,
      [&](model::Ticket& t) { require_open(t, "escalated"); },
      [&](const model::Ticket&, const model::Ticket&) { return std::optional<std::string>(json); });
  }
  const config::Group* target =
    request.to ? &require_group(ctx.config, *request.to, "--to") : nullptr;
  const EventData data = [&fired](const model::Ticket& before, const model::Ticket& after) {
    model::EscalationData d = fired;
    d.from = before.group;
    d.to = after.group;
    d.level = after.escalation_level;
    return std::optional<std::string>(model::to_json(d));
  };
  return change(ctx, id, model::Action::escalate, request.reason, [&](model::Ticket& t) {
    require_open(t, "escalated");
    const config::Group* current = t.group ? ctx.config.find_group(*t.group) : nullptr;
    if (!target) {
      if (!current || !current->escalates_to) {
        throw Error(ErrorKind::refused,
                    fmt::format("ticket {} is at the last tier: group '{}'{} escalates to no "
                                "group (use --to GROUP, or --hierarchical to inform management)",
                                t.id, t.group.value_or("(none)"),
                                current ? fmt::format(" (tier {})", tier_name(current->tier)) : ""));
      }
      target = ctx.config.find_group(*current->escalates_to);
    }
    if (t.group == target->name) {
      throw Error(ErrorKind::refused,
                  fmt::format("ticket {} is already in group '{}'", t.id, target->name));
    }
    // Escalation moves up (or across, to a peer specialist group); sending
    // a ticket back down is routing, and must not raise its escalation level.
    // (The configured escalates_to chain is the site's own decision.)
    if (request.to && current && target->tier < current->tier) {
      throw Error(ErrorKind::refused,
                  fmt::format("ticket {} is in group '{}' (tier {}); '{}' is tier {}, so that is "
                              "not an escalation (route it with 'sdesk assign {} --group {}')",
                              t.id, current->name, tier_name(current->tier), target->name,
                              tier_name(target->tier), t.id, target->name));
    }
    t.group = target->name;
    t.assignee.reset();
    t.escalation_level += 1;
    const model::RecordType& type = model::record_type(t.kind);
    if (type.moves.assign && t.status != type.initial) {
      t.status = *type.moves.assign;
    }
  }, data);
}

} // namespace

model::Ticket escalate(Context& ctx, model::TicketId id, const EscalateRequest& request)
{
  return escalate_via(change_ticket, ctx, id, request, {});
}

model::Ticket escalate_in_transaction(Context& ctx, model::TicketId id,
                                      const EscalateRequest& request,
                                      const model::EscalationData& fired)
{
  return escalate_via(apply_change, ctx, id, request, fired);
}

} // namespace sdesk::ops

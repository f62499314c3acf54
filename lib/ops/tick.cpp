#include "lib/ops/tick.hpp"

#include "lib/ops/auto_escalate.hpp"
#include "lib/ops/event.hpp"
#include "lib/ops/hooks.hpp"
#include "lib/ops/mail_out.hpp"
#include "lib/ops/recurring.hpp"
#include "lib/util/strings.hpp"

#include <fmt/format.h>

#include <iterator>

namespace sdesk::ops {

namespace {

// The escalation rules, as `sdesk escalate --auto` applies them.
std::int64_t escalate_step(Context& ctx, TickDetails& details)
{
  const std::vector<AutoAction> actions = auto_escalate(ctx, false);
  for (const AutoAction& a : actions) {
    const std::string what = a.skipped        ? "skipped: " + *a.skipped
                             : a.recorded     ? "recorded " + std::string(model::to_string(*a.recorded))
                             : a.hierarchical ? "informed " + util::join(a.inform, ", ")
                                              : "escalated to " + a.to.value_or("-");
    details.push_back(fmt::format("escalate: ticket {}: rule {} ({}% of {} target): {}", a.ticket, a.rule,
                                  a.percent, sla::to_string(a.target), what));
  }
  return static_cast<std::int64_t>(actions.size());
}

// The due occurrences of the recurring tickets.
std::int64_t recurring_step(Context& ctx, TickDetails& details)
{
  const std::vector<RecurringOpened> opened = open_due_recurring(ctx);
  for (const RecurringOpened& o : opened) {
    details.push_back(fmt::format("recurring: {} due {}: opened ticket {}", o.name,
                                  o.zone.format(o.occurrence), o.ticket.id));
  }
  return static_cast<std::int64_t>(opened.size());
}

// Monitoring event keys whose flapping or downtime has run out.
std::int64_t alerts_step(Context& ctx, TickDetails& details)
{
  const int expired = expire_alert_states(ctx, ctx.backend.alerts(), ctx.config.events);
  if (expired > 0) {
    details.push_back(fmt::format("alerts: {} key(s) left flapping or downtime", expired));
  }
  return expired;
}

// Post-commit hooks due (failed before, or queued by the steps above).
std::int64_t hooks_step(Context& ctx, TickDetails& details)
{
  const std::size_t delivered = deliver_hooks(ctx);
  if (delivered > 0) {
    details.push_back(fmt::format("hooks: {} post-commit run(s) delivered", delivered));
  }
  return static_cast<std::int64_t>(delivered);
}

// Outgoing mail (lib/ops/mail_out.hpp): what is due on the queue, after
// everything above queued its notifications; nothing without mail.address.
std::int64_t mail_step(Context& ctx, TickDetails& details)
{
  if (!ctx.config.mail.address) {
    return 0;
  }
  MailDelivery delivered = send_mail_now(ctx);
  std::move(delivered.details.begin(), delivered.details.end(), std::back_inserter(details));
  return delivered.sent;
}

// Every step, in order. One row per step (see tick.hpp). Hooks come last,
// so that what the other steps queued is delivered in the same tick.
const TickStep k_tick_steps[] = {
  {"escalate", escalate_step},
  {"recurring", recurring_step},
  {"alerts", alerts_step},
  {"hooks", hooks_step},
  {"mail", mail_step},
};

} // namespace

std::int64_t TickResult::total() const
{
  std::int64_t sum = 0;
  for (const TickStepResult& step : steps) {
    sum += step.count;
  }
  return sum;
}

std::vector<TickStep> tick_steps()
{
  return {std::begin(k_tick_steps), std::end(k_tick_steps)};
}

TickResult tick(Context& ctx)
{
  TickResult result;
  for (const TickStep& step : k_tick_steps) {
    TickStepResult done{step.name, 0, {}};
    done.count = step.run(ctx, done.details);
    result.steps.push_back(std::move(done));
  }
  return result;
}

} // namespace sdesk::ops

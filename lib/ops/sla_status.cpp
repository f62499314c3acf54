#include "lib/ops/sla_status.hpp"

#include <algorithm>

namespace sdesk::ops {

namespace {

// Whether `target` is running and has used at least `percent` of its goal,
// or has missed it.
bool at_risk(const std::optional<sla::TargetClock>& target, std::int64_t percent)
{
  return target && !target->done
         && (target->state == sla::TargetState::missed
             || target->used.count() * 100 >= percent * target->goal.count());
}

// Orders by the share of the goal used (a/b > c/d as a*d > c*b; goals are
// positive; long double keeps realistic products of second counts exact).
bool used_more(const sla::TargetClock& a, const sla::TargetClock& b)
{
  const long double lhs = static_cast<long double>(a.used.count()) * b.goal.count();
  const long double rhs = static_cast<long double>(b.used.count()) * a.goal.count();
  return lhs > rhs;
}

} // namespace

const sla::TargetClock* SlaStatus::worst() const
{
  const sla::TargetClock* result = nullptr;
  for (const auto* target : {&clock.response, &clock.resolution}) {
    if (*target && !(*target)->done && (result == nullptr || used_more(**target, *result))) {
      result = &**target;
    }
  }
  return result;
}

std::vector<SlaStatus> tickets_at_risk(Context& ctx, store::TicketQuery query,
                                       std::int64_t percent)
{
  query.open_only = true;
  std::vector<SlaStatus> result;
  store::Transaction tx(ctx.store, store::TxMode::read);
  std::vector<model::Ticket> open;
  ctx.store.for_each(query, [&open](const model::Ticket& t) { open.push_back(t); });
  for (model::Ticket& ticket : open) {
    const std::vector<model::Event> events = ctx.store.events(ticket.id);
    sla::TicketClock clock = sla::evaluate(ctx.config.sla, ticket, events, ctx.now);
    if (at_risk(clock.response, percent) || at_risk(clock.resolution, percent)) {
      result.push_back({std::move(ticket), std::move(clock)});
    }
  }
  tx.commit();
  std::stable_sort(result.begin(), result.end(), [](const SlaStatus& a, const SlaStatus& b) {
    const sla::TargetClock* x = a.worst();
    const sla::TargetClock* y = b.worst();
    return used_more(*x, *y) || (!used_more(*y, *x) && a.ticket.id < b.ticket.id);
  });
  return result;
}

} // namespace sdesk::ops

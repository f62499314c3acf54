#include "lib/ops/change_calendar.hpp"

#include "lib/model/change_rules.hpp"
#include "lib/util/error.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::ops {

ChangeCalendar change_calendar(Context& ctx, const CalendarRequest& request)
{
  if (request.to <= request.from) {
    throw Error(ErrorKind::usage, fmt::format("--to: {} is not after --from ({})", util::format_time(request.to),
                                              util::format_time(request.from)));
  }
  const model::Window period{request.from, request.to};
  ChangeCalendar result;
  store::TicketQuery query;
  query.kinds = {model::Kind::change};
  if (request.service) {
    query.services = {*request.service};
  }
  store::Transaction tx(ctx.store, store::TxMode::read);
  ctx.store.for_each(query, [&](const model::Ticket& t) {
    if (!t.planned_start || !t.planned_end || (request.release && t.release != request.release)) {
      return;
    }
    if (model::overlaps(period, {*t.planned_start, *t.planned_end})) {
      result.changes.push_back(t);
    }
  });
  tx.commit();
  std::stable_sort(result.changes.begin(), result.changes.end(),
                   [](const model::Ticket& a, const model::Ticket& b) { return *a.planned_start < *b.planned_start; });
  for (const config::Freeze& freeze : ctx.config.change.freezes) {
    if (model::overlaps(period, {freeze.from, freeze.to})) {
      result.freezes.push_back(freeze);
    }
  }
  std::stable_sort(result.freezes.begin(), result.freezes.end(),
                   [](const config::Freeze& a, const config::Freeze& b) { return a.from < b.from; });
  return result;
}

} // namespace sdesk::ops

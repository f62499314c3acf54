#include "lib/ops/recurring.hpp"

#include "lib/ops/change.hpp"
#include "lib/ops/open_ticket.hpp"
#include "lib/util/cron.hpp"
#include "lib/util/error.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::ops {

namespace {

// The last `count` occurrences of `schedule` at or before `now`, oldest
// first.
std::vector<util::Time> last_occurrences(const util::CronSchedule& schedule, const util::TimeZone& zone,
                                         util::Time now, std::int64_t count)
{
  std::vector<util::Time> found;
  std::optional<util::Time> at = schedule.last_at_or_before(now, zone);
  while (at && static_cast<std::int64_t>(found.size()) < count) {
    found.push_back(*at);
    at = schedule.last_at_or_before(*at - std::chrono::seconds{1}, zone);
  }
  std::reverse(found.begin(), found.end());
  return found;
}

// What the ticket of an occurrence of `r` asks for.
OpenRequest request_for(const config::RecurringTicket& r, util::Time occurrence)
{
  OpenRequest request;
  request.title = r.title;
  request.description = r.description.value_or("");
  request.kind = r.kind;
  request.priority = r.priority;
  request.category = r.category;
  request.service = r.service;
  request.group = r.group;
  request.ref = occurrence_ref(r.name, occurrence);
  return request;
}

} // namespace

util::TimeZone recurring_zone(const config::Config& config, const config::RecurringTicket& r)
{
  if (r.timezone) {
    if (auto zone = util::TimeZone::find(*r.timezone)) {
      return *zone;
    }
    throw Error(ErrorKind::config, fmt::format("recurring.{}.timezone: unknown time zone '{}'", r.name,
                                               *r.timezone));
  }
  if (config.report_timezone) {
    if (auto zone = util::TimeZone::find(*config.report_timezone)) {
      return *zone;
    }
    throw Error(ErrorKind::config,
                fmt::format("report.timezone: unknown time zone '{}' (accepted: an IANA name such as "
                            "\"Europe/Amsterdam\")",
                            *config.report_timezone));
  }
  return util::TimeZone::local();
}

std::string occurrence_ref(std::string_view name, util::Time at)
{
  return fmt::format("recurring:{}@{}", name, util::format_time_utc(at));
}

std::vector<RecurringStatus> recurring_status(Context& ctx)
{
  std::vector<RecurringStatus> list;
  if (ctx.config.recurring.empty()) {
    return list;
  }
  store::Transaction tx(ctx.store, store::TxMode::read);
  for (const config::RecurringTicket& r : ctx.config.recurring) {
    const auto schedule = util::CronSchedule::parse(r.schedule);
    RecurringStatus status{&r, recurring_zone(ctx.config, r), std::nullopt, std::nullopt, std::nullopt};
    status.next = schedule.next_after(ctx.now, status.zone);
    status.last = schedule.last_at_or_before(ctx.now, status.zone);
    if (status.last) {
      status.last_ticket = ctx.store.find_by_ref(occurrence_ref(r.name, *status.last));
    }
    list.push_back(std::move(status));
  }
  return list;
}

std::vector<RecurringOpened> open_due_recurring(Context& ctx)
{
  std::vector<RecurringOpened> opened;
  if (ctx.config.recurring.empty()) {
    return opened;
  }
  // The candidates: the last catch_up occurrences of each.
  struct Candidate {
    const config::RecurringTicket* recurring;
    util::TimeZone zone;
    util::Time occurrence;
    std::string ref;
  };
  std::vector<Candidate> candidates;
  for (const config::RecurringTicket& r : ctx.config.recurring) {
    const auto schedule = util::CronSchedule::parse(r.schedule);
    const util::TimeZone zone = recurring_zone(ctx.config, r);
    for (const util::Time occurrence : last_occurrences(schedule, zone, ctx.now, r.catch_up)) {
      candidates.push_back({&r, zone, occurrence, occurrence_ref(r.name, occurrence)});
    }
  }
  const auto missing = [&ctx](const Candidate& c) { return !ctx.store.find_by_ref(c.ref); };
  {
    // Nothing due (the usual case): decided without the write lock, so that
    // a tick does not wait behind a long write (an import) to do nothing.
    store::Transaction read(ctx.store, store::TxMode::read);
    if (std::none_of(candidates.begin(), candidates.end(), missing)) {
      return opened;
    }
  }
  store::Transaction tx(ctx.store, store::TxMode::write);
  for (const Candidate& c : candidates) {
    if (!missing(c)) {
      continue; // opened by an earlier (or a concurrent) tick
    }
    opened.push_back({c.recurring->name, c.occurrence, c.zone, open_in_transaction(ctx, request_for(*c.recurring, c.occurrence))});
  }
  if (!opened.empty()) {
    tx.commit();
  }
  return opened;
}

} // namespace sdesk::ops

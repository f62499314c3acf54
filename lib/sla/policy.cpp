#include "lib/sla/policy.hpp"

#include "lib/util/error.hpp"

#include <algorithm>

namespace sdesk::sla {

using std::chrono::seconds;

namespace {

template<typename T>
bool contains(const std::vector<T>& items, const T& item)
{
  return std::find(items.begin(), items.end(), item) != items.end();
}

// Whether `policy`'s criteria all match `ticket`.
bool matches(const Policy& policy, const model::Ticket& ticket)
{
  const auto listed = [](const std::vector<std::string>& names,
                         const std::optional<std::string>& value) {
    return names.empty() || (value && contains(names, *value));
  };
  return (policy.kinds.empty() || contains(policy.kinds, ticket.kind))
         && listed(policy.services, ticket.service) && listed(policy.groups, ticket.group);
}

// How many criteria `policy` sets.
int specificity(const Policy& policy)
{
  return int{!policy.kinds.empty()} + int{!policy.services.empty()} + int{!policy.groups.empty()};
}

std::optional<seconds> goal_for(const std::map<int, seconds>& targets, int priority)
{
  const auto it = targets.find(priority);
  return it != targets.end() ? std::optional{it->second} : std::nullopt;
}

// The status named `name`, or nothing (history from an older or foreign tool).
std::optional<model::Status> status_named(std::string_view name)
{
  for (const model::Status status : model::k_statuses) {
    if (model::to_string(status) == name) {
      return status;
    }
  }
  return std::nullopt;
}

std::vector<Pause> as_pauses(const std::vector<StatusPause>& pauses, std::optional<Time> cut)
{
  std::vector<Pause> result;
  for (const StatusPause& pause : pauses) {
    if (!cut) {
      result.push_back({pause.begin, pause.end});
    } else if (pause.begin < *cut) {
      result.push_back({pause.begin, std::min(pause.end.value_or(*cut), *cut)});
    }
  }
  return result;
}

// The part of a target's clock that does not depend on `now`: the goal,
// when it was done, the due time and (when done) the business time used.
TargetClock measure(const Calendar& calendar, Target target, seconds goal, Time created,
                    std::optional<Time> done, const std::vector<StatusPause>& pauses)
{
  TargetClock clock;
  clock.target = target;
  clock.goal = goal;
  clock.done = done;
  // A done target is measured as it stood when it was done: later pauses
  // (the `resolved` status itself) do not move it.
  const std::vector<Pause> cut = as_pauses(pauses, done);
  clock.due = due_time(calendar, created, goal, cut);
  if (done) {
    clock.used = elapsed(calendar, created, *done, cut);
    clock.state = clock.used <= goal ? TargetState::met : TargetState::missed;
  }
  return clock;
}

// Completes `clock` (not done) at `now`.
void measure_at(TargetClock& clock, const Calendar& calendar, Time created,
                const std::vector<StatusPause>& pauses, Time now)
{
  if (clock.done) {
    return;
  }
  const std::vector<Pause> all = as_pauses(pauses, std::nullopt);
  clock.used = elapsed(calendar, created, now, all);
  const bool stopped = !pauses.empty() && !pauses.back().end && pauses.back().begin <= now;
  if (clock.used > clock.goal) {
    clock.state = TargetState::missed;
  } else {
    clock.state = stopped ? TargetState::paused : TargetState::running;
  }
}

// The response is done at the first response, or at resolution if earlier.
std::optional<Time> response_done(const model::Ticket& ticket)
{
  if (ticket.first_response && ticket.resolved) {
    return std::min(*ticket.first_response, *ticket.resolved);
  }
  return ticket.first_response ? ticket.first_response : ticket.resolved;
}

// The clocks without the parts that depend on `now`.
TicketClock measure_ticket(const Settings& settings, const model::Ticket& ticket,
                           std::span<const model::Event> events)
{
  TicketClock clock;
  clock.policy = select_policy(settings, ticket);
  if (clock.policy == nullptr) {
    return clock;
  }
  clock.calendar = settings.find_calendar(clock.policy->calendar);
  if (clock.calendar == nullptr) {
    throw Error(ErrorKind::internal, "sla policy '" + clock.policy->name
                                       + "' names an undefined calendar '"
                                       + clock.policy->calendar + "'");
  }
  clock.pauses = status_pauses(settings, events, ticket.kind);
  if (const auto goal = goal_for(clock.policy->response, ticket.priority)) {
    clock.response = measure(*clock.calendar, Target::response, *goal, ticket.created,
                             response_done(ticket), clock.pauses);
  }
  if (const auto goal = goal_for(clock.policy->resolution, ticket.priority)) {
    clock.resolution = measure(*clock.calendar, Target::resolution, *goal, ticket.created,
                               ticket.resolved, clock.pauses);
  }
  return clock;
}

} // namespace

const Calendar* Settings::find_calendar(std::string_view name) const
{
  const auto it = std::find_if(calendars.begin(), calendars.end(),
                               [name](const Calendar& calendar) { return calendar.name() == name; });
  return it != calendars.end() ? &*it : nullptr;
}

std::string_view to_string(Target target)
{
  return target == Target::response ? "response" : "resolution";
}

std::string_view to_string(TargetState state)
{
  switch (state) {
  case TargetState::running:
    return "running";
  case TargetState::paused:
    return "paused";
  case TargetState::met:
    return "met";
  case TargetState::missed:
    return "missed";
  }
  return "?";
}

std::int64_t TargetClock::percent() const
{
  if (goal <= seconds{0}) {
    return used > seconds{0} ? 100 : 0;
  }
  return used.count() * 100 / goal.count();
}

const Policy* select_policy(const Settings& settings, const model::Ticket& ticket)
{
  const Policy* best = nullptr;
  for (const Policy& policy : settings.policies) {
    if (!matches(policy, ticket)
        || (!policy.response.contains(ticket.priority)
            && !policy.resolution.contains(ticket.priority))) {
      continue;
    }
    const bool better = best == nullptr || specificity(policy) > specificity(*best)
                        || (specificity(policy) == specificity(*best) && policy.name < best->name);
    if (better) {
      best = &policy;
    }
  }
  return best;
}

bool stops_clock(const Settings& settings, model::Kind kind, model::Status status)
{
  const model::RecordType& own = model::record_type(kind);
  const model::RecordType& type = own.has(status) ? own : model::record_type(model::Kind::incident);
  return !type.is_open(status) || contains(settings.pause_statuses, status);
}

std::vector<StatusPause> status_pauses(const Settings& settings,
                                       std::span<const model::Event> events, model::Kind kind)
{
  std::vector<StatusPause> pauses;
  std::optional<Time> last;
  for (const model::Event& event : events) {
    if (event.field != "status" || !event.new_value) {
      continue;
    }
    const Time at = last ? std::max(*last, event.at) : event.at;
    last = at;
    if (!pauses.empty() && !pauses.back().end) {
      pauses.back().end = at; // leaving (or changing) the stopping status
      if (pauses.back().end == pauses.back().begin) {
        pauses.pop_back();
      }
    }
    const auto status = status_named(*event.new_value);
    if (status && stops_clock(settings, kind, *status)) {
      pauses.push_back({at, std::nullopt, *status});
    }
  }
  return pauses;
}

void refresh(const Settings& settings, model::Ticket& ticket, std::span<const model::Event> events)
{
  const TicketClock clock = measure_ticket(settings, ticket, events);
  ticket.sla_policy = clock.policy ? std::optional{clock.policy->name} : std::nullopt;
  ticket.response_due = clock.response ? clock.response->due : std::nullopt;
  ticket.response_business =
    clock.response && clock.response->done ? std::optional{clock.response->used} : std::nullopt;
  ticket.resolution_due = clock.resolution ? clock.resolution->due : std::nullopt;
  ticket.resolution_business = clock.resolution && clock.resolution->done
                                 ? std::optional{clock.resolution->used}
                                 : std::nullopt;
}

TicketClock evaluate(const Settings& settings, const model::Ticket& ticket,
                     std::span<const model::Event> events, Time now)
{
  TicketClock clock = measure_ticket(settings, ticket, events);
  for (auto* target : {&clock.response, &clock.resolution}) {
    if (*target) {
      measure_at(**target, *clock.calendar, ticket.created, clock.pauses, now);
    }
  }
  return clock;
}

std::vector<ClockSegment> ticket_segments(const TicketClock& clock, Time created, Time until)
{
  std::vector<ClockSegment> result;
  if (clock.calendar == nullptr) {
    return result;
  }
  const std::vector<Pause> pauses = as_pauses(clock.pauses, std::nullopt);
  for (ClockSegment& segment : explain(*clock.calendar, created, until, pauses)) {
    if (segment.state != ClockState::paused) {
      result.push_back(std::move(segment));
      continue;
    }
    // Name the status behind each paused piece; consecutive stopping
    // statuses (pending, then resolved) were merged into one segment.
    for (const StatusPause& pause : clock.pauses) {
      const Time begin = std::max(segment.begin, pause.begin);
      const Time end = std::min(segment.end, pause.end.value_or(Time::max()));
      if (begin < end) {
        result.push_back({begin, end, ClockState::paused,
                          "status " + std::string(model::to_string(pause.status))});
      }
    }
  }
  return result;
}

} // namespace sdesk::sla

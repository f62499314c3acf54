#include "lib/model/alert.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace sdesk::model {

namespace {

// Records a state change at `at` and forgets those that left the window.
void record_change(AlertKey& key, Time at, const AlertPolicy& policy)
{
  key.changes.push_back(at);
  std::sort(key.changes.begin(), key.changes.end());
  const Time from = key.changes.back() - policy.flap_window;
  key.changes.erase(std::remove_if(key.changes.begin(), key.changes.end(),
                                   [&](Time t) { return t < from; }),
                    key.changes.end());
}

// Whether `key`, just changed, now changes state too often.
bool too_many_changes(const AlertKey& key, const AlertPolicy& policy)
{
  return key.changes.size() > static_cast<std::size_t>(std::max(policy.flap_changes, 0));
}

// The state of a key seen for the first time.
AlertKey new_key(const Alert& alert, Time now)
{
  AlertKey key;
  key.source = alert.source;
  key.key = alert.key;
  key.first_at = alert.at;
  key.updated = now;
  return key;
}

Decision on_trigger(const std::optional<AlertKey>& stored, const TicketView& ticket,
                    const Alert& alert, const AlertPolicy& policy, Time now)
{
  Decision d;
  if (stored && stored->last_resolve && alert.at < *stored->last_resolve) {
    return d; // older than the resolve already seen: a late delivery
  }
  AlertKey key = stored ? *stored : new_key(alert, now);
  const bool changed = !stored || key.state != AlertState::firing || ticket.state != TicketState::open;
  const bool new_details = stored && ((alert.severity && alert.severity != key.severity) ||
                                      (alert.summary && alert.summary != key.summary));
  key.state = AlertState::firing;
  key.trigger_count += 1;
  key.last_trigger = key.last_trigger ? std::max(*key.last_trigger, alert.at) : alert.at;
  if (alert.severity) {
    key.severity = alert.severity;
  }
  if (alert.summary) {
    key.summary = alert.summary;
  }
  key.updated = now;
  if (key.flapping && !key.changes.empty() && alert.at - key.changes.back() > policy.flap_window) {
    key.flapping = false; // quiet for a whole window
    key.changes.clear();
    d.stop_flapping = ticket.state == TicketState::open;
  }
  const bool was_flapping = key.flapping;
  if (changed) {
    record_change(key, alert.at, policy);
  }
  const bool in_downtime = key.downtime_until && alert.at < *key.downtime_until;
  if (ticket.state == TicketState::open) {
    d.outcome = Outcome::appended;
    d.step = TicketStep::append;
    d.comment = new_details;
  } else if (in_downtime) {
    d.outcome = Outcome::suppressed;
  } else if (ticket.state == TicketState::none) {
    d.outcome = Outcome::created;
    d.step = TicketStep::open;
  } else if (ticket.state == TicketState::resolved && ticket.resolved_at &&
             alert.at - *ticket.resolved_at <= policy.reopen_within) {
    d.outcome = Outcome::reopened;
    d.step = TicketStep::reopen;
  } else {
    d.outcome = Outcome::recurred;
    d.step = TicketStep::open_linked;
  }
  if (was_flapping && changed && d.step == TicketStep::append) {
    d.outcome = Outcome::flapping;
  }
  if (!was_flapping && changed && d.outcome != Outcome::suppressed && too_many_changes(key, policy)) {
    key.flapping = true;
    d.start_flapping = true;
    d.outcome = Outcome::flapping;
  }
  d.key = std::move(key);
  return d;
}

Decision on_resolve(const std::optional<AlertKey>& stored, const TicketView& ticket,
                    const Alert& alert, const AlertPolicy& policy, Time now)
{
  Decision d;
  if (!stored || stored->state == AlertState::resolved) {
    return d; // unknown or already resolved: nothing changes
  }
  if (stored->last_trigger && alert.at < *stored->last_trigger) {
    return d; // older than the trigger already seen
  }
  AlertKey key = *stored;
  key.state = AlertState::resolved;
  key.resolve_count += 1;
  key.last_resolve = key.last_resolve ? std::max(*key.last_resolve, alert.at) : alert.at;
  key.updated = now;
  if (key.flapping && !key.changes.empty() && alert.at - key.changes.back() > policy.flap_window) {
    key.flapping = false;
    key.changes.clear();
    d.stop_flapping = ticket.state == TicketState::open;
  }
  record_change(key, alert.at, policy);
  if (ticket.state != TicketState::open) {
    d.outcome = Outcome::resolved; // the ticket was resolved already
  } else if (key.flapping) {
    d.outcome = Outcome::flapping; // stays open while it flaps
  } else if (too_many_changes(key, policy)) {
    key.flapping = true;
    d.start_flapping = true;
    d.outcome = Outcome::flapping;
  } else if (ticket.touched_by_person) {
    d.outcome = Outcome::commented;
    d.step = TicketStep::comment;
  } else {
    d.outcome = Outcome::resolved;
    d.step = TicketStep::resolve;
  }
  d.key = std::move(key);
  return d;
}

Decision on_acknowledge(const std::optional<AlertKey>& stored, const TicketView& ticket, Time now)
{
  Decision d;
  if (!stored || ticket.state != TicketState::open) {
    return d; // nothing open to acknowledge
  }
  AlertKey key = *stored;
  key.updated = now;
  d.outcome = Outcome::acknowledged;
  d.step = TicketStep::acknowledge;
  d.key = std::move(key);
  return d;
}

// A key in downtime: no new tickets until it ends; an open ticket is told.
Decision on_downtime_start(const std::optional<AlertKey>& stored, const TicketView& ticket,
                           const Alert& alert, const AlertPolicy& policy, Time now)
{
  Decision d;
  AlertKey key = stored ? *stored : new_key(alert, now);
  if (!stored) {
    key.state = AlertState::resolved; // nothing fires yet
  }
  key.downtime_until = alert.at + policy.downtime_max;
  key.updated = now;
  d.outcome = Outcome::suppressed;
  d.step = ticket.state == TicketState::open ? TicketStep::comment : TicketStep::none;
  d.key = std::move(key);
  return d;
}

// The downtime ends: triggers open tickets again.
Decision on_downtime_end(const std::optional<AlertKey>& stored, const TicketView& ticket, Time now)
{
  Decision d;
  if (!stored || !stored->downtime_until) {
    return d; // not in downtime
  }
  AlertKey key = *stored;
  key.downtime_until.reset();
  key.updated = now;
  d.outcome = Outcome::appended;
  d.step = ticket.state == TicketState::open ? TicketStep::comment : TicketStep::none;
  d.key = std::move(key);
  return d;
}

// Ends a key's flapping: untags its open ticket, and resolves it (or, when
// a person changed it, comments) when the key is resolved.
void end_flapping(AlertKey& key, const TicketView& ticket, Decision& d)
{
  key.flapping = false;
  key.changes.clear();
  d.outcome = Outcome::appended;
  if (ticket.state != TicketState::open) {
    return;
  }
  d.stop_flapping = true;
  if (key.state == AlertState::resolved) {
    d.outcome = ticket.touched_by_person ? Outcome::commented : Outcome::resolved;
    d.step = ticket.touched_by_person ? TicketStep::comment : TicketStep::resolve;
  }
}

// The monitor says the key flaps (Nagios FLAPPINGSTART) or stopped.
Decision on_flapping(const std::optional<AlertKey>& stored, const TicketView& ticket,
                     const Alert& alert, Time now)
{
  Decision d;
  if (!stored) {
    return d; // nothing known about the key
  }
  AlertKey key = *stored;
  key.updated = now;
  if (alert.action == AlertAction::flapping_start) {
    d.outcome = Outcome::flapping;
    d.start_flapping = !key.flapping && ticket.state == TicketState::open;
    key.flapping = true;
  } else if (!key.flapping) {
    return d; // not flapping
  } else {
    end_flapping(key, ticket, d);
  }
  d.key = std::move(key);
  return d;
}

// Finds `text` among `names`, or throws the usage error listing them.
template <typename T, std::size_t N>
T parse_name(std::string_view text, std::string_view what, const std::array<T, N>& values)
{
  std::string accepted;
  for (const T value : values) {
    if (to_string(value) == text) {
      return value;
    }
    accepted += (accepted.empty() ? "" : ", ") + std::string(to_string(value));
  }
  throw Error(ErrorKind::usage,
              fmt::format("{}: unknown value {} (accepted: {})", what, util::quote(text), accepted));
}

} // namespace

Decision decide(const std::optional<AlertKey>& stored, const TicketView& ticket, const Alert& alert,
                const AlertPolicy& policy, Time now)
{
  switch (alert.action) {
  case AlertAction::trigger: return on_trigger(stored, ticket, alert, policy, now);
  case AlertAction::resolve: return on_resolve(stored, ticket, alert, policy, now);
  case AlertAction::acknowledge: return on_acknowledge(stored, ticket, now);
  case AlertAction::downtime_start: return on_downtime_start(stored, ticket, alert, policy, now);
  case AlertAction::downtime_end: return on_downtime_end(stored, ticket, now);
  case AlertAction::flapping_start:
  case AlertAction::flapping_stop: return on_flapping(stored, ticket, alert, now);
  case AlertAction::expire: return stored ? expire(*stored, ticket, policy, now) : Decision{};
  }
  return {};
}

Decision expire(const AlertKey& stored, const TicketView& ticket, const AlertPolicy& policy, Time now)
{
  Decision d;
  AlertKey key = stored;
  bool due = false;
  if (key.downtime_until && *key.downtime_until <= now) {
    key.downtime_until.reset();
    due = true;
  }
  const bool quiet = key.changes.empty() || now - key.changes.back() > policy.flap_window;
  if (key.flapping && quiet) {
    end_flapping(key, ticket, d);
    due = true;
  }
  if (!due) {
    return d;
  }
  key.updated = now;
  d.key = std::move(key);
  return d;
}

std::string_view to_string(AlertAction action)
{
  switch (action) {
  case AlertAction::trigger: return "trigger";
  case AlertAction::acknowledge: return "acknowledge";
  case AlertAction::resolve: return "resolve";
  case AlertAction::downtime_start: return "downtime-start";
  case AlertAction::downtime_end: return "downtime-end";
  case AlertAction::flapping_start: return "flapping-start";
  case AlertAction::flapping_stop: return "flapping-stop";
  case AlertAction::expire: return "expire";
  }
  return "?";
}

std::string_view to_string(Severity severity)
{
  switch (severity) {
  case Severity::critical: return "critical";
  case Severity::error: return "error";
  case Severity::warning: return "warning";
  case Severity::info: return "info";
  }
  return "?";
}

std::string_view to_string(AlertState state)
{
  return state == AlertState::firing ? "firing" : "resolved";
}

std::string_view to_string(Outcome outcome)
{
  switch (outcome) {
  case Outcome::created: return "created";
  case Outcome::appended: return "appended";
  case Outcome::acknowledged: return "acknowledged";
  case Outcome::resolved: return "resolved";
  case Outcome::commented: return "commented";
  case Outcome::reopened: return "reopened";
  case Outcome::recurred: return "recurred";
  case Outcome::flapping: return "flapping";
  case Outcome::suppressed: return "suppressed";
  case Outcome::ignored: return "ignored";
  }
  return "?";
}

AlertAction parse_alert_action(std::string_view text, std::string_view what)
{
  return parse_name(text, what,
                    std::array{AlertAction::trigger, AlertAction::acknowledge, AlertAction::resolve});
}

Severity parse_severity(std::string_view text, std::string_view what)
{
  return parse_name(text, what,
                    std::array{Severity::critical, Severity::error, Severity::warning, Severity::info});
}

AlertState parse_alert_state(std::string_view text, std::string_view what)
{
  return parse_name(text, what, std::array{AlertState::firing, AlertState::resolved});
}

AlertAction parse_stored_alert_action(std::string_view text, std::string_view what)
{
  return parse_name(text, what,
                    std::array{AlertAction::trigger, AlertAction::acknowledge, AlertAction::resolve,
                               AlertAction::downtime_start, AlertAction::downtime_end,
                               AlertAction::flapping_start, AlertAction::flapping_stop, AlertAction::expire});
}

Outcome parse_outcome(std::string_view text, std::string_view what)
{
  return parse_name(text, what,
                    std::array{Outcome::created, Outcome::appended, Outcome::acknowledged, Outcome::resolved,
                               Outcome::commented, Outcome::reopened, Outcome::recurred, Outcome::flapping,
                               Outcome::suppressed, Outcome::ignored});
}

} // namespace sdesk::model

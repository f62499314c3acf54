#include "lib/model/invariants.hpp"

#include "lib/model/fields.hpp"
#include "lib/model/lifecycle.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

namespace sdesk::model {

namespace {

using util::format_time;

// Whether a ticket in `status` has been resolved (and not reopened since).
bool is_resolved(Status status)
{
  return status == Status::resolved || status == Status::closed;
}

// The stored name `text` as a status, or nothing when it names none.
std::optional<Status> status_of(const std::optional<std::string>& text)
{
  if (!text) {
    return std::nullopt;
  }
  for (const Status s : k_statuses) {
    if (to_string(s) == *text) {
      return s;
    }
  }
  return std::nullopt;
}

void not_before_created(const Ticket& t, std::string_view field, const std::optional<Time>& at,
                        std::vector<Violation>& out)
{
  if (at && *at < t.created) {
    out.push_back({std::string(field), k_rule_after_created,
                   fmt::format("{} is before created ({})", format_time(*at), format_time(t.created))});
  }
}

// Replays the status events of `history`; adds what breaks history-replay.
void check_replay(const Ticket& t, std::span<const Event> history, std::vector<Violation>& out)
{
  std::optional<Status> current;
  for (const Event& e : history) {
    if (e.field != "status") {
      continue;
    }
    const auto to = status_of(e.new_value);
    if (!to) {
      out.push_back({"status", k_rule_history_replay,
                     fmt::format("{} at {} names no status ('{}')", e.action, format_time(e.at),
                                 e.new_value.value_or(""))});
      return;
    }
    if (!current) {
      if (e.old_value || !is_open(*to)) {
        out.push_back({"status", k_rule_history_replay,
                       fmt::format("the history does not open in an open status ({} at {}: {} -> {})",
                                   e.action, format_time(e.at), e.old_value.value_or("(none)"),
                                   to_string(*to))});
        return;
      }
      current = to;
      continue;
    }
    if (status_of(e.old_value) != current) {
      out.push_back({"status", k_rule_history_replay,
                     fmt::format("{} at {} moves from {}, but the status was {}", e.action,
                                 format_time(e.at), e.old_value.value_or("(none)"),
                                 to_string(*current))});
      return;
    }
    if (!can_transition(*current, *to)) {
      out.push_back({"status", k_rule_history_replay,
                     fmt::format("{} at {} moves from {} to {}, which the lifecycle does not allow",
                                 e.action, format_time(e.at), to_string(*current), to_string(*to))});
      return;
    }
    current = to;
  }
  if (!current) {
    out.push_back({"status", k_rule_history_replay, "the history has no status event"});
  } else if (*current != t.status) {
    out.push_back({"status", k_rule_history_replay,
                   fmt::format("the history ends at {}, but the status is {}", to_string(*current),
                               to_string(t.status))});
  }
}

} // namespace

std::vector<Violation> check_fields(const Ticket& t)
{
  std::vector<Violation> out;
  not_before_created(t, "first_response", t.first_response, out);
  not_before_created(t, "resolved", t.resolved, out);
  not_before_created(t, "closed", t.closed, out);
  if (t.resolved && t.closed && *t.closed < *t.resolved) {
    out.push_back({"closed", k_rule_closed_after_resolved,
                   fmt::format("{} is before resolved ({})", format_time(*t.closed),
                               format_time(*t.resolved))});
  }
  if (is_resolved(t.status) && !t.resolved) {
    out.push_back({"resolved", k_rule_resolved_status,
                   fmt::format("missing: a {} ticket has the time it was resolved", to_string(t.status))});
  } else if (!is_resolved(t.status) && t.resolved) {
    out.push_back({"resolved", k_rule_resolved_status,
                   fmt::format("set, but the status is {} (only resolved and closed tickets have one)",
                               to_string(t.status))});
  }
  if (t.status == Status::closed && !t.closed) {
    out.push_back({"closed", k_rule_closed_status, "missing: a closed ticket has the time it was closed"});
  } else if (t.status != Status::closed && t.closed) {
    out.push_back({"closed", k_rule_closed_status,
                   fmt::format("set, but the status is {} (only closed tickets have one)",
                               to_string(t.status))});
  }
  if (const FieldSpec* field = misplaced_field(t)) {
    std::string kinds;
    for (const Kind kind : k_kinds) {
      if (field->applies_to(kind)) {
        kinds += (kinds.empty() ? "" : ", ") + std::string(to_string(kind));
      }
    }
    out.push_back({std::string(field->name), k_rule_field_kind,
                   fmt::format("set on a {}, but only {} records have it", to_string(t.kind), kinds)});
  }
  return out;
}

std::vector<Violation> check_history(const Ticket& t, std::span<const Event> history)
{
  std::vector<Violation> out;
  const Event* previous = nullptr;
  for (const Event& e : history) {
    if (e.at < t.created) {
      out.push_back({"history", k_rule_history_order,
                     fmt::format("{} at {} is before created ({})", e.action, format_time(e.at),
                                 format_time(t.created))});
      break;
    }
    if (previous && e.at < previous->at) {
      out.push_back({"history", k_rule_history_order,
                     fmt::format("{} at {} is before the event before it ({})", e.action,
                                 format_time(e.at), format_time(previous->at))});
      break;
    }
    previous = &e;
  }
  check_replay(t, history, out);
  return out;
}

std::vector<Violation> check_invariants(const Ticket& t, std::span<const Event> history)
{
  std::vector<Violation> out = check_fields(t);
  for (Violation& v : check_history(t, history)) {
    out.push_back(std::move(v));
  }
  return out;
}

std::string describe(const Violation& v)
{
  return fmt::format("{}: {} (rule {})", v.field, v.message, v.rule);
}

} // namespace sdesk::model

#include "lib/model/invariants.hpp"

#include "lib/model/fields.hpp"
#include "lib/model/lifecycle.hpp"
#include "lib/model/record_type.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace sdesk::model {

namespace {

using util::format_time;

// "a", "a and b", "a, b and c": the statuses in `list`.
std::string names_of(std::span<const Status> list)
{
  std::string out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    out += i == 0 ? "" : (i + 1 == list.size() ? " and " : ", ");
    out += to_string(list[i]);
  }
  return out;
}

// The kind of `t` just before each event of `history` (kind changes are
// history rows too: the replay follows the lifecycle in force).
std::vector<Kind> kinds_before(const Ticket& t, std::span<const Event> history)
{
  std::vector<Kind> kinds(history.size(), t.kind);
  Kind kind = t.kind;
  for (std::size_t i = history.size(); i-- > 0;) {
    const Event& e = history[i];
    if (e.field == "kind" && e.old_value) {
      for (const Kind k : k_kinds) {
        if (to_string(k) == *e.old_value) {
          kind = k;
        }
      }
    }
    kinds[i] = kind;
  }
  return kinds;
}

// Whether `history` holds a "migrate" event (schema 9 moved a ticket of a
// type that used to share the incident lifecycle onto its own).
bool has_migration(std::span<const Event> history)
{
  return std::any_of(history.begin(), history.end(),
                     [](const Event& e) { return e.action == Action::migrate && e.field == "status"; });
}

// Whether the last status event of `history` is a "migrate" event that
// moved `t` into its current status.
bool migrated_into_status(const Ticket& t, std::span<const Event> history)
{
  for (std::size_t i = history.size(); i-- > 0;) {
    const Event& e = history[i];
    if (e.field == "status") {
      return e.action == Action::migrate && e.new_value == to_string(t.status);
    }
  }
  return false;
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
  // Before a ticket's "migrate" event every type followed the incident
  // lifecycle; the migrate event itself may move to any status of the type.
  bool legacy = has_migration(history);
  const std::vector<Kind> kinds = kinds_before(t, history);
  std::optional<Status> current;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const Event& e = history[i];
    if (e.field != "status") {
      continue;
    }
    const RecordType& type = record_type(legacy ? Kind::incident : kinds[i]);
    const auto to = status_of(e.new_value);
    if (!to) {
      out.push_back({"status", k_rule_history_replay,
                     fmt::format("{} at {} names no status ('{}')", to_string(e.action), format_time(e.at),
                                 e.new_value.value_or(""))});
      return;
    }
    if (!current) {
      if (e.old_value || !type.is_open(*to)) {
        out.push_back({"status", k_rule_history_replay,
                       fmt::format("the history does not open in an open status ({} at {}: {} -> {})",
                                   to_string(e.action), format_time(e.at), e.old_value.value_or("(none)"),
                                   to_string(*to))});
        return;
      }
      current = to;
      continue;
    }
    if (status_of(e.old_value) != current) {
      out.push_back({"status", k_rule_history_replay,
                     fmt::format("{} at {} moves from {}, but the status was {}", to_string(e.action),
                                 format_time(e.at), e.old_value.value_or("(none)"),
                                 to_string(*current))});
      return;
    }
    if (legacy && e.action == Action::migrate) {
      legacy = false;
      if (!record_type(kinds[i]).has(*to)) {
        out.push_back({"status", k_rule_history_replay,
                       fmt::format("migrate at {} moves to {}, which is not a status of a {}",
                                   format_time(e.at), to_string(*to), to_string(kinds[i]))});
        return;
      }
      current = to;
      continue;
    }
    if (!type.can(*current, *to)) {
      out.push_back({"status", k_rule_history_replay,
                     fmt::format("{} at {} moves from {} to {}, which the lifecycle does not allow",
                                 to_string(e.action), format_time(e.at), to_string(*current), to_string(*to))});
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

// "'text'", cut to a length a one-line report can hold, or "(none)".
std::string shown(const std::optional<std::string>& value)
{
  return value ? util::quote(util::truncate_to_width(*value, 40)) : "(none)";
}

// An empty text as nothing: an older sdesk stored "" where it now stores
// nothing, and `open` records neither.
std::optional<std::string> value_or_none(std::optional<std::string> value)
{
  return value && value->empty() ? std::nullopt : value;
}

// Compares the stored value of each replayed field with the last value the
// history records for it; adds what breaks history-values (a row changed
// behind the write path's back, whose hash chain still holds).
void check_values(const Ticket& t, std::span<const Event> history, std::vector<Violation>& out)
{
  // The last event naming each field, by its index in k_fields.
  std::array<const Event*, k_field_count> last{};
  // `open` records every field it stores a value in; an import records
  // only the opening status (ops/import_history.hpp).
  bool opened_with_fields = false;
  for (const Event& e : history) {
    if (!e.field) {
      continue;
    }
    if (const FieldSpec* spec = find_field(*e.field)) {
      last[static_cast<std::size_t>(spec - k_fields)] = &e;
      opened_with_fields = opened_with_fields || (e.action == Action::open && spec->type != FieldType::status);
    }
  }
  for (std::size_t i = 0; i < k_field_count; ++i) {
    const FieldSpec& spec = k_fields[i];
    // The status has history-replay, which also follows the lifecycle.
    if (!spec.tracked || !spec.replayed || spec.type == FieldType::status
        || (last[i] == nullptr && !opened_with_fields)) {
      continue;
    }
    const auto stored = value_or_none(history_text(spec, t));
    const auto recorded = last[i] ? value_or_none(last[i]->new_value) : std::nullopt;
    if (stored != recorded) {
      out.push_back({std::string(spec.name), k_rule_history_values,
                     last[i] ? fmt::format("{} is stored, but the history's last value is {} ({} at {})",
                                           shown(stored), shown(recorded), to_string(last[i]->action),
                                           format_time(last[i]->at))
                             : fmt::format("{} is stored, but the history records no value", shown(stored))});
    }
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
  const RecordType& type = record_type(t.kind);
  if (type.is_resolved(t.status) && !t.resolved) {
    out.push_back({"resolved", k_rule_resolved_status,
                   fmt::format("missing: a {} ticket has the time it was resolved", to_string(t.status))});
  } else if (!type.is_resolved(t.status) && t.resolved) {
    out.push_back({"resolved", k_rule_resolved_status,
                   fmt::format("set, but the status is {} (only {} tickets have one)",
                               to_string(t.status), names_of(type.resolved))});
  }
  if (type.is_final(t.status) && !t.closed) {
    out.push_back({"closed", k_rule_closed_status,
                   fmt::format("missing: a {} ticket has the time it was closed", to_string(t.status))});
  } else if (!type.is_final(t.status) && t.closed) {
    out.push_back({"closed", k_rule_closed_status,
                   fmt::format("set, but the status is {} (only {} tickets have one)",
                               to_string(t.status), names_of(type.terminal))});
  }
  if (!type.has(t.status)) {
    out.push_back({"status", k_rule_status_of_kind,
                   fmt::format("{} is not a status of a {}", to_string(t.status), to_string(t.kind))});
  }
  for (const ExtraField& extra : type.extra_fields) {
    const FieldSpec* field = find_field(extra.name);
    const bool required =
      std::find(extra.required_in.begin(), extra.required_in.end(), t.status) != extra.required_in.end();
    if (field != nullptr && required && !history_text(*field, t)) {
      out.push_back({std::string(field->name), k_rule_field_required,
                     fmt::format("missing: a {} {} has its {}", to_string(t.status), to_string(t.kind),
                                 field->name)});
    }
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
                     fmt::format("{} at {} is before created ({})", to_string(e.action), format_time(e.at),
                                 format_time(t.created))});
      break;
    }
    if (previous && e.at < previous->at) {
      out.push_back({"history", k_rule_history_order,
                     fmt::format("{} at {} is before the event before it ({})", to_string(e.action),
                                 format_time(e.at), format_time(previous->at))});
      break;
    }
    previous = &e;
  }
  check_replay(t, history, out);
  check_values(t, history, out);
  return out;
}

std::vector<Violation> check_invariants(const Ticket& t, std::span<const Event> history)
{
  std::vector<Violation> out = check_fields(t);
  if (migrated_into_status(t, history)) {
    std::erase_if(out, [](const Violation& v) { return v.rule == k_rule_field_required; });
  }
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

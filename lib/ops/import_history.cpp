#include "lib/ops/import_history.hpp"

#include "lib/model/invariants.hpp"
#include "lib/model/lifecycle.hpp"
#include "lib/util/error.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::ops {

namespace {

using io::Field;
using model::Status;
using util::Time;

// The action of a status change in `type`, named after the command whose
// move (in the type's description) makes it; import for a move no
// command makes.
model::Action verb(const model::RecordType& type, Status from, Status to)
{
  if (!type.is_open(from) && type.is_open(to)) {
    return model::Action::reopen;
  }
  const model::Moves& m = type.moves;
  using model::Action;
  return to == m.assign    ? Action::assign
         : to == m.start   ? Action::start
         : to == m.pending ? Action::pending
         : to == m.resolve ? Action::resolve
         : to == m.close   ? Action::close
                           : Action::import;
}

std::optional<std::string> text(Status status)
{
  return std::string(model::to_string(status));
}

// The status of a ticket given without status or events: what its times
// say, else what its assignee says (as the type's close, resolve and
// assign moves).
Status implied_status(const model::Ticket& t)
{
  const model::RecordType& type = model::record_type(t.kind);
  const model::Moves& m = type.moves;
  return t.closed && m.close         ? *m.close
         : t.resolved && m.resolve   ? *m.resolve
         : t.assignee && m.assign    ? *m.assign
                                     : type.initial;
}

// The fields sdesk derives from the history; imports do not record them.
bool is_sla_field(std::string_view field)
{
  return field == "response_due" || field == "resolution_due" || field == "sla_policy"
         || field == "response_business_seconds" || field == "resolution_business_seconds";
}

// Whether `history` holds a step at `at`: for a status, the status was in
// force just before `at` (before the first status change: the opening
// status), or a status change at `at` moved to it; for an action, an event
// of that action and note at that time.
bool holds(std::span<const model::Event> history, Time at, const std::optional<Status>& status,
           const std::optional<model::Action>& action, const std::optional<std::string>* note)
{
  if (!status) {
    return std::any_of(history.begin(), history.end(), [&](const model::Event& e) {
      return e.at == at && e.action == action && (!note || e.note == *note);
    });
  }
  const std::string_view name = model::to_string(*status);
  std::optional<std::string> before; // in force just before `at`
  for (const model::Event& e : history) {
    if (e.field != "status") {
      continue;
    }
    if (e.at == at && e.new_value == name) {
      return true;
    }
    if (e.at < at || !before) {
      before = e.new_value;
    }
  }
  return before == name;
}

} // namespace

ImportHistory::ImportHistory(std::string actor)
  : m_actor(std::move(actor))
{
}

void ImportHistory::use_type_of(const model::Ticket& t, std::size_t begin)
{
  m_own_type = &model::record_type(t.kind);
  m_assigned = t.assignee.has_value();
  // History exported from a ticket that schema 9 moved onto its own
  // lifecycle: the incident lifecycle up to its migrate step.
  const bool legacy = std::any_of(m_steps.begin() + static_cast<std::ptrdiff_t>(begin), m_steps.end(),
                                  [](const Step& s) { return s.status && s.action == io::k_migrate_action; });
  set_type(legacy ? model::record_type(model::Kind::incident) : *m_own_type);
}

void ImportHistory::set_type(const model::RecordType& type)
{
  m_type = &type;
  m_reopen_to = m_assigned ? type.moves.reopen_assigned : type.moves.reopen;
}

void ImportHistory::add(Time at, const std::optional<std::string>* actor, model::Action action,
                        std::string_view field, std::optional<std::string> old_value,
                        std::optional<std::string> new_value, const std::optional<std::string>* note)
{
  model::Event& e = m_events.emplace_back();
  e.at = at;
  e.actor = actor && *actor ? **actor : m_actor;
  e.action = action;
  if (!field.empty()) {
    e.field = std::string(field);
  }
  e.old_value = std::move(old_value);
  e.new_value = std::move(new_value);
  if (note) {
    e.note = *note;
  }
  m_last = std::max(m_last, at);
}

void ImportHistory::collect_steps(const io::ImportRecord& record, const model::Ticket& t)
{
  m_steps.clear();
  for (const io::HistoryEvent& e : record.events) {
    m_steps.push_back({e.at, e.status, e.action, &e.actor, &e.note, true});
  }
  if (record.events.empty()) {
    // No history given: the status changes the ticket's times imply; no
    // resolution is invented for a ticket closed without one.
    const Time when = record.has(Field::updated) ? t.updated : t.created;
    const model::RecordType& type = model::record_type(t.kind);
    const auto resolve = type.moves.resolve;
    const bool via_resolve = resolve && (t.status == *resolve || type.can(*resolve, t.status));
    if (t.resolved && !type.is_open(t.status) && via_resolve) {
      m_steps.push_back({*t.resolved, *resolve, {}, nullptr, nullptr});
    }
    if (type.is_final(t.status)) {
      m_steps.push_back({t.closed.value_or(when), t.status, {}, nullptr, nullptr});
    } else if (t.status != type.initial && !(t.status == resolve && t.resolved)) {
      m_steps.push_back({when, t.status, {}, nullptr, nullptr});
    }
  }
  std::stable_sort(m_steps.begin(), m_steps.end(),
                   [](const Step& a, const Step& b) { return a.at < b.at; });
  // A repeated status is no change (ServiceNow, for one, logs every save).
  std::optional<Status> last;
  std::size_t kept = 0;
  for (const Step& step : m_steps) {
    if (step.status) {
      if (step.status == last && step.action != io::k_migrate_action) {
        continue;
      }
      last = step.status;
    }
    m_steps[kept++] = step;
  }
  m_steps.resize(kept);
}

std::optional<Status> ImportHistory::last_status() const
{
  for (auto step = m_steps.rbegin(); step != m_steps.rend(); ++step) {
    if (step->status) {
      return step->status;
    }
  }
  return std::nullopt;
}

void ImportHistory::apply(const Step& step, State& state)
{
  if (!step.status) {
    add(step.at, step.actor, step.action.value_or(model::Action::comment), {}, std::nullopt,
        std::nullopt, step.note);
    return;
  }
  if (step.action == io::k_migrate_action) {
    // As schema 9 recorded it: the move onto the type's own lifecycle.
    add(step.at, step.actor, model::Action::migrate, "status", text(state.status), text(*step.status),
        step.note);
    state.status = *step.status;
    set_type(*m_own_type);
    return;
  }
  if (*step.status == state.status) {
    return;
  }
  const Status to = *step.status;
  const model::RecordType& type = *m_type;
  if (m_reopen_to && type.is_resolved(state.status) && !type.is_final(state.status)
      && type.is_open(to) && !type.can(state.status, to)) {
    // Reopened into work: the lifecycle's reopen first, then the change.
    add(step.at, step.actor, model::Action::reopen, "status", text(state.status), text(*m_reopen_to), step.note);
    state.resolved.reset();
    state.closed.reset();
    state.status = *m_reopen_to;
    if (to == state.status) {
      return;
    }
    add(step.at, step.actor, verb(type, state.status, to), "status", text(state.status), text(to));
    state.status = to;
    return;
  }
  const std::vector<Status> way =
    type.can(state.status, to) ? std::vector<Status>{} : type.path(state.status, to);
  const bool through_open = !way.empty() && std::all_of(way.begin(), way.end() - 1, [&](Status s) {
    return type.is_open(s);
  });
  if (through_open) {
    // A status the lifecycle reaches only through open ones (a change
    // imported in review): the shortest way there, a move at a time. No
    // resolution is invented on the way (an incident closed without one
    // is refused as before).
    for (std::size_t i = 0; i + 1 < way.size(); ++i) {
      Step via = step;
      via.status = way[i];
      via.note = nullptr;
      apply(via, state);
    }
  }
  const model::Action action = verb(type, state.status, to);
  add(step.at, step.actor, action, "status", text(state.status), text(to), step.note);
  if (action == model::Action::reopen) { // as `sdesk reopen`: the resolution no longer holds
    state.resolved.reset();
    state.closed.reset();
  }
  if (type.is_final(to)) {
    state.closed = step.at;
    // A final status no resolution leads to (a change rejected or
    // cancelled) is its own resolution; one a resolution leads to is not.
    const bool after_resolve = type.moves.resolve && type.can(*type.moves.resolve, to);
    if (!state.resolved && type.is_resolved(to) && !after_resolve) {
      state.resolved = step.at;
    }
  } else if (type.is_resolved(to)) {
    state.resolved = step.at;
  }
  state.status = to;
}

void ImportHistory::replay(std::size_t begin, std::size_t skip, State& state)
{
  for (std::size_t i = begin; i < m_steps.size(); ++i) {
    if (i != skip) {
      apply(m_steps[i], state);
    }
  }
}

std::size_t ImportHistory::first_new_step(std::span<const model::Event> history, Time recorded,
                                          const io::ImportRecord& record) const
{
  for (std::size_t i = 0; i < m_steps.size(); ++i) {
    const Step& step = m_steps[i];
    if (step.at > recorded) {
      return i;
    }
    if (holds(history, step.at, step.status, step.action, step.note)) {
      continue;
    }
    if (step.at == recorded) {
      return i; // appended after the last event, at the same time
    }
    if (step.given) { // older than the history's end: it cannot be added in order
      throw Error(ErrorKind::usage,
                  fmt::format("line {}: field 'events': {} at {} is not in the ticket's history and "
                              "is before its last event ({}); history is append-only (rule {})",
                              record.line, step.status ? model::to_string(*step.status)
                                          : model::to_string(step.action.value_or(model::Action::comment)),
                              util::format_time(step.at), util::format_time(recorded),
                              model::k_rule_history_order));
    }
  }
  return m_steps.size();
}

std::size_t ImportHistory::opening_step(Time created) const
{
  // The first status given, when it is an open status at creation; else the
  // ticket opens as new (one resolved as it was opened is opened, then
  // resolved at once).
  const auto first = std::find_if(m_steps.begin(), m_steps.end(),
                                  [](const Step& step) { return step.status.has_value(); });
  if (first != m_steps.end() && first->at <= created && m_type->is_open(*first->status)) {
    return static_cast<std::size_t>(first - m_steps.begin());
  }
  return m_steps.size();
}

std::vector<model::Event>& ImportHistory::for_new(io::ImportRecord& record)
{
  m_events.clear();
  model::Ticket& t = record.ticket;
  if (!record.has(Field::status) && record.events.empty()) {
    t.status = implied_status(t);
  }
  collect_steps(record, t);
  if (!record.has(Field::status)) {
    t.status = last_status().value_or(t.status);
  }
  use_type_of(t, 0);
  State state;
  state.status = m_type->initial;
  const std::size_t opening = opening_step(t.created);
  const std::optional<std::string>* opener = nullptr;
  if (opening < m_steps.size()) {
    state.status = *m_steps[opening].status;
    opener = m_steps[opening].actor;
  }
  m_last = t.created;
  add(t.created, opener, model::Action::open, "status", std::nullopt, text(state.status));
  replay(0, opening, state);
  if (state.status != t.status) { // the status given wins over the events
    apply({record.has(Field::updated) ? t.updated : m_last, t.status, {}, nullptr, nullptr}, state);
  }
  if (!t.resolved && m_type->is_resolved(t.status)) {
    t.resolved = state.resolved;
  }
  if (!t.closed && m_type->is_final(t.status)) {
    t.closed = state.closed;
  }
  if (!record.has(Field::updated)) {
    t.updated = m_last;
  }
  return m_events;
}

std::vector<model::Event>& ImportHistory::for_update(const model::Ticket& before,
                                                     std::span<const model::Event> history,
                                                     const io::ImportRecord& record,
                                                     model::Ticket& after, Time at)
{
  m_events.clear();
  collect_steps(record, after);
  if (!record.has(Field::status) && !record.events.empty()) {
    after.status = last_status().value_or(after.status);
  }
  // Only the steps the recorded history does not hold are new.
  Time recorded = before.created;
  for (const model::Event& e : history) {
    recorded = std::max(recorded, e.at);
  }
  const std::size_t begin = first_new_step(history, recorded, record);
  State state{before.status, before.resolved, before.closed};
  use_type_of(after, begin);
  m_last = recorded;
  replay(begin, m_steps.size(), state);
  if (!record.has(Field::resolved) || !after.resolved) {
    after.resolved = m_type->is_resolved(after.status) ? state.resolved : std::nullopt;
  }
  if (!record.has(Field::closed) || !after.closed) {
    after.closed = m_type->is_final(after.status) ? state.closed : std::nullopt;
  }
  model::Ticket replayed = before;
  replayed.status = state.status;
  replayed.resolved = state.resolved;
  replayed.closed = state.closed;
  for (auto& change : model::diff(replayed, after)) {
    if (!is_sla_field(change.field)) {
      const model::Action action =
        change.field == "status" ? verb(*m_type, replayed.status, after.status) : model::Action::import;
      add(at, nullptr, action, change.field, std::move(change.old_value),
          std::move(change.new_value));
    }
  }
  return m_events;
}

} // namespace sdesk::ops

#include "lib/ops/write.hpp"

#include "lib/model/lifecycle.hpp"
#include "lib/ops/hooks.hpp"
#include "lib/ops/notify.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::ops {

namespace {

// Events held back before they are appended at once (Batch::new_records).
constexpr std::size_t k_append_batch = 4096;

// Tickets one writer marks due for the escalation rules one by one; past
// that (a large import) it makes the next run look at every open ticket.
constexpr std::size_t k_mark_limit = 4096;

std::string refusal_message(model::TicketId id, const model::Violation& v)
{
  return id != 0 ? fmt::format("ticket {}: {}", id, model::describe(v))
                 : fmt::format("new ticket: {}", model::describe(v));
}

// The events of `events` that belong to record `id`: all of them (no copy)
// when they all do, else a copy in `buffer`.
std::span<const model::Event> events_of(const std::vector<model::Event>& events, model::TicketId id,
                                        std::vector<model::Event>& buffer)
{
  const auto other = [id](const model::Event& e) { return e.ticket_id != id; };
  if (std::none_of(events.begin(), events.end(), other)) {
    return events;
  }
  std::remove_copy_if(events.begin(), events.end(), std::back_inserter(buffer), other);
  return buffer;
}

// Throws InvariantRefused for the first invariant `t` with `history` breaks.
void require_all(model::TicketId id, const model::Ticket& t, std::span<const model::Event> history)
{
  auto violations = model::check_invariants(t, history);
  if (!violations.empty()) {
    throw InvariantRefused(id, std::move(violations.front()));
  }
}

// The checks of a changed record that need no read of its history.
void require_change(const model::Ticket& before, const model::Ticket& after,
                    std::span<const model::Event> events)
{
  for (const model::Event& e : events) {
    if (e.field == "status" && e.old_value && e.new_value) {
      model::require_transition(before.id, before.kind, model::parse_status(*e.old_value),
                                model::parse_status(*e.new_value));
    }
  }
  const util::Time at = events.empty() ? after.updated : events.front().at;
  require_invariants(after, at, &before);
  const model::Event* previous = nullptr;
  for (const model::Event& e : events) {
    if (previous && e.at < previous->at) {
      throw InvariantRefused(before.id, {"history", model::k_rule_history_order,
                                         fmt::format("an event at {} would be before the one before it ({})",
                                                     util::format_time(e.at),
                                                     util::format_time(previous->at))});
    }
    previous = &e;
  }
  if (at < before.updated) { // history in time order, without reading it
    throw InvariantRefused(before.id, {"history", model::k_rule_history_order,
                                       fmt::format("an event at {} would be before its last change ({})",
                                                   util::format_time(at),
                                                   util::format_time(before.updated))});
  }
}

// The index of the first event of each notifiable action among
// events[from...) (of every action when `every`): an action is a run of
// events of one ticket, one action and one time (a command's field
// changes, its note).
std::vector<std::size_t> notifiable_actions(const std::vector<model::Event>& events,
                                            std::size_t from, bool every)
{
  std::vector<std::size_t> starts;
  for (std::size_t i = from; i < events.size(); ++i) {
    const model::Event& e = events[i];
    const bool continues = i > from && events[i - 1].ticket_id == e.ticket_id
                           && events[i - 1].action == e.action && events[i - 1].at == e.at;
    if (!continues && (every || model::is_notifiable(e.action))) {
      starts.push_back(i);
    }
  }
  return starts;
}

} // namespace

InvariantRefused::InvariantRefused(model::TicketId id, model::Violation violation)
  : Error(ErrorKind::refused, refusal_message(id, violation)),
    m_violation(std::move(violation))
{
}

void require_invariants(const model::Ticket& t, util::Time at, const model::Ticket* before)
{
  auto violations = model::check_fields(t);
  if (at < t.created) {
    violations.push_back({"history", model::k_rule_history_order,
                          fmt::format("an event at {} would be before created ({})",
                                      util::format_time(at), util::format_time(t.created))});
  }
  const auto known = before ? model::check_fields(*before) : std::vector<model::Violation>{};
  for (model::Violation& v : violations) {
    const bool old = std::any_of(known.begin(), known.end(), [&](const model::Violation& k) {
      return k.field == v.field && k.rule == v.rule;
    });
    if (!old) {
      throw InvariantRefused(t.id, std::move(v));
    }
  }
}

ChangeWriter::ChangeWriter(Context& ctx, Batch batch)
  : m_ctx(ctx),
    m_batch(batch)
{
}

void ChangeWriter::check(const ChangeSet& set) const
{
  std::size_t created = 0;
  for (const RecordChange& r : set.records) {
    std::vector<model::Event> buffer;
    if (!r.before) {
      if (++created > 1) {
        throw Error(ErrorKind::internal, "a change set creates at most one record");
      }
      require_all(0, r.after, events_of(set.events, 0, buffer));
    } else if (!set.history.empty()) {
      require_all(r.before->id, r.after, set.history);
    } else {
      require_change(*r.before, r.after, events_of(set.events, r.before->id, buffer));
    }
  }
}

bool ChangeWriter::queues_every_action() const
{
  return m_ctx.hooks != nullptr && !m_ctx.hooks->consumers().empty();
}

void ChangeWriter::queue(const std::vector<model::OutboxEntry>& entries)
{
  m_ctx.store.queue(entries);
  if (queues_every_action()) {
    m_ctx.hooks->queued(m_ctx, entries); // their deliveries, in this transaction
  }
  queue_notifications(m_ctx, entries); // mail's, when mail.address is set

}

// Every ticket a set writes (a new or changed record, an event) may now
// have an escalation rule due earlier than the watch says (a priority
// raised, a clock restarted, old dates imported): mark it due, so that the
// next auto_escalate run judges it again (lib/ops/auto_escalate.hpp). Only
// when rules are configured or a sweep is recorded (the store decides the
// latter): without either, the next run with rules looks at every open
// ticket anyway. A writer past k_mark_limit tickets forgets the sweep
// instead (one statement).
void ChangeWriter::mark_for_escalation(const ChangeSet& set)
{
  store::EscalationWatchStore& escalation_watch = m_ctx.backend.escalation_watch();
  if (m_marked > k_mark_limit) {
    return;
  }
  std::vector<model::TicketId> ids;
  for (const RecordChange& r : set.records) {
    ids.push_back(r.after.id);
  }
  for (const model::Event& e : set.events) {
    ids.push_back(e.ticket_id);
  }
  for (const model::LinkChange& link : set.links) {
    ids.push_back(link.from);
    ids.push_back(link.to);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::erase(ids, model::TicketId{0});
  m_marked += ids.size();
  if (m_marked > k_mark_limit) {
    escalation_watch.forget_sweep();
    return;
  }
  if (m_ctx.config.escalation_rules.empty()) {
    escalation_watch.mark_due_if_swept(ids);
  } else {
    escalation_watch.mark_due(ids);
  }
}

void ChangeWriter::write(ChangeSet& set)
{
  if (m_ctx.hooks != nullptr) {
    m_ctx.hooks->before_write(m_ctx, set); // may refuse, or patch `set`
  }
  check(set); // everything before anything is written
  bool only_creates = set.links.empty();
  for (RecordChange& r : set.records) {
    if (r.before) {
      only_creates = false;
    }
  }
  const bool hold = m_batch == Batch::new_records && only_creates;
  if (!hold) {
    flush(); // the held-back events come first, in order
  }
  for (RecordChange& r : set.records) {
    if (r.before) {
      m_ctx.store.update(r.after);
      continue;
    }
    r.after.id = m_ctx.store.insert(r.after);
    for (model::Event& e : set.events) {
      if (e.ticket_id == 0) {
        e.ticket_id = r.after.id;
      }
    }
  }
  mark_for_escalation(set);
  if (hold) {
    const std::size_t from = m_pending.size();
    std::move(set.events.begin(), set.events.end(), std::back_inserter(m_pending));
    set.events.clear();
    if (set.notify) {
      for (const std::size_t i : notifiable_actions(m_pending, from, queues_every_action())) {
        m_outbox.push_back({i, {0, std::string(model::to_string(m_pending[i].action)),
                                    m_pending[i].ticket_id, m_ctx.now}});
      }
    }
    if (m_pending.size() >= k_append_batch) {
      flush();
    }
    return;
  }
  const std::vector<std::int64_t> ids = m_ctx.store.append(set.events);
  if (set.notify) {
    std::vector<model::OutboxEntry> entries;
    for (const std::size_t i : notifiable_actions(set.events, 0, queues_every_action())) {
      entries.push_back({ids[i], std::string(model::to_string(set.events[i].action)),
                         set.events[i].ticket_id, m_ctx.now});
    }
    if (!entries.empty()) {
      queue(entries);
    }
  }
  if (!set.links.empty()) {
    m_ctx.store.write_links(set.links);
  }
}

void ChangeWriter::flush()
{
  if (m_pending.empty()) {
    return;
  }
  const std::vector<std::int64_t> ids = m_ctx.store.append(m_pending);
  if (!m_outbox.empty()) {
    std::vector<model::OutboxEntry> entries;
    entries.reserve(m_outbox.size());
    for (auto& [index, entry] : m_outbox) {
      entry.event_id = ids[index];
      entries.push_back(std::move(entry));
    }
    queue(entries);
  }
  m_pending.clear();
  m_outbox.clear();
}

void write_changes(Context& ctx, ChangeSet& set)
{
  ChangeWriter(ctx).write(set);
}

std::size_t deliver_hooks(Context& ctx, std::size_t limit)
{
  return ctx.hooks != nullptr ? ctx.hooks->deliver_due(ctx, limit) : 0;
}

} // namespace sdesk::ops

#pragma once

// The write path: every change to tickets (open, apply_change, import)
// reaches the store through here, as a change set that is checked once and
// then written with its outbox rows, all in the caller's write transaction.

#include "lib/model/invariants.hpp"
#include "lib/model/link_change.hpp"
#include "lib/model/outbox.hpp"
#include "lib/model/ticket.hpp"
#include "lib/ops/context.hpp"
#include "lib/util/error.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace sdesk::ops {

// One record a change set creates or changes.
struct RecordChange {
  std::optional<model::Ticket> before; // as stored; nothing: a new record
  model::Ticket after;                 // as it is to be stored (`id` 0 when new)
};

// Everything one action writes. An event belongs to the record with its
// `ticket_id`; ticket id 0 names the set's new record (a set creates at most
// one). Events on a record the set does not change (a note recorded without
// touching the ticket, the other end of a link) are written as they are.
struct ChangeSet {
  std::vector<RecordChange> records;
  std::vector<model::Event> events; // oldest first
  std::vector<model::LinkChange> links;
  // The whole history of the changed record after the change (its stored
  // events, then `events`), when the caller has read it (import does): the
  // record is then checked against every invariant over that history. Must
  // outlive the write.
  std::span<const model::Event> history;
  // Queue the set's notifiable actions in the outbox (false: an import
  // without --notify).
  bool notify = true;
};

// The refusal of a change that breaks an invariant of
// lib/model/invariants.hpp: Error(refused) "ticket 42: <field>: ... (rule R)",
// with the broken rule for callers that word it their own way (import).
class InvariantRefused : public Error {
public:
  InvariantRefused(model::TicketId id, model::Violation violation);
  const model::Violation& violation() const { return m_violation; }

private:
  model::Violation m_violation;
};

// Throws InvariantRefused when `t`, about to be stored with events at `at`,
// would break an invariant that can be checked without reading its
// history: the rules on its fields, and no event before `created`. A rule
// that `before` (the ticket as stored) already broke, written by an older
// sdesk or by hand, does not block the change: only a new violation does
// (`sdesk verify` lists the old ones).
void require_invariants(const model::Ticket& t, util::Time at,
                        const model::Ticket* before = nullptr);

// Writes change sets into the store, in the write transaction the caller
// holds. For each set, first runs the pre-open/pre-change hooks, then
// checks it all (nothing is written when a check fails; see write()), then
// writes: new record, changed records, events, outbox rows (with their
// deliveries to post-commit hooks), links.
class ChangeWriter {
public:
  // What the writer may hold back: nothing, or the events (and outbox rows)
  // of sets that only create a record, appended many at once by flush().
  enum class Batch { none, new_records };

  explicit ChangeWriter(Context& ctx, Batch batch = Batch::none);

  // Runs the hooks that may refuse or patch `set` (ctx.hooks, if any), then
  // checks `set`, then writes it; sets the id of its new record (in
  // `after` and in its events). Checks, in this order, for each record:
  //  - a new record: every invariant over its events (model::check_invariants:
  //    fields, history order, the lifecycle replayed from its opening);
  //  - a changed record with `set.history`: every invariant over that history;
  //  - else: each status event is a move the lifecycle allows
  //    (model::require_transition), require_invariants() at the first event,
  //    and no event before the one before it or before the record's last
  //    change (`before->updated`), so that history stays in time order.
  // Throws Error(refused) (InvariantRefused for an invariant), or what the
  // store throws (Error(usage) for a text that is not valid UTF-8 or too
  // long); a failed set has written nothing, except that with
  // Batch::new_records a text error of held-back events surfaces at flush().
  void write(ChangeSet& set);

  // Writes what write() held back. Call before reading history and before
  // commit.
  void flush();

private:
  // Throws when `set` must not be written (see write()).
  void check(const ChangeSet& set) const;
  // Whether every action is queued in the outbox, not only the notifiable
  // ones: when post-commit hooks are installed (lib/ops/hooks.hpp).
  bool queues_every_action() const;
  // Queues `entries` in the outbox, with a delivery to each hook consumer.
  void queue(const std::vector<model::OutboxEntry>& entries);
  // Makes the records `set` wrote due for the escalation rules (see
  // write.cpp).
  void mark_for_escalation(const ChangeSet& set);

  Context& m_ctx;
  Batch m_batch;
  std::vector<model::Event> m_pending;
  std::vector<std::pair<std::size_t, model::OutboxEntry>> m_outbox; // by index into m_pending
  std::size_t m_marked = 0;       // tickets marked due so far
};

// ChangeWriter(ctx).write(set), without holding anything back: the one
// call that open and apply_change make inside their transaction.
void write_changes(Context& ctx, ChangeSet& set);

} // namespace sdesk::ops

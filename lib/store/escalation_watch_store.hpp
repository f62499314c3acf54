#pragma once

// When auto-escalation (lib/ops/auto_escalate.hpp) next needs to look at a
// ticket (table escalation_watch, migration 18), and the configuration the
// rows were computed under (table escalation_sweep), so that a tick reads
// only the tickets whose rules can be due, not every open ticket. A row is
// a lower bound: the rules cannot fire for the ticket before `check_at`
// unless the ticket or the configuration changes. The write path makes
// every ticket it changes due at once (mark_due); a changed configuration
// (another fingerprint than swept_under()) makes every open ticket due once.

#include "lib/model/ticket.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sdesk::store {

// Reads and writes the watch, in the current transaction of the backend's
// ticket store (Backend::escalation_watch()). Every call throws
// Error(store) when the store fails.
class EscalationWatchStore {
public:
  EscalationWatchStore() = default;
  EscalationWatchStore(const EscalationWatchStore&) = delete;
  EscalationWatchStore& operator=(const EscalationWatchStore&) = delete;
  virtual ~EscalationWatchStore() = default;

  // The fingerprint of the configuration under which every open ticket was
  // last judged (set_swept_under); nothing when never, or forgotten since.
  virtual std::optional<std::string> swept_under() = 0;
  // Records that every open ticket was judged under `fingerprint`.
  virtual void set_swept_under(const std::string& fingerprint) = 0;
  // Before a sweep judges every open ticket: waits until every writer that
  // began before it has committed, and keeps writers that begin after it
  // waiting until its transaction ends, so that the sweep sees every
  // ticket written before it and every writer after it sees the sweep
  // (else a writer that found no sweep recorded, and so marked nothing,
  // could commit a ticket that the sweep did not see: never judged). Only
  // where writers run at once (PostgreSQL); SQLite's writers take turns.
  // Throws StoreBusy when the wait outlasts the lock timeout.
  virtual void lock_for_sweep() = 0;
  // Forgets the fingerprint, so that the next run judges every open ticket
  // (a write that changes too many tickets to mark them one by one).
  virtual void forget_sweep() = 0;

  // The tickets due at `now` (check_at <= now), by id.
  virtual std::vector<model::TicketId> due(model::Time now) = 0;
  // Makes each ticket of `ids` due at once, whatever its row said.
  virtual void mark_due(std::span<const model::TicketId> ids) = 0;
  // As mark_due(), but only while a sweep is recorded (swept_under() has
  // a value), decided by the store: the write path marks so when no rules
  // are configured, without reading the sweep first (on a server, the mark
  // then travels with the writes it follows).
  virtual void mark_due_if_swept(std::span<const model::TicketId> ids) = 0;
  // Sets when ticket `id` is next looked at; nothing: not until it or the
  // configuration changes (its row is removed).
  virtual void set_next_check(model::TicketId id, std::optional<model::Time> at) = 0;
};

} // namespace sdesk::store

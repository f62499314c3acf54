#pragma once

#include "lib/model/link.hpp"
#include "lib/model/link_change.hpp"
#include "lib/model/outbox.hpp"
#include "lib/model/chain.hpp"
#include "lib/model/ticket.hpp"
#include "lib/store/change_journal.hpp"
#include "lib/store/query.hpp"
#include "lib/util/error.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sdesk::store {

enum class TxMode {
  read,  // a consistent snapshot for reading
  write, // takes the write lock up front (BEGIN IMMEDIATE), so read-then-write cannot deadlock
};

// The narrow interface between sdesk's use cases and where tickets are kept.
// A Backend hands it out (backend.hpp); SQLite implements it today
// (sqlite_store.hpp), and any other backend must pass the same contract
// tests (tests/unit/store/contract_*_test.cpp). Every method throws
// Error(store) when the backend fails. Callers group calls in one
// transaction (see Transaction); transactions do not nest.
//
// A backend notes in journal() what its transactions create and change
// (begin, created, appended, then commit or rollback), so that a command can
// say what committed when a later step fails.
class TicketStore {
public:
  TicketStore() = default;
  TicketStore(const TicketStore&) = delete; // journal() may point into the object
  TicketStore& operator=(const TicketStore&) = delete;
  virtual ~TicketStore() = default;

  // What the committed transactions changed: the store's own journal, or
  // the one given to note_changes_in().
  ChangeJournal& journal() { return *m_journal; }

  // From now on, notes changes in `journal`, which must outlive the store
  // (it is read after the store is gone).
  void note_changes_in(ChangeJournal& journal) { m_journal = &journal; }

  // From now on every write transaction (Transaction with TxMode::write) is
  // refused before it takes the write lock, with Error(refused) `reason`:
  // a hook's sdesk that would otherwise wait for the lock its own command
  // holds (lib/hooks). Reads are not affected.
  void refuse_writes(std::string reason) { m_write_refusal = std::move(reason); }
  // The reason given to refuse_writes(), if any.
  const std::optional<std::string>& write_refusal() const { return m_write_refusal; }

  virtual void begin(TxMode mode) = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;

  // The ticket with `id`, or nothing.
  virtual std::optional<model::Ticket> find(model::TicketId id) = 0;

  // The id of the ticket with external reference `ref`, or nothing.
  virtual std::optional<model::TicketId> find_by_ref(const std::string& ref) = 0;

  // Stores a new ticket and returns its id (`ticket.id` is ignored).
  // Throws Error(usage) naming the field, and stores nothing, when a text
  // is not valid UTF-8 or longer than its limit (model::check_texts).
  virtual model::TicketId insert(const model::Ticket& ticket) = 0;

  // Replaces the stored state of `ticket.id`. Every field it changes is
  // also recorded by an event, which append() checks.
  virtual void update(const model::Ticket& ticket) = 0;

  // Appends events to the history (their `id` is ignored), each with its
  // link in its ticket's hash chain (model::chain_hash over the ticket's
  // head), and moves the ticket's count and head on. Returns the id
  // each got, in the order of `events`. Throws
  // Error(usage), and appends nothing, when the text an event brings (its
  // actor, note or new value) is not valid UTF-8 or longer than its limit
  // (model::check_texts). With insert(), this is the one place every text
  // passes through on its way into the store, whatever command wrote it.
  // Throws Error(store) for an event of a ticket that is not stored (but
  // in a bulk session, whose caller guarantees it). The history keeps the
  // order of appending, whatever the events' times.
  virtual std::vector<std::int64_t> append(const std::vector<model::Event>& events) = 0;

  // Queues `entries` in the outbox, in the current write transaction; each
  // names an appended event (its key: one entry per event).
  virtual void queue(const std::vector<model::OutboxEntry>& entries) = 0;

  // Calls `visit` for each queued entry, oldest (lowest event id) first, at
  // most `limit` of them when given.
  virtual void for_each_queued(std::optional<std::int64_t> limit,
                               const std::function<void(const model::OutboxEntry&)>& visit) = 0;

  // The queued entries of ticket `id`, oldest first.
  virtual std::vector<model::OutboxEntry> queued(model::TicketId id) = 0;

  // Adds and removes links between records (issue 8, section 5), in the
  // current write transaction, in order: each through add_link() or
  // remove_link() (the write path has checked that each changes something).
  void write_links(const std::vector<model::LinkChange>& links);

  // The history of one ticket, oldest first. Throws Error(store) naming the
  // event for an action this sdesk does not know.
  virtual std::vector<model::Event> events(model::TicketId id) = 0;

  // Stores `link` (canonical, model::make_link; both tickets stored) unless
  // it is stored already. Returns whether it was added.
  virtual bool add_link(const model::Link& link) = 0;

  // Removes `link` (canonical). Returns whether it was stored.
  virtual bool remove_link(const model::Link& link) = 0;

  // The links of ticket `id`, as stored (canonical), at either end; ordered
  // by type, then from, then to.
  virtual std::vector<model::Link> links(model::TicketId id) = 0;

  // The history of ticket `id` as stored for its hash chain: its events
  // (as events() gives them), the hash stored with each, and the count and
  // head the ticket row records; nothing when there is no ticket `id`.
  virtual std::optional<model::StoredChain> chain(model::TicketId id) = 0;

  // Calls `visit` for each ticket matching `query`, in its order, without
  // holding them all in memory. `visit` may call find() and events() (an
  // export reads each ticket's history as it goes).
  virtual void for_each(const TicketQuery& query,
                        const std::function<void(const model::Ticket&)>& visit) = 0;

  // Bulk loading (imports): many inserts and appends follow in the current
  // write transaction. begin_bulk_load() lets the store trade memory and its
  // own safety nets for speed until finish_bulk_load(), which the caller
  // calls before commit(); rolling back ends it too. The caller validates
  // what it stores. Both do nothing by default.
  virtual void begin_bulk_load() {}
  virtual void finish_bulk_load() {}

  // Settings for a bulk load that a store can only change outside a
  // transaction: begin_bulk_session() before the write transaction begins,
  // end_bulk_session() after it ended (committed or not). The caller
  // guarantees that every event it appends belongs to a stored ticket. Both
  // do nothing by default; use BulkSession rather than calling them.
  virtual void begin_bulk_session() {}
  virtual void end_bulk_session() noexcept {}

private:
  ChangeJournal m_own_journal;
  ChangeJournal* m_journal = &m_own_journal;
  std::optional<std::string> m_write_refusal;
};

// A bulk-load session on a TicketStore, for the life of the object: wraps
// the Transaction of an import.
class BulkSession {
public:
  explicit BulkSession(TicketStore& store)
    : m_store(store)
  {
    m_store.begin_bulk_session();
  }

  BulkSession(const BulkSession&) = delete;
  BulkSession& operator=(const BulkSession&) = delete;

  ~BulkSession() { m_store.end_bulk_session(); }

private:
  TicketStore& m_store;
};

// A transaction on a TicketStore: begun on construction, rolled back on
// destruction unless commit() was called. Neither copyable nor movable; use
// cases (lib/ops) own transactions and never nest them.
class Transaction {
public:
  // Throws Error(refused) for a write when the store refuses writes
  // (TicketStore::refuse_writes), else what begin() throws.
  Transaction(TicketStore& store, TxMode mode)
    : m_store(store)
  {
    if (mode == TxMode::write && store.write_refusal()) {
      throw Error(ErrorKind::refused, *store.write_refusal());
    }
    m_store.begin(mode);
  }

  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  ~Transaction()
  {
    if (!m_done) {
      m_store.rollback();
    }
  }

  void commit()
  {
    m_store.commit();
    m_done = true;
  }

private:
  TicketStore& m_store;
  bool m_done = false;
};

} // namespace sdesk::store

#pragma once

#include "lib/model/ticket.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace sdesk::store {

// What a store's committed transactions changed, in brief: which tickets were
// created and which changed, by what actions. It lets a command that fails
// after its change committed (say, writing its output to a full disk) tell
// the user what did happen. A TicketStore notes into it (see
// TicketStore::journal); only commit() makes a transaction's notes count.
// Memory stays constant whatever the number of changes.
class ChangeJournal {
public:
  // A new transaction begins; notes of an unfinished one are dropped.
  void begin();

  // Ticket `id` was stored as new in the current transaction.
  void created(model::TicketId id);

  // `events` were appended in the current transaction; those of tickets not
  // created in it count as changes to them (events of one ticket come
  // together, as every use case appends them).
  void appended(const std::vector<model::Event>& events);

  // The current transaction committed, or rolled back.
  void commit();
  void rollback();

  // What committed, as the start of a sentence: "ticket 12 was created",
  // "ticket 12 was changed (assign)", "3 tickets were changed (escalate)",
  // "120 tickets were created and 2 changed (update)"; empty when nothing
  // committed.
  std::string describe() const;

private:
  struct Tally {
    std::int64_t created = 0;
    model::TicketId first_created = 0; // ids grow: a created ticket's id is >= this
    std::int64_t changed = 0;          // runs of events of one ticket not created
    model::TicketId last_changed = 0;
    std::vector<std::string> actions; // distinct, in order of first use; a few at most
  };

  // Adds `from` to `into`.
  static void merge(Tally& into, const Tally& from);
  // Notes `action` among `tally`'s actions.
  static void add_action(Tally& tally, const std::string& action);

  Tally m_pending;
  Tally m_committed;
};

} // namespace sdesk::store

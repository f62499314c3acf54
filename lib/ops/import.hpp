#pragma once

#include "lib/io/record.hpp"
#include "lib/ops/context.hpp"

#include <cstddef>
#include <functional>
#include <string>

namespace sdesk::ops {

// Called for each record refused with --skip-invalid, with the reason (the
// one-line error message, "line N: field 'F': ...").
using ImportReject = std::function<void(const io::ImportRecord&, const std::string& reason)>;

struct ImportOptions {
  bool dry_run = false; // check and count everything, then roll back
  // Store the valid records; pass each refused one (bad input, Error(usage))
  // to `reject` instead of failing. Other errors still end the import.
  bool skip_invalid = false;
  ImportReject reject{};
  // Queue the notifiable actions of the imported history in the outbox (as
  // if they had been recorded live now). Off by default: a migration from
  // another tool must not notify everyone of years of old tickets.
  bool notify = false;
};

struct ImportSummary {
  std::size_t records = 0;   // read, rejected ones included
  std::size_t created = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0; // a known ref whose record changes nothing
  std::size_t rejected = 0;  // refused, with skip_invalid
  std::size_t events = 0;    // history events written
};

// Fills the next record; false at the end of the input. Throws to abort.
using RecordSource = std::function<bool(io::ImportRecord&)>;

// Called every few thousand records, and once more with `saving` when all
// are read and the store builds its indexes and commits.
using ImportProgress = std::function<void(const ImportSummary&, bool saving)>;

// Imports every record `next` yields, in one write transaction: all or
// nothing. A record whose `ref` is already stored (or was imported earlier
// in the same input) updates that ticket; any other record creates one.
//
// A new ticket keeps its times as given and gets the history it would have
// had if it had been recorded live: an "open" event per initial field at
// `created`, then each status change at its time under the lifecycle verb
// that fits (assign, start, pending, resolve, close, reopen when leaving
// resolved or closed, import otherwise) with the resolved and closed times,
// and the first response at its time. Without `events`, the status changes
// follow from the resolved and closed times. An absent or null `resolved`
// or `closed` is taken from the last change to that status (unless the
// ticket was reopened after it); an absent `status` from the last event.
// An update records each changed field under the action "import", after
// the status changes later than the ticket's recorded history. SLA fields
// are then computed from the history (sla::refresh); history does not
// record them.
//
// Every ticket stored satisfies the invariants (lib/model/invariants.hpp).
// Throws Error(usage) "line N: field 'F': ..." for a record that cannot be
// stored (a new ticket without title or created time; a record that would
// break an invariant, naming the rule; a record that would change a closed
// ticket; an event older than the stored history that it does not hold, or
// a record the reader refused: `error`); the store is then unchanged.
// With `skip_invalid`, such a record is passed to `reject` instead, and the
// others are stored. With `dry_run` nothing is written either way.
ImportSummary import_tickets(Context& ctx, const RecordSource& next, const ImportOptions& options,
                             const ImportProgress& progress = {});

} // namespace sdesk::ops

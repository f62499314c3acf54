#pragma once

#include "lib/store/database.hpp"

namespace sdesk::store {

// The C++ step of schema migration 6, inside its transaction: in one pass
// over the history (ordered by ticket, then event id) it fills the `data`
// of escalation events that an older sdesk described only in their note
// (model::read_old_note; nothing reads notes after this), then computes
// each event's hash and each ticket's count and head (docs/history.md).
// The append-only trigger is dropped for the pass and made again. Throws
// Error(store) naming the event for an action this sdesk does not know.
void backfill_history(Database& db);

} // namespace sdesk::store

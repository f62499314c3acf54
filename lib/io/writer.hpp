#pragma once

#include "lib/model/ticket.hpp"

#include <span>
#include <string>

namespace sdesk::io {

// Appends one JSON Lines record for export: the ticket object exactly as
// `list --json` writes it, plus "events": what import reads back to rebuild
// the history (`history` oldest first). Each status change is
// {"at", "status", "actor", "note"}; each comment and escalation
// {"at", "action", "actor", "note"}, once per action (an escalation that
// also changed the status gives both, its note on the action). Other field
// changes are not exported: the ticket holds their last values. Ends with
// "\n".
void append_jsonl(std::string& out, const model::Ticket& ticket,
                  std::span<const model::Event> history);

} // namespace sdesk::io

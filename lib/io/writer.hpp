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

// The CSV header of export and `list --csv`: one column per field of
// model::k_fields (lib/model/fields.hpp), named as in JSON. Ends with "\n".
std::string csv_header();

// Appends `ticket` as one CSV record under csv_header(): every field as
// model::csv_text() writes it, neutralised for spreadsheets
// (util::append_csv_record). Ends with "\n".
void append_csv(std::string& out, const model::Ticket& ticket);

} // namespace sdesk::io

#pragma once

#include "lib/model/link.hpp"
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
// changes are not exported: the ticket holds their last values. Then, when
// the ticket has links, "links": each {"type", "target", "target_ref"} from
// this ticket's point of view (`links`, as ops::linked_tickets gives them);
// absent without links. Ends with "\n".
void append_jsonl(std::string& out, const model::Ticket& ticket,
                  std::span<const model::Event> history,
                  std::span<const model::LinkedTicket> links = {});

// The CSV header of export and `list --csv`: one column per field of
// model::k_fields (lib/model/fields.hpp), named as in JSON. Ends with "\n".
std::string csv_header();

// Appends `ticket` as one CSV record under csv_header(): every field as
// model::csv_text() writes it, neutralised for spreadsheets
// (util::append_csv_record). Ends with "\n".
void append_csv(std::string& out, const model::Ticket& ticket);

} // namespace sdesk::io

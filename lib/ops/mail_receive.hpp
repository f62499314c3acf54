#pragma once

// `sdesk mail receive` (docs/sdesk-mail.md): one message from an MTA onto
// the ticket it belongs to, or onto a new one.

#include "lib/model/ticket.hpp"
#include "lib/ops/context.hpp"

#include <optional>
#include <string>

namespace sdesk::ops {

// What happened to a message.
enum class MailOutcome {
  created,     // a new ticket
  linked,      // a new ticket linked to the one it matched (not allowed, forward, too old)
  appended,    // a comment on the matched ticket
  reopened,    // the matched resolved ticket reopened, and the comment added
  duplicate,   // its Message-ID was stored already: nothing changed
  dropped,     // automatic mail (auto-reply, bounce, list): no ticket opened or reopened
  quarantined, // not readable as mail: kept in the quarantine directory
};

// The outcome's name as printed: "created", "appended", ...
std::string_view to_string(MailOutcome outcome);

// What `mail receive` was asked.
struct MailRequest {
  std::string raw;                     // the message as read
  std::optional<std::string> group;    // the group of new tickets (default: desk.default_group)
  bool internal = false;               // --action comment: an internal comment
  std::optional<model::TicketId> ticket; // --ticket: the ticket, whatever the message says
  std::string quarantine;              // the directory for unreadable mail
};

// What receive_mail did.
struct MailResult {
  MailOutcome outcome = MailOutcome::created;
  std::optional<model::TicketId> ticket;   // the ticket the message is on
  std::optional<model::TicketId> previous; // linked: the ticket it matched
  std::string reason;     // how it matched, or why it was dropped/linked/quarantined
  std::string message_id; // as stored (a synthetic "sha256:..." without one)
  int attachments = 0;    // attachments stored
  int skipped = 0;        // attachments over mail.max_attachment, not stored
};

// Handles one message in one write transaction (docs/sdesk-mail.md has the
// rules: which ticket, who may write, reopening, automatic mail). A message
// that cannot be read is written to `request.quarantine` (directory 0700,
// file 0600) and nothing else happens. Throws Error(not_found) for an
// unknown --ticket, Error(io) when the quarantine cannot be written,
// Error(store) (StoreBusy when busy); nothing is stored then.
MailResult receive_mail(Context& ctx, const MailRequest& request);

} // namespace sdesk::ops

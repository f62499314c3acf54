#pragma once

// Ticket notifications by mail (docs/sdesk-mail.md, "Mail out"): which
// recorded actions tell whom ([mail.notify]), from the outbox. The write
// path adds a delivery to consumer "mail" for each notifiable outbox row
// (queue_notifications); notify_due() later turns each into messages on the
// outgoing queue (lib/ops/mail_out.hpp) with the event's template
// (lib/ops/mail_template.hpp).

#include "lib/model/outbox.hpp"
#include "lib/ops/context.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace sdesk::ops {

// The delivery consumer of mail notifications (table `delivery`).
inline constexpr const char* k_mail_consumer = "mail";

// Whether mail notifications are on: mail.address is set.
bool notifies_by_mail(const config::Config& config);

// Called by the write path in its write transaction with the outbox rows
// it queued: adds a delivery to consumer "mail" for each notifiable one,
// due now, when notifies_by_mail(). Throws Error(store).
void queue_notifications(Context& ctx, std::span<const model::OutboxEntry> entries);

// The recipients of [mail.notify] event `event` (the configured list, or
// the default: docs/sdesk-mail.md).
std::vector<std::string> notify_recipients(const config::Config& config, std::string_view event);

// Turns the due "mail" deliveries (at most `limit`) into messages on the
// outgoing queue, each in a write transaction of its own (claimed there,
// so that two processes never queue one twice): the action's notification
// event ("open", "comment", ...; nothing for an internal comment), its
// recipients' addresses (no one twice, never the actor but for the
// requester's acknowledgement of "open", never the desk's own address or
// mailer-daemon/postmaster), one message each from the event's template.
// A delivery that fails (a bad template, say) is retried later with the
// reason recorded. Returns how many messages were queued; `details` gets a
// line per failure. Does nothing without notifies_by_mail().
int notify_due(Context& ctx, std::size_t limit, std::vector<std::string>& details);

} // namespace sdesk::ops

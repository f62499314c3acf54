#pragma once

// Mail out (docs/sdesk-mail.md): the one outgoing mail queue. Anything
// that mails someone (ticket notifications, announcements) calls
// queue_mail() in its write transaction; deliver_mail() (tick's "mail"
// step, `sdesk mail flush`, and right after the command when mail.deliver
// is "commit") hands what is due to the sendmail command.

#include "lib/model/ticket.hpp"
#include "lib/ops/context.hpp"
#include "lib/store/delivery_store.hpp"
#include "lib/store/mail_queue_store.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::ops {

// How the reason of a message put off by the hourly limit starts (its
// last_error), so that `mail outbox` can call it deferred.
inline constexpr std::string_view k_deferred = "deferred:";

// One message to one recipient, before it is queued.
struct MailToSend {
  std::string to;                        // the recipient's address (local@domain)
  std::string to_name;                   // their display name, or empty
  std::string subject;                   // UTF-8 text; line breaks become spaces
  std::string body;                      // UTF-8 text
  std::optional<model::TicketId> ticket; // the ticket it is about: tagged, threaded, recorded
  std::string kind;                      // who queues it: "notify:open", "announce" (mail outbox)
  // What makes the message unique with `to`: queuing the same key to the
  // same address twice queues it once. Its Message-ID is made from them,
  // so that it is the same on every try. "ticket 12 event 40", say.
  std::string key;
};

// Queues `mail` in the caller's write transaction: writes the whole
// message (From: mail.address; To; Subject, with "[TAG #N] " first when it
// is about a ticket; Date; a Message-ID from `key` and `to` on
// mail.address's domain; In-Reply-To the ticket's newest message and
// References its oldest and newest, when it has any; Auto-Submitted:
// auto-generated; the loop header; MIME, UTF-8 quoted-printable), and
// records the Message-ID with the ticket (mail_message, direction out) so
// that a reply finds it. Returns the queue id, or nothing when the same
// message is queued already. Throws Error(config) without mail.address,
// Error(usage) for an address that is not a plain local@domain, and what
// the store throws.
std::optional<std::int64_t> queue_mail(Context& ctx, const MailToSend& mail);

// What one delivery run did.
struct MailDelivery {
  int queued = 0;   // notifications put on the queue first (send_mail_now)
  int sent = 0;
  int failed = 0;   // the sendmail command failed: retried later (backoff)
  int deferred = 0; // over mail.hourly_limit for its address: sent later
  std::vector<std::string> details; // one line per message, for people
};

// Delivers the due messages of the queue, at most `limit`, oldest first:
// claims each in a write transaction of its own (so that a concurrent
// tick or flush does not send it too), checks the hourly limit of its
// recipient (over it: deferred to when the oldest of the hour's messages
// is an hour old, no attempt counted), runs mail.sendmail with the message
// on standard input (mail.send_timeout), then records the outcome: sent,
// or failed with the reason and the next try (util::retry_delay). A
// message that cannot be delivered is never dropped. Throws Error(store)
// when the store cannot be read.
MailDelivery deliver_mail(Context& ctx, std::size_t limit = 1000);

// What `sdesk mail flush`, tick's "mail" step and mail.deliver = "commit"
// run: the notifications that are due put on the queue, then
// deliver_mail(). Throws what they throw.
MailDelivery send_mail_now(Context& ctx, std::size_t limit = 1000);

// What `sdesk mail outbox` shows: the notifications not yet written as
// messages (the "mail" deliveries not done: waiting for the next tick or
// flush, or failed with the reason, a bad template say), and the messages
// not sent yet (pending, failed or deferred), each oldest first.
struct MailOutbox {
  std::vector<store::Delivery> notifications;
  std::vector<store::QueuedMail> messages;
};

// The outbox, in a read transaction of its own.
MailOutbox mail_outbox(Context& ctx);

} // namespace sdesk::ops

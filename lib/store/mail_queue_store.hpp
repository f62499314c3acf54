#pragma once

// The outgoing mail queue (docs/sdesk-mail.md, "Mail out"): every message
// sdesk sends, whoever queued it (ticket notifications, announcements),
// one row per message and recipient, kept after it is sent (the hourly
// limit counts the rows sent to an address). Table `mail_queue`,
// migration 18. Written in the backend's transactions
// (Backend::mail_queue()); lib/ops/mail_out.hpp is the one way in.

#include "lib/model/ticket.hpp"
#include "lib/util/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::store {

// One message of the queue.
struct QueuedMail {
  std::int64_t id = 0;                    // grows with each message queued
  std::string message_id;                 // without angle brackets; unique
  std::optional<model::TicketId> ticket;  // the ticket it is about, if any
  std::string kind;                       // who queued it: "notify:open", "announce"
  std::string recipient;                  // the one address it goes to (lower case)
  std::string subject;                    // decoded, for people (`mail outbox`)
  std::string message;                    // the whole RFC 5322 message, CRLF-free, ASCII
  util::Time created{};
  std::int64_t attempts = 0;              // failed attempts so far
  util::Time next_attempt{};              // due from then on, while not sent
  std::optional<util::Time> sent;
  std::optional<std::string> last_error;  // why the last attempt failed or was deferred
};

// Reads and writes the queue, in the current transaction of the backend's
// ticket store.
class MailQueueStore {
public:
  MailQueueStore() = default;
  MailQueueStore(const MailQueueStore&) = delete;
  MailQueueStore& operator=(const MailQueueStore&) = delete;
  virtual ~MailQueueStore() = default;

  // Adds `mail` (its id, attempts, sent and last_error are ignored), due at
  // its next_attempt; returns its id, or nothing when a message with its
  // message_id is queued already (then nothing is written). Throws
  // Error(store), also when its ticket names no ticket.
  virtual std::optional<std::int64_t> add(const QueuedMail& mail) = 0;

  // The messages not sent yet that are due at `now` (next_attempt <= now),
  // oldest first, at most `limit`. Throws Error(store).
  virtual std::vector<QueuedMail> due(util::Time now, std::size_t limit) = 0;

  // Every message not sent yet, due or not, oldest first. Throws
  // Error(store).
  virtual std::vector<QueuedMail> pending() = 0;

  // Takes message `id` if it is not sent and due at `now`, by moving its
  // next attempt to `until` (so that a second process does not send it
  // meanwhile); false when it is not due, sent or absent. Throws
  // Error(store).
  virtual bool claim(std::int64_t id, util::Time now, util::Time until) = 0;

  // Records that message `id` was handed to the mail system at `at`.
  // Throws Error(store).
  virtual void sent(std::int64_t id, util::Time at) = 0;

  // Records a failed attempt: one more attempt, `error`, next due at
  // `next`. Throws Error(store).
  virtual void failed(std::int64_t id, util::Time next, const std::string& error) = 0;

  // Puts message `id` off until `next` with `reason`, without counting an
  // attempt (the hourly limit). Throws Error(store).
  virtual void defer(std::int64_t id, util::Time next, const std::string& reason) = 0;

  // The times messages to `recipient` were sent at or after `since`,
  // oldest first (one indexed range). Throws Error(store).
  virtual std::vector<util::Time> sent_to(std::string_view recipient, util::Time since) = 0;
};

} // namespace sdesk::store

#pragma once

// What mail and attachments keep beside the tickets (docs/sdesk-mail.md):
// the message ids sdesk has seen or sent, each naming its ticket; the
// watchers of tickets; attachments, their content stored once by SHA-256.
// Written in the backend's transactions (Backend::mail()).

#include "lib/model/ticket.hpp"
#include "lib/util/time.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sdesk::store {

// Which way a message went.
enum class MailDirection {
  in,  // received by `sdesk mail receive`
  out, // sent by sdesk (mail out)
};

// One attachment of a ticket.
struct AttachmentRecord {
  std::int64_t id = 0; // grows with each attachment added
  model::TicketId ticket = 0;
  std::string name;         // as shown and asked for by `attachment get`
  std::string content_type; // "application/pdf"
  std::int64_t size = 0;    // bytes
  std::string sha256;       // 64 lower-case hex digits: the content's key
  util::Time added{};
  std::string added_by; // the actor
};

// Reads and writes mail's records, in the current transaction of the
// backend's ticket store.
class MailStore {
public:
  MailStore() = default;
  MailStore(const MailStore&) = delete;
  MailStore& operator=(const MailStore&) = delete;
  virtual ~MailStore() = default;

  // The ticket of the message with id `message_id` (without angle
  // brackets, compared exactly), or nothing. One indexed look-up. Throws
  // Error(store).
  virtual std::optional<model::TicketId> find_message(std::string_view message_id) = 0;

  // Records message `message_id` as belonging to `ticket`; a stored id
  // keeps its first ticket (returns false then, true when recorded).
  // Throws Error(store), also when `ticket` names no ticket.
  virtual bool add_message(std::string_view message_id, model::TicketId ticket, MailDirection direction,
                           util::Time at) = 0;

  // The oldest and the newest message ids recorded for `ticket`, either
  // way, in the order they were recorded (the same id twice when it has
  // one), or nothing when it has none: what a notification threads on. Two
  // indexed look-ups (mail_message_by_ticket, migration 18). Throws
  // Error(store).
  virtual std::optional<std::pair<std::string, std::string>> thread_ends(model::TicketId ticket) = 0;

  // The watchers of `ticket`, sorted by bytes. Throws Error(store).
  virtual std::vector<std::string> watchers(model::TicketId ticket) = 0;

  // Adds `who` to `ticket`'s watchers; false when it was one already.
  // Throws Error(store), also when `ticket` names no ticket.
  virtual bool add_watcher(model::TicketId ticket, std::string_view who, util::Time at) = 0;

  // Removes `who` from `ticket`'s watchers; false when it was none.
  // Throws Error(store).
  virtual bool remove_watcher(model::TicketId ticket, std::string_view who) = 0;

  // Stores `content` under its SHA-256 `sha256` (hex) unless stored
  // already (then nothing is written). Throws Error(store).
  virtual void put_content(std::string_view sha256, std::string_view content) = 0;

  // Adds `record` (its id is ignored) and returns its id. Its content must
  // have been put. Throws Error(store), also when its ticket or content is
  // unknown.
  virtual std::int64_t add_attachment(const AttachmentRecord& record) = 0;

  // The attachments of `ticket`, oldest first. Throws Error(store).
  virtual std::vector<AttachmentRecord> attachments(model::TicketId ticket) = 0;

  // The content stored under `sha256`, or nothing. Throws Error(store).
  virtual std::optional<std::string> content(std::string_view sha256) = 0;
};

} // namespace sdesk::store

#pragma once

#include "lib/model/chain.hpp"
#include "lib/util/sha256.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sdesk::ops {

// A checkpoint of the whole store's history (docs/history.md): the last
// ticket id and the last event id at the time, and the digest of every
// chain head then. Written as one line,
//   sdesk-checkpoint-1 last-ticket=T last-event=E digest=HEX
// that an administrator keeps elsewhere; `verify --against` re-derives the
// digest from the history as stored now.
struct Checkpoint {
  std::int64_t last_ticket = 0;
  std::int64_t last_event = 0;
  util::Sha256Digest digest{};
};

// The checkpoint as its one line (without a line break).
std::string format_checkpoint(const Checkpoint& checkpoint);

// The checkpoint on the first line of `text` that starts with
// "sdesk-checkpoint-1 ", or nothing when there is none or it is malformed.
std::optional<Checkpoint> parse_checkpoint(std::string_view text);

// Computes a checkpoint digest: SHA-256 over, for each ticket with id up to
// `last_ticket` in id order, its id and the count of its events with id up
// to `last_event` (each 8 bytes, big-endian) and the chain hash after those
// events (32 bytes; zeros for none), recomputed from their content.
class CheckpointDigest {
public:
  CheckpointDigest(std::int64_t last_ticket, std::int64_t last_event)
    : m_last_ticket(last_ticket),
      m_last_event(last_event)
  {
  }

  // Adds ticket `id` with its history `events` (oldest first, by event id);
  // a ticket past `last_ticket` is left out.
  void add(model::TicketId id, std::span<const model::Event> events);

  // The digest of the tickets added.
  util::Sha256Digest finish() { return m_hash.finish(); }

private:
  std::int64_t m_last_ticket;
  std::int64_t m_last_event;
  util::Sha256 m_hash;
};

} // namespace sdesk::ops

#pragma once

#include "lib/model/ticket.hpp"
#include "lib/util/sha256.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sdesk::model {

// Each ticket's history is a hash chain (docs/history.md): event i stores
// hash_i = SHA-256(hash_{i-1} || canonical_encoding(event_i)), with hash_0
// 32 zero bytes, and the ticket row keeps the count of its events and the
// last hash (the head). Changing, inserting or removing any event changes
// the hashes from there on, and so the head.

// The end of a ticket's chain: how many events it has, and the hash of the
// last one (32 zero bytes for none).
struct ChainHead {
  std::int64_t count = 0;
  util::Sha256Digest head{};
};

// Version 1 of the canonical encoding of `e` (docs/history.md): the byte
// 0x01, then ticket_id and at (seconds since the epoch, UTC) as 8-byte
// big-endian two's complement, then actor and the action's name as texts
// (4-byte big-endian byte length, then the bytes), then field, old_value,
// new_value, note and data each as 0x00 when absent or 0x01 and a text.
// The event's own id is not part of it.
std::string canonical_encoding(const Event& e);

// SHA-256(`previous` || canonical_encoding(`e`)).
util::Sha256Digest chain_hash(const util::Sha256Digest& previous, const Event& e);

// `head` extended by `e`: one more event, `e`'s hash as the head. Returns
// that hash.
util::Sha256Digest extend(ChainHead& head, const Event& e);

// A ticket's history as stored: its events oldest first, the hash stored
// with each (nothing where none is), and the count and head of the ticket row.
struct StoredChain {
  ChainHead head;
  std::vector<Event> events;
  std::vector<std::optional<util::Sha256Digest>> hashes; // one per event
};

// What is wrong with a stored chain.
enum class ChainProblem {
  missing_hash,   // an event without a hash: not written by sdesk
  hash_mismatch,  // the event, or one before it, was changed, inserted or removed
  count_mismatch, // the ticket row counts a different number of events
  head_mismatch,  // the ticket row's head is not the last event's hash
};

// "missing-hash", "hash-mismatch", "count-mismatch", "head-mismatch".
std::string_view to_string(ChainProblem problem);

// The first place a stored chain breaks.
struct ChainBreak {
  std::int64_t event_id = 0; // the event named (0: the ticket has no events)
  ChainProblem problem = ChainProblem::hash_mismatch;
  std::string message;       // what was found, for people
};

// Checks `chain`: each event's stored hash against the hash recomputed from
// the events before it, then the count and the head. Returns the first
// break, or nothing when the chain holds.
std::optional<ChainBreak> check_chain(const StoredChain& chain);

// The count and head of the first `count` events of `events` (oldest
// first), recomputed from their content.
ChainHead chain_head(std::span<const Event> events, std::size_t count);

} // namespace sdesk::model

#include "lib/model/chain.hpp"

#include "lib/model/action.hpp"

#include <fmt/format.h>

#include <array>
#include <cstring>

namespace sdesk::model {

namespace {

constexpr char k_encoding_version = 0x01;

// Writes the canonical encoding of `e` (chain.hpp) piece by piece to
// `put`, a callable taking std::string_view: into a string for
// canonical_encoding(), straight into the hash for chain_hash(), which then
// allocates nothing (it runs for every event a bulk import appends).
template<typename Put>
void encode(const Event& e, Put&& put)
{
  const auto put_int = [&](std::int64_t value) {
    const auto bits = static_cast<std::uint64_t>(value);
    char bytes[8];
    for (int i = 0; i < 8; ++i) {
      bytes[i] = static_cast<char>((bits >> (56 - 8 * i)) & 0xff);
    }
    put(std::string_view(bytes, sizeof bytes));
  };
  const auto put_text = [&](std::string_view text) {
    const auto size = static_cast<std::uint32_t>(text.size());
    const char bytes[4] = {static_cast<char>((size >> 24) & 0xff), static_cast<char>((size >> 16) & 0xff),
                           static_cast<char>((size >> 8) & 0xff), static_cast<char>(size & 0xff)};
    put(std::string_view(bytes, sizeof bytes));
    put(text);
  };
  const auto put_optional = [&](const std::optional<std::string>& text) {
    put(text ? std::string_view("\x01", 1) : std::string_view("\0", 1));
    if (text) {
      put_text(*text);
    }
  };
  put(std::string_view(&k_encoding_version, 1));
  put_int(e.ticket_id);
  put_int(e.at.time_since_epoch().count());
  put_text(e.actor);
  put_text(to_string(e.action));
  put_optional(e.field);
  put_optional(e.old_value);
  put_optional(e.new_value);
  put_optional(e.note);
  put_optional(e.data);
}

} // namespace

std::string canonical_encoding(const Event& e)
{
  std::string out;
  encode(e, [&](std::string_view piece) { out += piece; });
  return out;
}

util::Sha256Digest chain_hash(const util::Sha256Digest& previous, const Event& e)
{
  // The pieces are gathered in a buffer on the stack and hashed a block's
  // worth at a time: one SHA256_Update per piece (about 20 per event) cost
  // a bulk import more than the encoding itself.
  constexpr std::size_t k_buffer = 1024;
  util::Sha256 hash;
  std::array<char, k_buffer> buffer;
  std::size_t used = 0;
  hash.update(previous);
  encode(e, [&](std::string_view piece) {
    if (used + piece.size() > buffer.size()) {
      hash.update(std::string_view(buffer.data(), used));
      used = 0;
      if (piece.size() > buffer.size()) {
        hash.update(piece); // a long note: straight through
        return;
      }
    }
    if (!piece.empty()) { // memcpy from a null pointer is undefined even for 0 bytes
      std::memcpy(buffer.data() + used, piece.data(), piece.size());
      used += piece.size();
    }
  });
  hash.update(std::string_view(buffer.data(), used));
  return hash.finish();
}

util::Sha256Digest extend(ChainHead& head, const Event& e)
{
  head.head = chain_hash(head.head, e);
  ++head.count;
  return head.head;
}

std::string_view to_string(ChainProblem problem)
{
  switch (problem) {
  case ChainProblem::missing_hash: return "missing-hash";
  case ChainProblem::hash_mismatch: return "hash-mismatch";
  case ChainProblem::count_mismatch: return "count-mismatch";
  case ChainProblem::head_mismatch: return "head-mismatch";
  }
  return "?";
}

std::optional<ChainBreak> check_chain(const StoredChain& chain)
{
  ChainHead computed;
  for (std::size_t i = 0; i < chain.events.size(); ++i) {
    const Event& e = chain.events[i];
    const auto expected = extend(computed, e);
    const auto& stored = i < chain.hashes.size() ? chain.hashes[i] : std::nullopt;
    if (!stored) {
      return ChainBreak{e.id, ChainProblem::missing_hash,
                        "the event has no hash (not written by sdesk: inserted by hand?)"};
    }
    if (*stored != expected) {
      return ChainBreak{e.id, ChainProblem::hash_mismatch,
                        "the stored hash does not match the event (it, or an event before it, "
                        "was changed, inserted or removed)"};
    }
  }
  const auto found = static_cast<std::int64_t>(chain.events.size());
  if (chain.head.count != found) {
    // The first event past the recorded count, or the last one.
    const auto at = chain.head.count >= 0 && chain.head.count < found
                      ? chain.events[static_cast<std::size_t>(chain.head.count)].id
                      : (chain.events.empty() ? 0 : chain.events.back().id);
    return ChainBreak{at, ChainProblem::count_mismatch,
                      fmt::format("the ticket records {} event{}, its history has {} (events "
                                  "inserted or removed)",
                                  chain.head.count, chain.head.count == 1 ? "" : "s", found)};
  }
  if (chain.head.head != computed.head) {
    return ChainBreak{chain.events.empty() ? 0 : chain.events.back().id, ChainProblem::head_mismatch,
                      "the ticket's head hash is not the hash of its last event"};
  }
  return std::nullopt;
}

ChainHead chain_head(std::span<const Event> events, std::size_t count)
{
  ChainHead head;
  for (std::size_t i = 0; i < count && i < events.size(); ++i) {
    extend(head, events[i]);
  }
  return head;
}

} // namespace sdesk::model

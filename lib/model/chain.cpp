#include "lib/model/chain.hpp"

#include "lib/model/action.hpp"

#include <fmt/format.h>

namespace sdesk::model {

namespace {

constexpr char k_encoding_version = 0x01;

void put_int(std::string& out, std::int64_t value)
{
  const auto bits = static_cast<std::uint64_t>(value);
  for (int shift = 56; shift >= 0; shift -= 8) {
    out += static_cast<char>((bits >> shift) & 0xff);
  }
}

void put_text(std::string& out, std::string_view text)
{
  const auto size = static_cast<std::uint32_t>(text.size());
  for (int shift = 24; shift >= 0; shift -= 8) {
    out += static_cast<char>((size >> shift) & 0xff);
  }
  out += text;
}

void put_optional(std::string& out, const std::optional<std::string>& text)
{
  if (!text) {
    out += '\0';
    return;
  }
  out += '\x01';
  put_text(out, *text);
}

} // namespace

std::string canonical_encoding(const Event& e)
{
  std::string out;
  out.reserve(64 + e.actor.size() + (e.new_value ? e.new_value->size() : 0)
              + (e.note ? e.note->size() : 0) + (e.data ? e.data->size() : 0));
  out += k_encoding_version;
  put_int(out, e.ticket_id);
  put_int(out, e.at.time_since_epoch().count());
  put_text(out, e.actor);
  put_text(out, to_string(e.action));
  put_optional(out, e.field);
  put_optional(out, e.old_value);
  put_optional(out, e.new_value);
  put_optional(out, e.note);
  put_optional(out, e.data);
  return out;
}

util::Sha256Digest chain_hash(const util::Sha256Digest& previous, const Event& e)
{
  util::Sha256 hash;
  return hash.update(previous).update(canonical_encoding(e)).finish();
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

#include "lib/ops/checkpoint.hpp"

#include <charconv>

#include <fmt/format.h>

namespace sdesk::ops {

namespace {

constexpr std::string_view k_magic = "sdesk-checkpoint-1 ";

std::string big_endian(std::int64_t value)
{
  std::string out;
  const auto bits = static_cast<std::uint64_t>(value);
  for (int shift = 56; shift >= 0; shift -= 8) {
    out += static_cast<char>((bits >> shift) & 0xff);
  }
  return out;
}

// The value of "`key`=VALUE" as the next word of `text`, which moves past it.
std::optional<std::string_view> take(std::string_view& text, std::string_view key)
{
  const std::string prefix = std::string(key) + "=";
  if (!text.starts_with(prefix)) {
    return std::nullopt;
  }
  text.remove_prefix(prefix.size());
  const auto end = text.find(' ');
  const std::string_view value = text.substr(0, end);
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  return value;
}

std::optional<std::int64_t> id_number(std::optional<std::string_view> text)
{
  std::int64_t value = 0;
  if (!text || text->empty()) {
    return std::nullopt;
  }
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  return ec == std::errc{} && end == text->data() + text->size() && value >= 0 ? std::optional{value}
                                                                              : std::nullopt;
}

} // namespace

std::string format_checkpoint(const Checkpoint& checkpoint)
{
  return fmt::format("{}last-ticket={} last-event={} digest={}", k_magic, checkpoint.last_ticket,
                     checkpoint.last_event, util::to_hex(checkpoint.digest));
}

std::optional<Checkpoint> parse_checkpoint(std::string_view text)
{
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
      line.remove_suffix(1);
    }
    if (!line.starts_with(k_magic)) {
      continue;
    }
    line.remove_prefix(k_magic.size());
    const auto ticket = id_number(take(line, "last-ticket"));
    const auto event = id_number(take(line, "last-event"));
    const auto digest = take(line, "digest");
    const auto bytes = digest ? util::parse_sha256_hex(*digest) : std::nullopt;
    if (!ticket || !event || !bytes || !line.empty()) {
      return std::nullopt;
    }
    return Checkpoint{*ticket, *event, *bytes};
  }
  return std::nullopt;
}

void CheckpointDigest::add(model::TicketId id, std::span<const model::Event> events)
{
  if (id > m_last_ticket) {
    return;
  }
  std::size_t count = 0;
  while (count < events.size() && events[count].id <= m_last_event) {
    ++count;
  }
  const model::ChainHead head = model::chain_head(events, count);
  m_hash.update(big_endian(id)).update(big_endian(head.count)).update(head.head);
}

} // namespace sdesk::ops

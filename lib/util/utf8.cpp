#include "lib/util/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace sdesk::util {

namespace {

bool in(unsigned char c, unsigned char low, unsigned char high)
{
  return c >= low && c <= high;
}

} // namespace

CodePoint decode_utf8(std::string_view text, std::size_t pos)
{
  const auto byte = [&](std::size_t i) {
    return pos + i < text.size() ? static_cast<unsigned char>(text[pos + i]) : 0;
  };
  const unsigned char b0 = byte(0);
  if (b0 < 0x80) {
    return {b0, 1};
  }
  // Table 3-7: the allowed range of the second byte depends on the first;
  // later bytes are always 80..BF.
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  char32_t value = 0;
  if (in(b0, 0xC2, 0xDF)) {
    length = 2;
    value = b0 & 0x1FU;
  } else if (in(b0, 0xE0, 0xEF)) {
    length = 3;
    value = b0 & 0x0FU;
    low = b0 == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
    high = b0 == 0xED ? 0x9F : 0xBF; // no surrogates
  } else if (in(b0, 0xF0, 0xF4)) {
    length = 4;
    value = b0 & 0x07U;
    low = b0 == 0xF0 ? 0x90 : 0x80;  // no overlong forms
    high = b0 == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
  } else {
    return {}; // a continuation byte, C0, C1 or F5..FF
  }
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned char b = byte(i);
    if (pos + i >= text.size() || !in(b, i == 1 ? low : 0x80, i == 1 ? high : 0xBF)) {
      return {};
    }
    value = (value << 6U) | (b & 0x3FU);
  }
  return {value, length};
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text)
{
  std::size_t pos = 0;
  while (pos < text.size()) {
    // Eight ASCII bytes at a time (every store write passes here).
    std::uint64_t block = 0;
    if (text.size() - pos >= sizeof block) {
      std::memcpy(&block, text.data() + pos, sizeof block);
      if ((block & 0x8080808080808080ULL) == 0) {
        pos += sizeof block;
        continue;
      }
    }
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos; // ASCII, the common case
      continue;
    }
    const CodePoint cp = decode_utf8(text, pos);
    if (cp.length == 0) {
      return pos;
    }
    pos += cp.length;
  }
  return std::nullopt;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes)
{
  if (text.size() <= max_bytes) {
    return text;
  }
  std::size_t end = max_bytes;
  // Back off over continuation bytes (at most 3) to the start of the cut
  // sequence.
  while (end > 0 && max_bytes - end < 3 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80) {
    --end;
  }
  return text.substr(0, end);
}

} // namespace sdesk::util

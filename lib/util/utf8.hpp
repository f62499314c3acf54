#pragma once

// UTF-8 as Unicode defines it (The Unicode Standard, section 3.9, table
// 3-7): no overlong forms, no surrogates (U+D800..U+DFFF), nothing above
// U+10FFFF, no stray continuation bytes.

#include <cstddef>
#include <optional>
#include <string_view>

namespace sdesk::util {

// One decoded code point: its value and how many bytes it took.
struct CodePoint {
  char32_t value = 0;
  std::size_t length = 0; // 0: the bytes at that position are not valid UTF-8
};

// Decodes the code point starting at byte `pos` of `text` (pos < size).
// Returns length 0 when the bytes there do not form a well-formed sequence
// (then the caller should treat one byte as invalid and go on).
CodePoint decode_utf8(std::string_view text, std::size_t pos);

// The offset of the first byte of `text` that is not part of a well-formed
// UTF-8 sequence, or nothing when all of `text` is valid UTF-8.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// The longest prefix of `text` that is at most `max_bytes` long and does not
// end inside a multi-byte sequence (for cutting text without splitting a
// character).
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

} // namespace sdesk::util

// Refuses the TOML text that would make toml++ 3.3 reach undefined
// behaviour (toml_guard.hpp says which and why). A small lexer that knows
// only what TOML's strings and comments look like: everything toml++ reads
// outside them is ASCII in valid TOML.

#include "lib/config/toml_guard.hpp"

#include "lib/util/error.hpp"

#include <cstddef>
#include <cstdint>

#include <fmt/format.h>

namespace sdesk::config::detail {

namespace {

// The code point at the start of `text` (strict UTF-8: no overlong forms,
// surrogates or values past U+10FFFF, as toml++'s decoder), its length in
// `size`; `size` is 0 when the bytes are not UTF-8.
char32_t decode(std::string_view text, std::size_t& size)
{
  const auto byte = [text](std::size_t i) { return static_cast<std::uint8_t>(text[i]); };
  const std::uint8_t lead = byte(0);
  size = 0;
  if (lead < 0x80) {
    size = 1;
    return lead;
  }
  std::size_t length = 0;
  char32_t c = 0;
  char32_t smallest = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    c = lead & 0x1Fu;
    smallest = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    c = lead & 0x0Fu;
    smallest = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    c = lead & 0x07u;
    smallest = 0x10000;
  } else {
    return 0;
  }
  if (text.size() < length) {
    return 0;
  }
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0u) != 0x80u) {
      return 0;
    }
    c = (c << 6) | (byte(i) & 0x3Fu);
  }
  if (c < smallest || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    return 0;
  }
  size = length;
  return c;
}

// toml++'s non-ASCII horizontal white space (U+00A0, U+1680, U+180E,
// U+2000-U+200B, U+202F, U+205F-U+2060, U+3000, U+FEFF), which it skips at
// the start of a continued line.
bool is_toml_non_ascii_blank(char32_t c)
{
  return c == 0xA0 || c == 0x1680 || c == 0x180E || (c >= 0x2000 && c <= 0x200B) || c == 0x202F
         || (c >= 0x205F && c <= 0x2060) || c == 0x3000 || c == 0xFEFF;
}

// Walks a TOML document, tracking whether it is inside a string or a
// comment, and throws at the first character toml++ must not look up.
class Lexer {
public:
  Lexer(std::string_view text, std::string_view origin)
    : m_text(text),
      m_origin(origin)
  {
  }

  void run()
  {
    if (m_text.starts_with("\xEF\xBB\xBF")) { // toml++ skips a byte order mark
      m_pos = 3;
    }
    while (m_pos < m_text.size()) {
      if (!step()) {
        return;
      }
    }
  }

private:
  enum class State { normal, comment, basic, literal, multi_basic, multi_literal };

  // Reads the next code point into `c`, tracking line and column; false at
  // the end of the text or at bytes that are not UTF-8.
  bool take(char32_t& c)
  {
    if (m_pos >= m_text.size()) {
      return false;
    }
    std::size_t size = 0;
    c = decode(m_text.substr(m_pos), size);
    if (size == 0) {
      return false;
    }
    m_line = m_next_line;
    m_column = m_next_column;
    if (c == U'\n') {
      ++m_next_line;
      m_next_column = 1;
    } else {
      ++m_next_column;
    }
    m_pos += size;
    return true;
  }

  // Whether the text at the current position starts with `s` (ASCII); if
  // so, moves past it.
  bool skip(std::string_view s)
  {
    if (m_text.substr(m_pos).starts_with(s)) {
      m_pos += s.size();
      m_next_column += s.size();
      return true;
    }
    return false;
  }

  // One step of the walk; false at the end of what can be checked.
  bool step()
  {
    char32_t c = 0;
    if (!take(c)) {
      return false;
    }
    switch (m_state) {
    case State::normal:
      normal(c);
      break;
    case State::comment:
      m_state = c == U'\n' ? State::normal : State::comment;
      break;
    case State::basic:
    case State::multi_basic:
      return basic(c);
    case State::literal:
      m_state = c == U'\'' || c == U'\n' ? State::normal : State::literal;
      break;
    case State::multi_literal:
      if (c == U'\'' && skip("''")) {
        if (skip("'")) { // up to two more quotes end the string's content
          skip("'");
        }
        m_state = State::normal;
      }
      break;
    }
    return true;
  }

  void normal(char32_t c)
  {
    const bool after_bare = m_after_bare;
    m_after_bare = is_bare(c);
    if (c == U'#') {
      m_state = State::comment;
    } else if (c == U'"') {
      m_state = skip("\"\"") ? State::multi_basic : State::basic;
    } else if (c == U'\'') {
      m_state = skip("''") ? State::multi_literal : State::literal;
    } else if (c >= 0x80) {
      fail(fmt::format("U+{:04X} outside a quoted string or comment (bare keys are ASCII letters, "
                       "digits, '_' and '-'; quote other keys)",
                       static_cast<std::uint32_t>(c)));
    } else if (!after_bare && ((c >= U'0' && c <= U'9') || c == U'+' || c == U'-')) {
      number_run();
    }
  }

  // Whether `c` may be part of a bare key.
  static bool is_bare(char32_t c)
  {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9') || c == U'_'
           || c == U'-';
  }

  // After a digit or sign starting a token: toml++ reads a number or date
  // up to the next value terminator before it looks at what it read,
  // quotes included, and asks of each character whether it ends the value.
  // A date of 10 characters followed by a space goes on with a time.
  void number_run()
  {
    std::size_t length = 1;
    for (;;) {
      char32_t c = 0;
      const std::size_t at = m_pos;
      const std::size_t line = m_next_line;
      const std::size_t column = m_next_column;
      if (!take(c)) {
        return;
      }
      const bool ends = c == U' ' || c == U'\t' || (c >= U'\n' && c <= U'\r') || c == U']' || c == U'}'
                        || c == U',' || c == U'#';
      if (ends && !(c == U' ' && length == 10)) {
        m_pos = at; // read it again outside the run
        m_next_line = line;
        m_next_column = column;
        m_after_bare = false;
        return;
      }
      if (c >= 0x80) {
        fail(fmt::format("U+{:04X} in a number, date or bare key (TOML allows only ASCII there; quote "
                         "strings and keys with other characters)",
                         static_cast<std::uint32_t>(c)));
      }
      ++length;
    }
  }

  // A character of a basic string; false at bytes that are not UTF-8.
  bool basic(char32_t c)
  {
    const bool multi = m_state == State::multi_basic;
    if (c == U'"') {
      if (!multi) {
        m_state = State::normal;
      } else if (skip("\"\"")) {
        if (skip("\"")) { // up to two more quotes end the string's content
          skip("\"");
        }
        m_state = State::normal;
      }
    } else if (c == U'\n' && !multi) {
      m_state = State::normal; // toml++ stops here with an error
    } else if (c == U'\\') {
      char32_t escaped = 0;
      if (!take(escaped)) {
        return false;
      }
      if (escaped >= 0x80) {
        fail(fmt::format("U+{:04X} after a backslash in a string (accepted escapes: \\b \\t \\n \\f \\r "
                         "\\\" \\\\ \\uXXXX \\UXXXXXXXX)",
                         static_cast<std::uint32_t>(escaped)));
      }
      if (!multi && escaped == U'\n') {
        m_state = State::normal; // toml++ stops here with an error
      }
      if (multi && (escaped == U' ' || escaped == U'\t' || escaped == U'\r' || escaped == U'\n')) {
        return continued_line();
      }
    }
    return true;
  }

  // After a line-ending backslash: toml++ skips white space and line breaks
  // and looks up the next character; false at bytes that are not UTF-8.
  bool continued_line()
  {
    for (;;) {
      char32_t c = 0;
      const std::size_t at = m_pos;
      const std::size_t line = m_next_line;
      const std::size_t column = m_next_column;
      if (!take(c)) {
        return false;
      }
      if (c == U' ' || c == U'\t' || c == U'\r' || c == U'\n' || is_toml_non_ascii_blank(c)) {
        continue;
      }
      if (toml_whitespace_lookup_undefined(c)) {
        fail(fmt::format("U+{:04X} first on a line continued by a backslash (the TOML parser cannot "
                         "read it there; start the line with another character or write \\u{:04X})",
                         static_cast<std::uint32_t>(c), static_cast<std::uint32_t>(c)));
      }
      m_pos = at; // read it again as part of the string
      m_next_line = line;
      m_next_column = column;
      return true;
    }
  }

  [[noreturn]] void fail(std::string_view problem) const
  {
    throw Error(ErrorKind::config,
                fmt::format("{}:{}:{}: bad TOML: {}", m_origin, m_line, m_column, problem));
  }

  std::string_view m_text;
  std::string_view m_origin;
  State m_state = State::normal;
  bool m_after_bare = false; // the last character in State::normal was a bare key's
  std::size_t m_pos = 0;
  std::size_t m_line = 1;        // of the code point last taken
  std::size_t m_column = 1;
  std::size_t m_next_line = 1;   // of the code point at m_pos
  std::size_t m_next_column = 1;
};

} // namespace

bool toml_whitespace_lookup_undefined(char32_t c)
{
  // unicode_autogenerated.h: blocks of 0x3FA code points from U+00A0; the
  // bitmask answers "not white space" for the blocks whose bit is set, and
  // the switch for the others has cases for blocks 5 and 7 only (U+00A0,
  // U+3000 and U+FEFF are answered before it). That leaves blocks 0, 11 and
  // 63; checked against toml++ for every code point, with TOML_UNREACHABLE
  // redefined to record that it was reached.
  if (c <= 0xA0 || c >= 0xFEFF || c == 0x3000) {
    return false;
  }
  const std::uint64_t block = (static_cast<std::uint64_t>(c) - 0xA0u) / 0x3FAu;
  return ((std::uint64_t{1} << block) & 0x7FFFFFFFFFFFF75Eu) == 0 && block != 5 && block != 7;
}

void check_toml_text(std::string_view text, std::string_view origin)
{
  Lexer(text, origin).run();
}

} // namespace sdesk::config::detail

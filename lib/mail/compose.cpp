#include "lib/mail/compose.hpp"

#include "lib/util/error.hpp"
#include "lib/util/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace sdesk::mail {

namespace {

// The longest header line compose() aims at (RFC 5322 recommends 78).
constexpr std::size_t k_fold_at = 78;

// The most bytes of text in one encoded word: 45 bytes are 60 base64
// characters, and "=?UTF-8?B?" + 60 + "?=" is 72, under RFC 2047's 75.
constexpr std::size_t k_word_bytes = 45;

bool is_printable_ascii(unsigned char c)
{
  return c >= 0x20 && c < 0x7f;
}

std::string base64(std::string_view bytes)
{
  static constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8)
                       | static_cast<unsigned char>(bytes[i + 2]);
    out += k_alphabet[(n >> 18) & 63];
    out += k_alphabet[(n >> 12) & 63];
    out += k_alphabet[(n >> 6) & 63];
    out += k_alphabet[n & 63];
  }
  if (i < bytes.size()) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) {
      n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    }
    out += k_alphabet[(n >> 18) & 63];
    out += k_alphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? k_alphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// `text` with each invalid UTF-8 byte replaced by U+FFFD.
std::string valid_utf8(std::string_view text)
{
  std::string out;
  while (!text.empty()) {
    const auto bad = util::find_invalid_utf8(text);
    if (!bad) {
      out += text;
      break;
    }
    out += text.substr(0, *bad);
    out += "\xEF\xBF\xBD";
    text.remove_prefix(*bad + 1);
  }
  return out;
}

// Folds `line` ("Name: value") at spaces so that its lines stay near
// k_fold_at characters; a word longer than that stays whole.
std::string fold(const std::string& line)
{
  std::string out;
  std::size_t column = 0;
  std::size_t start = 0;
  while (start < line.size()) {
    std::size_t space = line.find(' ', start + 1);
    if (space == std::string::npos) {
      space = line.size();
    }
    const std::string_view word(line.data() + start, space - start); // with its leading space
    if (column > 0 && column + word.size() > k_fold_at && word.front() == ' ') {
      out += '\n';
      column = 0;
    }
    out += word;
    column += word.size();
    start = space;
  }
  return out;
}

} // namespace

std::string one_line(std::string_view text)
{
  std::string out(text);
  for (char& c : out) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7f) {
      c = ' ';
    }
  }
  return out;
}

std::string encode_text(std::string_view text)
{
  const std::string line = valid_utf8(one_line(text));
  if (std::all_of(line.begin(), line.end(), [](char c) { return is_printable_ascii(static_cast<unsigned char>(c)); })) {
    return line;
  }
  std::string out;
  std::string_view rest(line);
  while (!rest.empty()) {
    const std::string_view chunk = util::utf8_prefix(rest, k_word_bytes);
    if (!out.empty()) {
      out += ' ';
    }
    out += "=?UTF-8?B?" + base64(chunk) + "?=";
    rest.remove_prefix(chunk.size());
  }
  return out;
}

bool is_plain_address(std::string_view address)
{
  const auto at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size() || address.find('@', at + 1) != std::string_view::npos
      || address.size() > 254) {
    return false;
  }
  constexpr std::string_view k_specials = " \"<>()[],;:\\";
  return std::all_of(address.begin(), address.end(), [&](char c) {
    return is_printable_ascii(static_cast<unsigned char>(c)) && k_specials.find(c) == std::string_view::npos;
  });
}

std::string format_mailbox(std::string_view name, std::string_view address)
{
  const std::string line = one_line(name);
  if (line.find_first_not_of(' ') == std::string::npos) {
    return std::string(address);
  }
  std::string shown = encode_text(line);
  if (shown == line && line.find_first_of("()<>[]:;@\\,.\"") != std::string::npos) {
    std::string quoted = "\"";
    for (const char c : line) {
      if (c == '"' || c == '\\') {
        quoted += '\\';
      }
      quoted += c;
    }
    shown = quoted + "\"";
  }
  return fmt::format("{} <{}>", shown, address);
}

std::string quoted_printable(std::string_view text)
{
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  std::size_t column = 0;
  const auto put = [&](std::string_view piece) {
    if (column + piece.size() > 75) { // room for the soft break's '='
      out += "=\n";
      column = 0;
    }
    out += piece;
    column += piece.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    }
    if (c == '\n') {
      out += '\n';
      column = 0;
      continue;
    }
    const bool line_end = i + 1 == text.size() || text[i + 1] == '\n' || text[i + 1] == '\r';
    const bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !line_end);
    if (literal) {
      put(std::string_view(reinterpret_cast<const char*>(&text[i]), 1));
    } else {
      const char encoded[3] = {'=', k_hex[c >> 4], k_hex[c & 15]};
      put(std::string_view(encoded, 3));
    }
  }
  return out;
}

std::string compose(const std::vector<OutHeader>& headers, std::string_view body)
{
  std::string out;
  for (const OutHeader& h : headers) {
    if (h.name.empty() || !std::all_of(h.name.begin(), h.name.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
        })) {
      throw Error(ErrorKind::usage, fmt::format("mail: bad header name '{}'", one_line(h.name)));
    }
    const bool clean = std::all_of(h.value.begin(), h.value.end(), [](char c) {
      return is_printable_ascii(static_cast<unsigned char>(c)) || c == '\t';
    });
    if (!clean) {
      throw Error(ErrorKind::usage,
                  fmt::format("mail: header {} holds a line break or a byte that is not printable ASCII", h.name));
    }
    out += fold(h.name + ": " + h.value);
    out += '\n';
  }
  out += "MIME-Version: 1.0\n";
  out += "Content-Type: text/plain; charset=utf-8\n";
  out += "Content-Transfer-Encoding: quoted-printable\n";
  out += '\n';
  out += quoted_printable(valid_utf8(body));
  if (!out.ends_with('\n')) {
    out += '\n';
  }
  return out;
}

} // namespace sdesk::mail

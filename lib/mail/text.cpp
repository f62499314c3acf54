#include "lib/mail/text.hpp"

#include "lib/util/strings.hpp"
#include "lib/util/utf8.hpp"

#include <array>
#include <cctype>
#include <cstdint>
#include <string>

namespace sdesk::mail {

namespace {

// Reply and forward prefixes in the languages mail clients write them in
// (lower case, without the colon).
constexpr std::array<std::string_view, 18> k_prefixes{
  "re", "fw", "fwd", "aw", "wg", "sv", "vs", "tr", "rif", "r", "antw", "doorst", "ynt", "odp", "res",
  "enc", "rv", "vb"};

// The forward prefixes among them.
constexpr std::array<std::string_view, 8> k_forward_prefixes{"fw", "fwd", "wg", "tr", "rv", "enc", "vb",
                                                             "doorst"};

bool is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string lower(std::string_view text)
{
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// The length of the reply prefix at the start of `s` ("Re: ", "RE[2]: ",
// "Aw : "), or 0.
std::size_t prefix_length(std::string_view s)
{
  std::size_t word = 0;
  while (word < s.size() && std::isalpha(static_cast<unsigned char>(s[word])) != 0) {
    ++word;
  }
  if (word == 0 || word > 6) {
    return 0;
  }
  const std::string name = lower(s.substr(0, word));
  bool known = false;
  for (const std::string_view p : k_prefixes) {
    known = known || p == name;
  }
  if (!known) {
    return 0;
  }
  std::size_t i = word;
  if (i < s.size() && s[i] == '[') { // RE[2]:
    std::size_t j = i + 1;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])) != 0) {
      ++j;
    }
    if (j == i + 1 || j >= s.size() || s[j] != ']') {
      return 0;
    }
    i = j + 1;
  }
  while (i < s.size() && s[i] == ' ') {
    ++i;
  }
  if (i >= s.size() || (s[i] != ':' && s.substr(i, 3) != "\xEF\xBC\x9A")) { // ':' or fullwidth
    return 0;
  }
  i += s[i] == ':' ? 1 : 3;
  while (i < s.size() && is_space(s[i])) {
    ++i;
  }
  return i;
}

// The character a named or numeric reference ("amp", "#233", "#xE9")
// stands for, in UTF-8; empty when unknown.
std::string decode_reference(std::string_view name)
{
  struct Named {
    std::string_view name;
    std::string_view text;
  };
  static constexpr std::array<Named, 12> k_named{{{"amp", "&"},
                                                  {"lt", "<"},
                                                  {"gt", ">"},
                                                  {"quot", "\""},
                                                  {"apos", "'"},
                                                  {"nbsp", " "},
                                                  {"copy", "\xC2\xA9"},
                                                  {"euro", "\xE2\x82\xAC"},
                                                  {"ndash", "\xE2\x80\x93"},
                                                  {"mdash", "\xE2\x80\x94"},
                                                  {"hellip", "\xE2\x80\xA6"},
                                                  {"auml", "\xC3\xA4"}}};
  for (const Named& n : k_named) {
    if (n.name == name) {
      return std::string(n.text);
    }
  }
  if (name.size() < 2 || name[0] != '#') {
    return {};
  }
  std::uint32_t code = 0;
  const bool hex = name[1] == 'x' || name[1] == 'X';
  for (std::size_t i = hex ? 2 : 1; i < name.size(); ++i) {
    const int digit = hex ? (std::isxdigit(static_cast<unsigned char>(name[i])) != 0
                               ? (std::isdigit(static_cast<unsigned char>(name[i])) != 0
                                    ? name[i] - '0'
                                    : std::tolower(static_cast<unsigned char>(name[i])) - 'a' + 10)
                               : -1)
                          : (std::isdigit(static_cast<unsigned char>(name[i])) != 0 ? name[i] - '0' : -1);
    if (digit < 0 || code > 0x10FFFF) {
      return {};
    }
    code = code * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit);
  }
  if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
    return "\xEF\xBF\xBD";
  }
  std::string out;
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
  return out;
}

// Whether the tag `name` (lower case) separates paragraphs.
bool is_paragraph(std::string_view name)
{
  static constexpr std::array<std::string_view, 12> k_paragraphs{
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr", "table", "ul", "ol"};
  for (const std::string_view p : k_paragraphs) {
    if (p == name) {
      return true;
    }
  }
  return false;
}

// Whether the tag `name` (lower case) ends a line.
bool is_block(std::string_view name)
{
  static constexpr std::array<std::string_view, 4> k_blocks{"div", "br", "li", "tr"};
  for (const std::string_view b : k_blocks) {
    if (b == name) {
      return true;
    }
  }
  return false;
}

// Collapses runs of spaces, trims lines, keeps at most one empty line.
std::string tidy_lines(std::string_view text)
{
  std::string out;
  std::string line;
  int empty = 0;
  const auto flush = [&] {
    while (!line.empty() && line.back() == ' ') {
      line.pop_back();
    }
    if (line.empty()) {
      ++empty;
    } else {
      if (!out.empty()) {
        out += empty > 0 ? "\n\n" : "\n";
      }
      out += line;
      empty = 0;
    }
    line.clear();
  };
  for (const char c : text) {
    if (c == '\n') {
      flush();
    } else if (c == ' ' || c == '\t' || c == '\r') {
      if (!line.empty() && line.back() != ' ') {
        line += ' ';
      }
    } else {
      line += c;
    }
  }
  flush();
  return out;
}

} // namespace

std::string strip_reply_prefixes(std::string_view subject)
{
  std::string collapsed;
  for (const char c : subject) {
    if (is_space(c)) {
      if (!collapsed.empty() && collapsed.back() != ' ') {
        collapsed += ' ';
      }
    } else {
      collapsed += c;
    }
  }
  std::string_view s = collapsed;
  for (std::size_t n = prefix_length(s); n > 0; n = prefix_length(s)) {
    s.remove_prefix(n);
  }
  while (!s.empty() && s.back() == ' ') {
    s.remove_suffix(1);
  }
  return std::string(s);
}

bool is_forward(std::string_view subject)
{
  std::string_view s = util::trim(subject);
  for (std::size_t n = prefix_length(s); n > 0; n = prefix_length(s)) {
    std::size_t word = 0;
    while (word < s.size() && std::isalpha(static_cast<unsigned char>(s[word])) != 0) {
      ++word;
    }
    const std::string name = lower(s.substr(0, word));
    for (const std::string_view p : k_forward_prefixes) {
      if (p == name) {
        return true;
      }
    }
    s.remove_prefix(n);
  }
  return false;
}

std::string html_to_text(std::string_view html)
{
  std::string out;
  std::size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '<') {
      if (html.substr(i, 4) == "<!--") {
        const auto end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      const auto end = html.find('>', i + 1);
      if (end == std::string_view::npos) {
        break;
      }
      std::string_view tag = html.substr(i + 1, end - i - 1);
      const bool closing = !tag.empty() && tag[0] == '/';
      if (closing) {
        tag.remove_prefix(1);
      }
      std::size_t n = 0;
      while (n < tag.size() && std::isalnum(static_cast<unsigned char>(tag[n])) != 0) {
        ++n;
      }
      const std::string name = lower(tag.substr(0, n));
      i = end + 1;
      if (!closing && (name == "script" || name == "style" || name == "head" || name == "title")) {
        const std::string lowered = lower(html.substr(i));
        const auto close = lowered.find("</" + name);
        i = close == std::string::npos ? html.size() : i + close;
        continue;
      }
      if (is_paragraph(name)) {
        out += "\n\n";
      } else if (is_block(name)) {
        if (name == "br" || out.empty() || out.back() != '\n') {
          out += '\n';
        }
      } else if (name == "td" || name == "th") {
        out += ' ';
      }
      continue;
    }
    if (c == '&') {
      const auto semi = html.find(';', i + 1);
      if (semi != std::string_view::npos && semi - i <= 10) {
        const std::string decoded = decode_reference(html.substr(i + 1, semi - i - 1));
        if (!decoded.empty()) {
          out += decoded;
          i = semi + 1;
          continue;
        }
      }
    }
    out += c == '\n' || c == '\r' || c == '\t' ? ' ' : c;
    ++i;
  }
  return tidy_lines(out);
}

std::string repair_utf8(std::string_view bytes)
{
  std::string out;
  out.reserve(bytes.size());
  while (!bytes.empty()) {
    const auto bad = util::find_invalid_utf8(bytes);
    if (!bad) {
      out += bytes;
      break;
    }
    out += bytes.substr(0, *bad);
    out += "\xEF\xBF\xBD";
    bytes.remove_prefix(*bad + 1);
  }
  return out;
}

std::string c1_as_windows_1252(std::string_view text)
{
  // U+0080..U+009F as Windows-1252 reads those bytes (empty: undefined).
  static constexpr std::array<std::string_view, 32> k_c1{
    "\xE2\x82\xAC", "", "\xE2\x80\x9A", "\xC6\x92", "\xE2\x80\x9E", "\xE2\x80\xA6", "\xE2\x80\xA0",
    "\xE2\x80\xA1", "\xCB\x86", "\xE2\x80\xB0", "\xC5\xA0", "\xE2\x80\xB9", "\xC5\x92", "",
    "\xC5\xBD", "", "", "\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x9D",
    "\xE2\x80\xA2", "\xE2\x80\x93", "\xE2\x80\x94", "\xCB\x9C", "\xE2\x84\xA2", "\xC5\xA1",
    "\xE2\x80\xBA", "\xC5\x93", "", "\xC5\xBE", "\xC5\xB8"};
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if (b == 0xC2 && next >= 0x80 && next <= 0x9F) {
      out += k_c1[next - 0x80];
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string normalise_text(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
    } else if (c == '\n' || c == '\t' || static_cast<unsigned char>(c) >= 0x20) {
      if (c != 0x7F) {
        out += c;
      }
    }
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ' || out.back() == '\t')) {
    out.pop_back();
  }
  return out;
}

} // namespace sdesk::mail

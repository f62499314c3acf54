#include "lib/util/strings.hpp"

#include "lib/util/utf8.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::util {

namespace {

// How much of a value an error message quotes.
constexpr std::size_t k_quote_max_bytes = 60;

bool is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_utf8_continuation(unsigned char c)
{
  return (c & 0xC0) == 0x80;
}

// C1 controls, U+0080..U+009F: a terminal may act on them (U+009B is CSI).
bool is_c1_control(char32_t c)
{
  return c >= 0x80 && c <= 0x9F;
}

// The bidirectional embeddings, overrides and isolates (U+202A..U+202E,
// U+2066..U+2069), which reorder the text shown after them ("Trojan
// Source", CVE-2021-42574).
bool is_bidi_control(char32_t c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// Optimal string alignment distance: insertions, deletions, substitutions
// and transpositions of adjacent characters ("opne" -> "open") cost 1.
std::size_t edit_distance(std::string_view a, std::string_view b)
{
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) {
    d[i][0] = i;
  }
  for (std::size_t j = 0; j <= b.size(); ++j) {
    d[0][j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

} // namespace

std::string_view trim(std::string_view text)
{
  while (!text.empty() && is_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_space(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

std::string to_lower(std::string_view text)
{
  std::string result(text);
  for (char& c : result) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return result;
}

std::vector<std::string> split_list(std::string_view text, char separator)
{
  std::vector<std::string> items;
  while (true) {
    const auto pos = text.find(separator);
    const auto piece = trim(text.substr(0, pos));
    if (!piece.empty()) {
      items.emplace_back(piece);
    }
    if (pos == std::string_view::npos) {
      break;
    }
    text.remove_prefix(pos + 1);
  }
  return items;
}

std::string join(const std::vector<std::string>& items, std::string_view separator)
{
  std::string result;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      result += separator;
    }
    result += items[i];
  }
  return result;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates)
{
  // A typo is at most a third of the word wrong (and at most 3 edits).
  const std::size_t limit = std::min<std::size_t>(3, std::max<std::size_t>(1, word.size() / 3));
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    const std::size_t longer = std::max(word.size(), candidate.size());
    if (longer - std::min(word.size(), candidate.size()) > limit) {
      continue; // the lengths alone differ by more edits than a typo makes
    }
    const std::size_t distance = edit_distance(to_lower(word), to_lower(candidate));
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string quote_with_suggestion(std::string_view word, const std::vector<std::string>& candidates)
{
  const auto suggestion = did_you_mean(word, candidates);
  if (suggestion.empty()) {
    return quote(word);
  }
  return fmt::format("{} (did you mean {}?)", quote(word), quote(suggestion));
}

std::string sanitize_for_terminal(std::string_view text, bool keep_newlines)
{
  std::string result;
  result.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c == '\n' && keep_newlines) {
        result += '\n';
      } else if (c == '\n' || c == '\t' || c == '\r') {
        result += ' ';
      } else if (c < 0x20 || c == 0x7F) {
        result += '?';
      } else {
        result += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    const CodePoint cp = decode_utf8(text, i);
    if (cp.length == 0) {
      result += '?'; // not UTF-8: a raw byte such as 0x9B (8-bit CSI)
      ++i;
    } else if (is_c1_control(cp.value) || is_bidi_control(cp.value)) {
      result += '?';
      i += cp.length;
    } else {
      result.append(text.substr(i, cp.length));
      i += cp.length;
    }
  }
  return result;
}

std::string quote(std::string_view text)
{
  const std::string_view excerpt = utf8_prefix(text, k_quote_max_bytes);
  if (excerpt.size() == text.size()) {
    return fmt::format("'{}'", sanitize_for_terminal(text));
  }
  return fmt::format("'{}…' ({} bytes)", sanitize_for_terminal(excerpt), text.size());
}

std::size_t display_width(std::string_view text)
{
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return !is_utf8_continuation(static_cast<unsigned char>(c));
  }));
}

std::string truncate_to_width(std::string_view text, std::size_t width)
{
  if (display_width(text) <= width) {
    return std::string(text);
  }
  if (width == 0) {
    return {};
  }
  std::string result;
  std::size_t columns = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!is_utf8_continuation(c)) {
      if (columns + 1 == width) {
        break;
      }
      ++columns;
    }
    result += static_cast<char>(c);
  }
  return result + "…";
}

} // namespace sdesk::util

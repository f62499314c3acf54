#include "lib/util/ics.hpp"

#include <date/date.h>

#include <fmt/format.h>

namespace sdesk::util {

namespace {

// The longest content line, in octets, without its CRLF (RFC 5545 3.1).
constexpr std::size_t k_line_octets = 75;

bool is_continuation(char c)
{
  return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

} // namespace

std::string ics_escape(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      continue; // TEXT allows no other control character (a tab included: it would read as folding)
    } else {
      out += c;
    }
  }
  return out;
}

std::string ics_fold(std::string_view line)
{
  std::string out;
  std::size_t limit = k_line_octets; // the first line; later ones lose an octet to the space
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && is_continuation(line[cut])) {
      --cut; // back to the start of the UTF-8 sequence
    }
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = k_line_octets - 1;
  }
  out.append(line);
  out += "\r\n";
  return out;
}

std::string ics_time(Time t)
{
  return date::format("%Y%m%dT%H%M%SZ", t);
}

} // namespace sdesk::util

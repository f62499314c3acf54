#include "lib/util/json_writer.hpp"

#include "lib/util/utf8.hpp"

#include <cmath>

#include <fmt/format.h>

namespace sdesk::util {

void append_json_string(std::string& out, std::string_view text)
{
  out += '"';
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      // Text stored by an older sdesk may not be UTF-8: JSON must be.
      const CodePoint cp = decode_utf8(text, i);
      if (cp.length == 0) {
        out += "\\ufffd";
      } else {
        out.append(text.substr(i, cp.length));
        i += cp.length - 1;
      }
      continue;
    }
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
      } else {
        out += c;
      }
    }
  }
  out += '"';
}

void JsonWriter::separate()
{
  if (m_after_key) {
    m_after_key = false;
    return;
  }
  if (!m_first.empty()) {
    if (!m_first.back()) {
      m_out += ',';
    }
    m_first.back() = false;
  }
}

JsonWriter& JsonWriter::begin_object()
{
  separate();
  m_out += '{';
  m_first.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_object()
{
  m_out += '}';
  m_first.pop_back();
  return *this;
}

JsonWriter& JsonWriter::begin_array()
{
  separate();
  m_out += '[';
  m_first.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_array()
{
  m_out += ']';
  m_first.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name)
{
  separate();
  append_json_string(m_out, name);
  m_out += ':';
  m_after_key = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text)
{
  separate();
  append_json_string(m_out, text);
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number)
{
  separate();
  m_out += fmt::format("{}", number);
  return *this;
}

JsonWriter& JsonWriter::value(double number)
{
  separate();
  if (std::isfinite(number)) {
    m_out += fmt::format("{}", number);
  } else {
    m_out += "null";
  }
  return *this;
}

JsonWriter& JsonWriter::value(bool flag)
{
  separate();
  m_out += flag ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json)
{
  separate();
  m_out += json;
  return *this;
}

JsonWriter& JsonWriter::null()
{
  separate();
  m_out += "null";
  return *this;
}

JsonWriter& JsonWriter::value(const std::optional<std::string>& text)
{
  return text ? value(std::string_view(*text)) : null();
}

JsonWriter& JsonWriter::value(const std::optional<std::int64_t>& number)
{
  return number ? value(*number) : null();
}

JsonWriter& JsonWriter::value(const std::vector<std::string>& texts)
{
  begin_array();
  for (const auto& text : texts) {
    value(std::string_view(text));
  }
  return end_array();
}

} // namespace sdesk::util

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::util {

// Builds compact JSON text into a string, inserting commas itself. Keys and
// string values are escaped per RFC 8259 (control characters as \u00XX).
// Misuse (a value where a key is due) is a programming error, not checked.
class JsonWriter {
public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(double number);
  JsonWriter& value(bool flag);
  JsonWriter& null();
  // Writes `json`, which must be one complete JSON value, as it is.
  JsonWriter& raw(std::string_view json);
  // Writes null for an absent value.
  JsonWriter& value(const std::optional<std::string>& text);
  JsonWriter& value(const std::optional<std::int64_t>& number);
  JsonWriter& value(const std::vector<std::string>& texts);

  // The text written so far.
  const std::string& str() const { return m_out; }

private:
  void separate();

  std::string m_out;
  std::vector<bool> m_first; // one entry per open object/array
  bool m_after_key = false;
};

// Appends `text` to `out` as a quoted, escaped JSON string. A byte that is
// not part of valid UTF-8 (text stored before sdesk checked it) is written
// as \ufffd, the replacement character, so that the output is always JSON.
void append_json_string(std::string& out, std::string_view text);

} // namespace sdesk::util

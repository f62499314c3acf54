// JSON Lines import: one ticket object a line, with the field names of the
// ticket JSON object (docs/json.md) and an optional "events" array of status
// changes. Parsed in place by simdjson's DOM parser, which picks the fastest
// kernel for the CPU at run time (the On Demand API would be fixed at build
// time, to the portable fallback for a generic x86-64 build).

#include "lib/io/reader.hpp"

#include "lib/util/error.hpp"

#include <simdjson.h>

#include <charconv>

#include <fmt/format.h>

namespace sdesk::io {

namespace {

namespace dom = simdjson::dom;

static_assert(Input::k_padding >= simdjson::SIMDJSON_PADDING);

constexpr std::string_view k_event_shape = R"({"at", "status" or "action", "actor", "note"})";

class JsonlReader final : public RecordReader {
public:
  JsonlReader(Input& input, const FieldMap& fields, RecordBuilder& builder)
    : m_input(input),
      m_fields(fields),
      m_builder(builder)
  {
  }

  bool next(ImportRecord& record) override
  {
    std::string_view line;
    do {
      if (!m_input.next_line(line)) {
        return false;
      }
      ++m_line;
    } while (line.find_first_not_of(" \t") == std::string_view::npos);
    if (m_line == 1 && line.starts_with("\xEF\xBB\xBF")) { // a UTF-8 byte order mark
      line.remove_prefix(3);
    }
    m_builder.begin(record, m_line);
    read_object(line);
    m_builder.end();
    return true;
  }

private:
  void read_object(std::string_view line)
  {
    dom::element doc;
    // The input keeps Input::k_padding readable bytes after every line.
    const auto error = m_parser.parse(line.data(), line.size(), false).get(doc);
    if (error != simdjson::SUCCESS) {
      m_builder.fail_line(fmt::format("not valid JSON ({})", simdjson::error_message(error)));
    }
    dom::object object;
    if (doc.get_object().get(object) != simdjson::SUCCESS) {
      m_builder.fail_line("not a JSON object (each line must be one ticket object)");
    }
    std::size_t index = 0;
    for (const dom::key_value_pair member : object) {
      read_member(lookup(index++, member.key), member.value);
    }
  }

  // The field for `key`, the `index`th key of the object; most lines have
  // the keys of the line before, in the same order.
  Field lookup(std::size_t index, std::string_view key)
  {
    if (index < m_keys.size() && m_keys[index].first == key) {
      return m_keys[index].second;
    }
    const auto field = m_fields.find(key);
    if (!field) {
      m_builder.fail_line(FieldMap::unknown_message(key));
    }
    if (index >= m_keys.size()) {
      m_keys.resize(index + 1);
    }
    m_keys[index] = {std::string(key), *field};
    return *field;
  }

  void read_member(Field field, dom::element value)
  {
    if (field == Field::derived || field == Field::skip) {
      return;
    }
    if (field == Field::events) {
      read_events(value);
      return;
    }
    if (field == Field::tags && value.is_array()) {
      m_builder.mark(Field::tags);
      for (const dom::element item : dom::array(value)) {
        if (!item.is_string()) {
          m_builder.fail("tags", "expected an array of strings");
        }
        m_builder.add_tag(std::string_view(item));
      }
      return;
    }
    switch (value.type()) {
    case dom::element_type::NULL_VALUE:
      m_builder.set(field, std::nullopt);
      break;
    case dom::element_type::STRING:
      m_builder.set(field, std::string_view(value));
      break;
    case dom::element_type::INT64: {
      char digits[24];
      const auto end = std::to_chars(digits, digits + sizeof digits, std::int64_t(value)).ptr;
      m_builder.set(field, std::string_view(digits, static_cast<std::size_t>(end - digits)));
      break;
    }
    default:
      m_builder.fail(field_name(field), field == Field::tags ? "expected an array of strings"
                                                             : "expected a string or null");
    }
  }

  void read_events(dom::element value)
  {
    m_builder.mark(Field::events);
    if (value.is_null()) {
      return;
    }
    if (!value.is_array()) {
      m_builder.fail("events", fmt::format("expected an array of {} objects", k_event_shape));
    }
    auto& events = m_builder.record().events;
    for (const dom::element item : dom::array(value)) {
      const std::size_t index = events.size();
      if (!item.is_object()) {
        m_builder.fail(fmt::format("events[{}]", index), fmt::format("expected an object {}", k_event_shape));
      }
      read_event(dom::object(item), index, events.emplace_back());
    }
  }

  void read_event(dom::object object, std::size_t index, HistoryEvent& event)
  {
    bool has_at = false;
    for (const dom::key_value_pair member : object) {
      const auto text = event_text(member.value, index, member.key);
      if (member.key == "at") {
        has_at = text.has_value();
        if (text) {
          event.at = m_builder.event_time(index, *text);
        }
      } else if (member.key == "status") {
        event.status = text ? std::optional{m_builder.event_status(index, *text)} : std::nullopt;
      } else if (member.key == "action") {
        event.action = text.value_or("");
      } else if (member.key == "actor") {
        event.actor = text ? std::optional<std::string>(*text) : std::nullopt;
      } else if (member.key == "note") {
        event.note = text ? std::optional<std::string>(*text) : std::nullopt;
      } else {
        m_builder.fail(fmt::format("events[{}].{}", index, member.key),
                       "unknown (accepted: at, status, action, actor, note)");
      }
    }
    if (!has_at) {
      m_builder.fail(fmt::format("events[{}].at", index), "missing");
    }
    m_builder.check_event(index, event);
  }

  // A string value of an event, or nothing for null or "".
  std::optional<std::string_view> event_text(dom::element value, std::size_t index,
                                             std::string_view key) const
  {
    if (value.is_null()) {
      return std::nullopt;
    }
    if (!value.is_string()) {
      m_builder.fail(fmt::format("events[{}].{}", index, key), "expected a string or null");
    }
    const std::string_view text(value);
    return text.empty() ? std::nullopt : std::optional{text};
  }

  Input& m_input;
  const FieldMap& m_fields;
  RecordBuilder& m_builder;
  dom::parser m_parser;
  std::vector<std::pair<std::string, Field>> m_keys;
  std::size_t m_line = 0;
};

} // namespace

std::unique_ptr<RecordReader> make_jsonl_reader(Input& input, const FieldMap& fields,
                                                RecordBuilder& builder)
{
  return std::make_unique<JsonlReader>(input, fields, builder);
}

} // namespace sdesk::io

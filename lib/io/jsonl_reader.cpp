// JSON Lines import: one ticket object a line, with the field names of the
// ticket JSON object (docs/json.md) and an optional "events" array of status
// changes. Parsed by RapidJSON (header-only, from Debian's rapidjson-dev) into
// a DOM whose memory comes from fixed buffers reused line after line; an
// import parses on its own thread (lib/ops/read_ahead.hpp), so the parser is
// seldom what an import waits for.

#include "lib/io/reader.hpp"

#include "lib/util/error.hpp"

#if defined(__SSE2__) // x86-64 always has it: skip white space 16 bytes at a time
#define RAPIDJSON_SSE2
#endif
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <array>
#include <charconv>
#include <cstdint>

#include <fmt/format.h>

namespace sdesk::io {

namespace {

// Values live in a pool allocator on a fixed buffer, reset for each line
// (a RapidJSON document never frees what it allocated until destroyed).
using Pool = rapidjson::MemoryPoolAllocator<rapidjson::CrtAllocator>;
using Document = rapidjson::GenericDocument<rapidjson::UTF8<>, Pool, Pool>;
using Value = rapidjson::GenericValue<rapidjson::UTF8<>, Pool>;

// Strict JSON, UTF-8 checked as it is read, strings decoded in place (in a
// copy of the line), nesting capped by DepthLimit.
constexpr unsigned k_parse_flags = rapidjson::kParseValidateEncodingFlag | rapidjson::kParseInsituFlag;

std::string_view text_of(const Value& value)
{
  return {value.GetString(), value.GetStringLength()};
}

constexpr std::string_view k_event_shape = R"({"at", "status" or "action", "actor", "note"})";
constexpr std::string_view k_link_shape = R"({"type", "target" or "target_ref"})";

// A record nests three levels deep (the object, "events", an event). The
// parser recurses once per level, so a line of 140,000 '[' overflowed the
// reading thread's stack: deeper lines are refused at the first level past
// this cap, which leaves room for the field-level error of a small mistake
// ("at": {"$date": ...}).
constexpr unsigned k_max_depth = 8;

// What a line may be, for the error about nesting.
constexpr std::string_view k_record_shape =
  R"(one ticket object whose values are strings, integers or null, with "tags" an array of strings, )"
  R"("events" an array of event objects {"at", "status" or "action", "actor", "note"})";

// Forwards RapidJSON's parse events (its Handler concept, hence the names)
// to a document, and stops the parse at the first array or object nested
// deeper than k_max_depth.
class DepthLimit {
public:
  explicit DepthLimit(Document& doc)
    : m_doc(doc)
  {
  }

  // Whether the parse stopped at the depth limit.
  bool too_deep() const { return m_depth > k_max_depth; }

  bool Null() { return m_doc.Null(); }
  bool Bool(bool b) { return m_doc.Bool(b); }
  bool Int(int i) { return m_doc.Int(i); }
  bool Uint(unsigned i) { return m_doc.Uint(i); }
  bool Int64(std::int64_t i) { return m_doc.Int64(i); }
  bool Uint64(std::uint64_t i) { return m_doc.Uint64(i); }
  bool Double(double d) { return m_doc.Double(d); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) { return m_doc.RawNumber(s, n, copy); }
  bool String(const char* s, rapidjson::SizeType n, bool copy) { return m_doc.String(s, n, copy); }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) { return m_doc.Key(s, n, copy); }
  bool StartObject() { return ++m_depth <= k_max_depth && m_doc.StartObject(); }
  bool EndObject(rapidjson::SizeType members)
  {
    --m_depth;
    return m_doc.EndObject(members);
  }
  bool StartArray() { return ++m_depth <= k_max_depth && m_doc.StartArray(); }
  bool EndArray(rapidjson::SizeType elements)
  {
    --m_depth;
    return m_doc.EndArray(elements);
  }

private:
  Document& m_doc;
  unsigned m_depth = 0;
};

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
    Pool values(m_value_buffer.data(), m_value_buffer.size());
    Pool parse_stack(m_stack_buffer.data(), m_stack_buffer.size());
    Document doc(&values, m_stack_buffer.size(), &parse_stack);
    if (line.find('\0') != std::string_view::npos) { // would end the parse early
      m_builder.fail_line("not valid JSON (a NUL byte in the line)");
    }
    // A NUL-terminated copy: RapidJSON's fast path, and a buffer it may
    // decode strings into (the values point into it until the next line).
    // Its SSE2 white-space skipping loads aligned 16-byte blocks, which may
    // reach up to 15 bytes past the NUL: keep them inside the buffer.
    m_text.reserve(line.size() + 16);
    m_text.assign(line);
    rapidjson::ParseResult result;
    bool too_deep = false;
    auto parse = [&](Document& target) {
      DepthLimit handler(target);
      rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>, Pool> reader(&parse_stack);
      rapidjson::GenericInsituStringStream<rapidjson::UTF8<>> stream(m_text.data());
      result = reader.Parse<k_parse_flags>(stream, handler);
      too_deep = handler.too_deep();
      return !result.IsError();
    };
    doc.Populate(parse);
    if (too_deep) { // the offset is just past the bracket
      m_builder.fail_line(fmt::format("not valid JSON (nested deeper than {} levels at column {}; accepted: {})",
                                      k_max_depth, result.Offset(), k_record_shape));
    }
    if (result.IsError()) {
      m_builder.fail_line(fmt::format("not valid JSON ({} at column {})",
                                      rapidjson::GetParseError_En(result.Code()), result.Offset() + 1));
    }
    if (!doc.IsObject()) {
      m_builder.fail_line("not a JSON object (each line must be one ticket object)");
    }
    std::size_t index = 0;
    for (const auto& member : doc.GetObject()) {
      read_member(lookup(index++, text_of(member.name)), member.value);
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

  void read_member(Field field, const Value& value)
  {
    if (field == Field::derived || field == Field::skip) {
      return;
    }
    if (field == Field::id && !value.IsString() && !value.IsInt64()) {
      return; // an id sdesk cannot name a record by is ignored, as it always was
    }
    if (field == Field::events) {
      read_events(value);
      return;
    }
    if (field == Field::links) {
      read_links(value);
      return;
    }
    if (field == Field::tags && value.IsArray()) {
      m_builder.mark(Field::tags);
      for (const auto& item : value.GetArray()) {
        if (!item.IsString()) {
          m_builder.fail("tags", "expected an array of strings");
        }
        m_builder.add_tag(text_of(item));
      }
      return;
    }
    if (value.IsNull()) {
      m_builder.set(field, std::nullopt);
    } else if (value.IsString()) {
      m_builder.set(field, text_of(value));
    } else if (value.IsInt64()) {
      std::array<char, 24> digits{};
      const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value.GetInt64()).ptr;
      m_builder.set(field, std::string_view(digits.data(), static_cast<std::size_t>(end - digits.data())));
    } else {
      m_builder.fail(field_name(field), field == Field::tags ? "expected an array of strings"
                                                             : "expected a string or null");
    }
  }

  void read_events(const Value& value)
  {
    m_builder.mark(Field::events);
    if (value.IsNull()) {
      return;
    }
    if (!value.IsArray()) {
      m_builder.fail("events", fmt::format("expected an array of {} objects", k_event_shape));
    }
    auto& events = m_builder.record().events;
    for (const auto& item : value.GetArray()) {
      const std::size_t index = events.size();
      if (!item.IsObject()) {
        m_builder.fail(fmt::format("events[{}]", index), fmt::format("expected an object {}", k_event_shape));
      }
      read_event(item, index, events.emplace_back());
    }
  }

  void read_links(const Value& value)
  {
    m_builder.mark(Field::links);
    if (value.IsNull()) {
      return;
    }
    if (!value.IsArray()) {
      m_builder.fail("links", fmt::format("expected an array of {} objects", k_link_shape));
    }
    std::size_t index = 0;
    for (const auto& item : value.GetArray()) {
      const std::string field = fmt::format("links[{}]", index);
      if (!item.IsObject()) {
        m_builder.fail(field, fmt::format("expected an object {}", k_link_shape));
      }
      LinkRef link;
      for (const auto& member : item.GetObject()) {
        const std::string_view key = text_of(member.name);
        const Value& v = member.value;
        if (key == "type" && v.IsString()) {
          link.type = text_of(v);
        } else if (key == "target" && (v.IsInt64() || v.IsNull())) {
          link.target = v.IsNull() ? std::nullopt : std::optional{v.GetInt64()};
        } else if (key == "target_ref" && (v.IsString() || v.IsNull())) {
          link.target_ref = v.IsNull() ? std::nullopt : std::optional<std::string>(text_of(v));
        } else if (key == "title") {
          // shown by show --json; the target's own record holds it
        } else if (key == "type" || key == "target" || key == "target_ref") {
          m_builder.fail(field + "." + std::string(key),
                         key == "target" ? "expected an integer or null"
                                         : (key == "type" ? "expected a string" : "expected a string or null"));
        } else {
          m_builder.fail(field + "." + std::string(key), "unknown (accepted: type, target, target_ref)");
        }
      }
      m_builder.add_link(index++, std::move(link));
    }
  }

  void read_event(const Value& object, std::size_t index, HistoryEvent& event)
  {
    bool has_at = false;
    for (const auto& member : object.GetObject()) {
      const std::string_view key = text_of(member.name);
      const auto text = event_text(member.value, index, key);
      if (key == "at") {
        has_at = text.has_value();
        if (text) {
          event.at = m_builder.event_time(index, *text);
        }
      } else if (key == "status") {
        event.status = text ? std::optional{m_builder.event_status(index, *text)} : std::nullopt;
      } else if (key == "action") {
        event.action_name = text.value_or("");
      } else if (key == "actor") {
        event.actor = text ? std::optional<std::string>(*text) : std::nullopt;
      } else if (key == "note") {
        event.note = text ? std::optional<std::string>(*text) : std::nullopt;
      } else {
        m_builder.fail(fmt::format("events[{}].{}", index, key),
                       "unknown (accepted: at, status, action, actor, note)");
      }
    }
    if (!has_at) {
      m_builder.fail(fmt::format("events[{}].at", index), "missing");
    }
    m_builder.check_event(index, event);
  }

  // A string value of an event, or nothing for null or "".
  std::optional<std::string_view> event_text(const Value& value, std::size_t index,
                                             std::string_view key) const
  {
    if (value.IsNull()) {
      return std::nullopt;
    }
    if (!value.IsString()) {
      m_builder.fail(fmt::format("events[{}].{}", index, key), "expected a string or null");
    }
    const std::string_view text = text_of(value);
    return text.empty() ? std::nullopt : std::optional{text};
  }

  Input& m_input;
  const FieldMap& m_fields;
  RecordBuilder& m_builder;
  // Reused for every line; a line that needs more gets extra chunks, freed
  // with its document.
  std::array<char, 64 * 1024> m_value_buffer{};
  std::array<char, 16 * 1024> m_stack_buffer{};
  std::string m_text; // the line being parsed
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

#include "lib/io/record_builder.hpp"

#include "lib/model/limits.hpp"
#include "lib/model/link.hpp"
#include "lib/model/record_type.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>
#include <charconv>
#include <type_traits>

#include <fmt/format.h>

namespace sdesk::io {

namespace {

// The enum value whose name is exactly `text` (the common case, without
// allocating), else nothing.
template<typename Enum, std::size_t N>
std::optional<Enum> exact(std::string_view text, const std::array<Enum, N>& values)
{
  for (const Enum value : values) {
    if (model::to_string(value) == text) {
      return value;
    }
  }
  return std::nullopt;
}

} // namespace

RecordBuilder::RecordBuilder(const TimeReader& times, int lowest_priority)
  : m_times(times),
    m_lowest_priority(lowest_priority)
{
}

void RecordBuilder::begin(ImportRecord& record, std::size_t line)
{
  record.clear();
  record.line = line;
  m_record = &record;
  m_line = line;
}

std::string RecordBuilder::what(std::string_view field) const
{
  return fmt::format("line {}: field '{}'", m_line, field);
}

void RecordBuilder::fail(std::string_view field, std::string_view message) const
{
  throw Error(ErrorKind::usage, fmt::format("{}: {}", what(field), message));
}

void RecordBuilder::fail_line(std::string_view message) const
{
  throw Error(ErrorKind::usage, fmt::format("line {}: {}", m_line, message));
}

util::Time RecordBuilder::time(std::string_view field, std::string_view text) const
{
  const auto t = m_times.read(text);
  if (!t) {
    fail(field, fmt::format("bad date/time {} (accepted: {})", util::quote(text),
                                        TimeReader::accepted()));
  }
  return *t;
}

util::Time RecordBuilder::event_time(std::size_t index, std::string_view text) const
{
  const auto t = m_times.read(text);
  if (!t) {
    fail(fmt::format("events[{}].at", index),
         fmt::format("bad date/time {} (accepted: {})", util::quote(text), TimeReader::accepted()));
  }
  return *t;
}

model::Status RecordBuilder::event_status(std::size_t index, std::string_view text) const
{
  if (const auto status = exact(text, model::k_statuses)) {
    return *status;
  }
  return model::parse_status(text, what(fmt::format("events[{}].status", index)));
}

void RecordBuilder::check_event(std::size_t index, HistoryEvent& event) const
{
  const auto accepted = [] {
    std::string names;
    for (const model::Action action : k_note_actions) {
      names += (names.empty() ? "" : ", ") + std::string(model::to_string(action));
    }
    return names;
  };
  if (event.status && !event.action_name.empty()) {
    event.action = model::find_action(event.action_name);
  }
  if (event.status && !event.action_name.empty() && event.action != k_migrate_action) {
    fail(fmt::format("events[{}]", index),
         "give a status (a status change) or an action (" + accepted() + "), not both");
  }
  if (!event.status && event.action_name.empty()) {
    fail(fmt::format("events[{}].status", index),
         "missing (or an action: " + accepted() + ")");
  }
  if (!event.status) {
    event.action = model::find_action(event.action_name);
    if (!event.action
        || std::find(k_note_actions.begin(), k_note_actions.end(), *event.action) == k_note_actions.end()) {
      fail(fmt::format("events[{}].action", index),
           fmt::format("unknown value {} (accepted: {})", util::quote(event.action_name), accepted()));
    }
  }
  if (event.action == model::Action::comment && !event.note) {
    fail(fmt::format("events[{}].note", index), "missing (a comment needs its text)");
  }
  if (event.actor) {
    check_text(fmt::format("events[{}].actor", index), *event.actor, model::Limited::short_text);
  }
  if (event.note) {
    check_text(fmt::format("events[{}].note", index), *event.note, model::Limited::long_text);
  }
}

void RecordBuilder::set(Field field, std::optional<std::string_view> text)
{
  if (field == Field::events) {
    fail("events", "only JSON Lines input can carry events (an array of {\"at\", \"status\"})");
  }
  if (field == Field::links) {
    fail("links", "only JSON Lines input can carry links (an array of {\"type\", \"target\", "
                  "\"target_ref\"})");
  }
  if (field == Field::id) {
    set_source_id(text.value_or(std::string_view{}));
    return;
  }
  const model::FieldSpec* spec = field_spec(field);
  if (!spec || !spec->importable) {
    return; // derived and skipped fields
  }
  const bool empty = !text || text->empty();
  if (empty && empty_is_absent(*spec)) {
    return; // not given: the default (new ticket) or the stored value (update)
  }
  m_record->mark(field);
  if (field == Field::ref && !empty) { // empty: no ref; first, for its own words on control characters
    if (const auto problem = model::ref_problem(*text)) {
      fail(spec->name, *problem);
    }
  }
  if (text && spec->type != model::FieldType::tags) { // tags are checked one by one, in end()
    check_text(spec->name, *text, spec->limit);
  }
  model::visit_field(static_cast<std::size_t>(field), [&](auto i) {
    assign(*spec, m_record->ticket.*model::field_member<decltype(i)::value>(), text);
  });
}

bool RecordBuilder::empty_is_absent(const model::FieldSpec& spec)
{
  bool absent = false;
  model::visit_field(static_cast<std::size_t>(&spec - model::k_fields), [&](auto i) {
    using T = std::remove_cvref_t<decltype(model::Ticket{}.*model::field_member<decltype(i)::value>())>;
    if constexpr (std::is_same_v<T, std::string>) {
      absent = spec.name == "title"; // a ticket always has one; a description may be empty
    } else {
      absent = !requires(T value) { value.has_value(); } && !requires(T value) { value.empty(); };
    }
  });
  return absent;
}

void RecordBuilder::set_source_id(std::string_view text)
{
  // Other tools' ids need not be numbers: such an id is ignored, as every
  // id was before links; only a link's `target` names a record by its id.
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error == std::errc{} && end == text.data() + text.size()) {
    m_record->source_id = id;
  }
}

void RecordBuilder::add_link(std::size_t index, LinkRef link)
{
  const std::string field = fmt::format("links[{}]", index);
  model::make_link(1, link.type, 2, what(field + ".type")); // throws for an unknown type
  if (!link.target && !link.target_ref) {
    fail(field, "missing target (the id of a record of this input) or target_ref (a ref)");
  }
  if (link.target_ref) {
    check_text(field + ".target_ref", *link.target_ref, model::Limited::short_text);
  }
  m_record->mark(Field::links);
  m_record->links.push_back(std::move(link));
}

void RecordBuilder::check_text(std::string_view field, std::string_view text, model::Limited kind) const
{
  if (const auto problem = model::text_problem(text, kind)) {
    fail(field, *problem);
  }
}

void RecordBuilder::assign(const model::FieldSpec&, std::string& to, std::optional<std::string_view> text) const
{
  to = text.value_or("");
}

void RecordBuilder::assign(const model::FieldSpec& spec, std::optional<std::string>& to,
                           std::optional<std::string_view> text) const
{
  if (!text || util::trim(*text).empty()) { // blank is none, as for `open -c ' '`
    to.reset();
    return;
  }
  if (spec.type == model::FieldType::choice) {
    if (const auto problem = model::choice_problem(spec, *text)) {
      fail(spec.name, *problem);
    }
  }
  to = std::string(*text);
}

void RecordBuilder::assign(const model::FieldSpec&, std::vector<std::string>& to,
                           std::optional<std::string_view> text) const
{
  to = util::split_list(text.value_or(""));
}

void RecordBuilder::assign(const model::FieldSpec&, model::Kind& to, std::optional<std::string_view> text) const
{
  const std::string_view value = text.value_or("");
  const auto kind = exact(value, model::k_kinds);
  to = kind ? *kind : model::parse_kind(value, what("kind"));
}

void RecordBuilder::assign(const model::FieldSpec&, model::Status& to, std::optional<std::string_view> text) const
{
  const std::string_view value = text.value_or("");
  // Unknown names list the statuses of the record's type (the kind read
  // so far, else incident); end() checks the status against the kind.
  const auto status = exact(value, model::k_statuses);
  to = status ? *status
              : model::parse_status(value, what("status"), model::record_type(m_record->ticket.kind).statuses);
}

void RecordBuilder::assign(const model::FieldSpec& spec, model::Level& to, std::optional<std::string_view> text) const
{
  const std::string_view value = text.value_or("");
  const auto level = exact(value, model::k_levels);
  to = level ? *level : model::parse_level(value, what(spec.name));
}

void RecordBuilder::assign(const model::FieldSpec& spec, int& to, std::optional<std::string_view> text) const
{
  const std::string_view value = text.value_or("");
  to = spec.type == model::FieldType::priority ? priority(value) : whole_number(spec, value);
}

void RecordBuilder::assign(const model::FieldSpec& spec, util::Time& to, std::optional<std::string_view> text) const
{
  to = time(spec.name, text.value_or(""));
}

void RecordBuilder::assign(const model::FieldSpec& spec, std::optional<util::Time>& to,
                           std::optional<std::string_view> text) const
{
  to = text && !text->empty() ? std::optional{time(spec.name, *text)} : std::nullopt;
}

int RecordBuilder::priority(std::string_view value) const
{
  if (value.size() == 2 && value[0] == 'P' && value[1] >= '1' && value[1] - '0' <= m_lowest_priority) {
    return value[1] - '0';
  }
  return model::parse_priority(value, m_lowest_priority, what("priority"));
}

int RecordBuilder::whole_number(const model::FieldSpec& spec, std::string_view value) const
{
  const auto trimmed = util::trim(value);
  int level = 0;
  const auto [end, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), level);
  if (ec != std::errc() || end != trimmed.data() + trimmed.size() || level < 0) {
    fail(spec.name, fmt::format("bad value {} (accepted: a whole number, 0 or more)", util::quote(value)));
  }
  return level;
}

void RecordBuilder::add_tag(std::string_view tag)
{
  m_record->mark(Field::tags);
  m_record->ticket.tags.emplace_back(tag);
}

void RecordBuilder::end()
{
  const model::Ticket& t = m_record->ticket;
  const model::RecordType& type = model::record_type(t.kind);
  if (m_record->has(Field::status) && !type.has(t.status)) {
    std::string names;
    for (const model::Status s : type.statuses) {
      names += (names.empty() ? "" : ", ") + std::string(model::to_string(s));
    }
    fail("status", fmt::format("'{}' is not a status of a {} (accepted: {})",
                               model::to_string(t.status), model::to_string(t.kind), names));
  }
  auto& tags = m_record->ticket.tags;
  if (tags.empty()) {
    return;
  }
  if (const auto problem = model::tags_problem(tags)) {
    fail("tags", *problem);
  }
  try {
    tags = model::normalise_tags(tags);
  } catch (const Error& e) {
    // "tag: bad tag 'a b' (accepted: ...)" -> "line N: field 'tags': bad tag ..."
    const std::string_view message = e.what();
    const auto colon = message.find(": ");
    fail("tags", colon == std::string_view::npos ? message : message.substr(colon + 2));
  }
}

} // namespace sdesk::io

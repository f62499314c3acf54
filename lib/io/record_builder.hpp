#pragma once

#include "lib/io/record.hpp"
#include "lib/io/time_reader.hpp"
#include "lib/model/limits.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace sdesk::io {

// Turns the text of one input value into the field of an ImportRecord, for
// every input format. Errors are Error(usage) naming the line and the
// field: "line 12: field 'priority': bad value 'P9' (accepted: P1 to P4)".
// Text values must be valid UTF-8 within the limits of model/limits.hpp.
//
// Each field is set by its type in model::k_fields (lib/model/fields.hpp).
// Empty values (null in JSON, an empty CSV cell) clear the fields that may
// be empty (optional members such as ref, group or resolved; tags;
// description); for those that always have a value (kind, title, status,
// impact, urgency, priority, escalation_level, created, updated) they
// count as not given.
class RecordBuilder {
public:
  // `lowest_priority`: the largest priority number accepted (the matrix's).
  RecordBuilder(const TimeReader& times, int lowest_priority);

  // Starts filling `record` (cleared) for the input starting at `line`.
  void begin(ImportRecord& record, std::size_t line);

  // Sets `field` of the current record from `text` (nothing = empty).
  // `events` is refused here (it is not text); derived and skipped fields
  // are ignored.
  void set(Field field, std::optional<std::string_view> text);

  // Adds one tag to the current record (JSON arrays); marks tags present.
  void add_tag(std::string_view tag);

  // Marks `field` present with an empty value (an empty tag list, no events).
  void mark(Field field) { m_record->mark(field); }

  // Reads the time or the status of event `index` (0-based) of the current
  // record.
  util::Time event_time(std::size_t index, std::string_view text) const;
  model::Status event_status(std::size_t index, std::string_view text) const;

  // Checks that event `index` has a status or a note action, not both, and
  // that its actor and note are valid UTF-8 within their limits; sets its
  // `action` from `action_name`.
  void check_event(std::size_t index, HistoryEvent& event) const;

  // Adds link `index` (0-based) of the current record's "links"; throws
  // Error(usage) naming "links[i].type" for an unknown type and "links[i]"
  // for a link without target or target_ref.
  void add_link(std::size_t index, LinkRef link);

  // Finishes the record: tags checked (count, length, UTF-8) and
  // normalised. Throws for a bad tag.
  void end();

  // Throws Error(usage) "line N: field 'NAME': MESSAGE".
  [[noreturn]] void fail(std::string_view field, std::string_view message) const;

  // Throws Error(usage) "line N: MESSAGE".
  [[noreturn]] void fail_line(std::string_view message) const;

  std::size_t line() const { return m_line; }
  ImportRecord& record() { return *m_record; }

private:
  // Fails naming `field` when `text` is not valid UTF-8 or over the limit
  // of `kind` (model/limits.hpp).
  void check_text(std::string_view field, std::string_view text, model::Limited kind) const;
  // Keeps the record's `id` when it is an integer (else ignores it).
  void set_source_id(std::string_view text);
  // Whether an empty value of `spec` counts as not given (fields that always
  // have a value: kind, title, status, levels, numbers, created, updated)
  // rather than clearing it.
  static bool empty_is_absent(const model::FieldSpec& spec);
  // Sets a field of each member type from a value (nothing = empty), or
  // fails naming the field. The non-importable types have none.
  void assign(const model::FieldSpec& spec, std::string& to, std::optional<std::string_view> text) const;
  void assign(const model::FieldSpec& spec, std::optional<std::string>& to,
              std::optional<std::string_view> text) const;
  void assign(const model::FieldSpec& spec, std::vector<std::string>& to,
              std::optional<std::string_view> text) const;
  void assign(const model::FieldSpec& spec, model::Kind& to, std::optional<std::string_view> text) const;
  void assign(const model::FieldSpec& spec, model::Status& to, std::optional<std::string_view> text) const;
  void assign(const model::FieldSpec& spec, model::Level& to, std::optional<std::string_view> text) const;
  void assign(const model::FieldSpec& spec, int& to, std::optional<std::string_view> text) const;
  void assign(const model::FieldSpec& spec, util::Time& to, std::optional<std::string_view> text) const;
  void assign(const model::FieldSpec& spec, std::optional<util::Time>& to,
              std::optional<std::string_view> text) const;
  template<typename T>
  void assign(const model::FieldSpec&, T&, std::optional<std::string_view>) const
  {
  }
  int priority(std::string_view value) const;
  int whole_number(const model::FieldSpec& spec, std::string_view value) const;
  util::Time time(std::string_view field, std::string_view text) const;
  std::string what(std::string_view field) const;

  const TimeReader& m_times;
  int m_lowest_priority;
  ImportRecord* m_record = nullptr;
  std::size_t m_line = 0;
};

} // namespace sdesk::io

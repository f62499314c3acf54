#pragma once

// The fields an import record may carry: the JSON names of the ticket object
// (lib/model/ticket_json.cpp) plus "events", and how input columns or keys
// map to them (--map COLUMN=FIELD).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sdesk::io {

// One importable field. `derived` stands for the fields sdesk computes
// itself (SLA due times and durations): accepted, so that export output
// imports unchanged, and ignored.
enum class Field : std::uint8_t {
  ref,
  kind,
  title,
  description,
  status,
  impact,
  urgency,
  priority,
  category,
  service,
  group,
  assignee,
  requester,
  escalation_level,
  tags,
  created,
  updated,
  first_response,
  resolved,
  closed,
  resolution_code,
  resolution_note,
  events,
  links,   // links to other records (JSON Lines only)
  id,      // the record's id in the input: what its links name; else ignored
  derived,
  skip, // a column renamed to nothing with --map COLUMN=
};

// The field's name as written in JSON ("first_response").
std::string_view field_name(Field field);

// The names of all fields an input may use, for error messages.
const std::vector<std::string>& accepted_field_names();

// Maps input column names (CSV header, JSON keys) to fields: the field
// names themselves, plus renames from --map.
class FieldMap {
public:
  FieldMap() = default;

  // Parses "column=field" pairs. An empty field ("column=" or "column=-")
  // skips the column. Throws Error(usage) naming --map for a malformed pair
  // or an unknown field (with a did-you-mean).
  explicit FieldMap(const std::vector<std::string>& renames);

  // The field `column` stands for, or nothing when it is unknown.
  std::optional<Field> find(std::string_view column) const;

  // The message for an unknown column: "unknown field 'x' (did you mean
  // 'y'?); accepted: ... (rename with --map COLUMN=FIELD)".
  static std::string unknown_message(std::string_view column);

private:
  std::vector<std::pair<std::string, Field>> m_renames;
};

} // namespace sdesk::io

#pragma once

// The fields an import record may carry: the names of model::k_fields (the
// ticket's JSON object) plus "events", and how input columns or keys map to
// them (--map COLUMN=FIELD).

#include "lib/model/fields.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sdesk::io {

// One field an import record may name: a field of the ticket (its index
// in model::k_fields, the table every field is declared in), or one of the
// four after them. A field that is not importable (id, SLA due times and
// durations, which sdesk computes itself) reads as `derived`: accepted, so
// that export output imports unchanged, and ignored. The fields are named
// here only where import gives them behaviour of their own (or a test
// names them); every other field is reached through the table.
enum class Field : std::uint8_t {
  id = model::field_index("id"), // the record's id in the input: what its links name
  ref = model::field_index("ref"),
  kind = model::field_index("kind"),
  title = model::field_index("title"),
  status = model::field_index("status"),
  impact = model::field_index("impact"),
  urgency = model::field_index("urgency"),
  priority = model::field_index("priority"),
  category = model::field_index("category"),
  assignee = model::field_index("assignee"),
  tags = model::field_index("tags"),
  created = model::field_index("created"),
  updated = model::field_index("updated"),
  resolved = model::field_index("resolved"),
  closed = model::field_index("closed"),
  events = model::k_field_count,
  links, // links to other records (JSON Lines only)
  derived,
  skip, // a column renamed to nothing with --map COLUMN=
};

// The field of model::k_fields that `field` stands for; nothing for
// events, derived and skip.
inline const model::FieldSpec* field_spec(Field field)
{
  const auto index = static_cast<std::size_t>(field);
  return index < model::k_field_count ? &model::k_fields[index] : nullptr;
}

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

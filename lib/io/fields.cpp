#include "lib/io/fields.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"


#include <fmt/format.h>

namespace sdesk::io {

namespace {

// What an input name stands for.
std::optional<Field> builtin(std::string_view column)
{
  if (column == "events") {
    return Field::events;
  }
  if (column == "links") {
    return Field::links;
  }
  if (column == "id") {
    return Field::id; // not stored, but what the record's links name
  }
  const model::FieldSpec* spec = model::find_field(column);
  if (!spec) {
    return std::nullopt;
  }
  return spec->importable ? static_cast<Field>(spec - model::k_fields) : Field::derived;
}

} // namespace

std::string_view field_name(Field field)
{
  if (const model::FieldSpec* spec = field_spec(field)) {
    return spec->name;
  }
  switch (field) {
  case Field::events: return "events";
  case Field::links: return "links";
  case Field::derived: return "derived";
  default: return "skipped";
  }
}

const std::vector<std::string>& accepted_field_names()
{
  // The importable fields, "events", then the ones accepted and ignored.
  static const std::vector<std::string> names = [] {
    std::vector<std::string> result;
    for (const model::FieldSpec& spec : model::k_fields) {
      if (spec.importable) {
        result.emplace_back(spec.name);
      }
    }
    result.emplace_back("events");
    result.emplace_back("links");
    for (const model::FieldSpec& spec : model::k_fields) {
      if (!spec.importable) {
        result.emplace_back(spec.name);
      }
    }
    return result;
  }();
  return names;
}

FieldMap::FieldMap(const std::vector<std::string>& renames)
{
  for (const std::string& rename : renames) {
    const auto equals = rename.find('=');
    const std::string_view column = util::trim(std::string_view(rename).substr(0, equals));
    if (equals == std::string::npos || column.empty()) {
      throw Error(ErrorKind::usage,
                  fmt::format("--map: bad value {} (accepted: COLUMN=FIELD, or COLUMN= to skip)",
                              util::quote(rename)));
    }
    const std::string_view target = util::trim(std::string_view(rename).substr(equals + 1));
    if (target.empty() || target == "-") {
      m_renames.emplace_back(column, Field::skip);
      continue;
    }
    const auto field = builtin(target);
    if (!field) {
      throw Error(ErrorKind::usage,
                  fmt::format("--map: unknown field {} (accepted: {})",
                              util::quote_with_suggestion(target, accepted_field_names()),
                              util::join(accepted_field_names(), ", ")));
    }
    m_renames.emplace_back(column, *field);
  }
}

std::optional<Field> FieldMap::find(std::string_view column) const
{
  for (const auto& [from, field] : m_renames) {
    if (from == column) {
      return field;
    }
  }
  return builtin(column);
}

std::string FieldMap::unknown_message(std::string_view column)
{
  return fmt::format("unknown field {}; accepted: {} (rename with --map COLUMN=FIELD, skip with "
                     "--map COLUMN=)",
                     util::quote_with_suggestion(column, accepted_field_names()),
                     util::join(accepted_field_names(), ", "));
}

} // namespace sdesk::io

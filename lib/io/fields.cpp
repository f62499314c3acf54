#include "lib/io/fields.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <array>

#include <fmt/format.h>

namespace sdesk::io {

namespace {

struct Name {
  std::string_view name;
  Field field;
};

// Every accepted name; the derived ones last.
constexpr std::array<Name, 30> k_names{{
  {"ref", Field::ref},
  {"kind", Field::kind},
  {"title", Field::title},
  {"description", Field::description},
  {"status", Field::status},
  {"impact", Field::impact},
  {"urgency", Field::urgency},
  {"priority", Field::priority},
  {"category", Field::category},
  {"service", Field::service},
  {"group", Field::group},
  {"assignee", Field::assignee},
  {"requester", Field::requester},
  {"escalation_level", Field::escalation_level},
  {"tags", Field::tags},
  {"created", Field::created},
  {"updated", Field::updated},
  {"first_response", Field::first_response},
  {"resolved", Field::resolved},
  {"closed", Field::closed},
  {"resolution_code", Field::resolution_code},
  {"resolution_note", Field::resolution_note},
  {"events", Field::events},
  {"links", Field::links},
  {"id", Field::id},
  {"response_due", Field::derived},
  {"resolution_due", Field::derived},
  {"sla_policy", Field::derived},
  {"response_business_seconds", Field::derived},
  {"resolution_business_seconds", Field::derived},
}};

std::optional<Field> builtin(std::string_view column)
{
  for (const Name& name : k_names) {
    if (name.name == column) {
      return name.field;
    }
  }
  return std::nullopt;
}

} // namespace

std::string_view field_name(Field field)
{
  for (const Name& name : k_names) {
    if (name.field == field && field != Field::derived) {
      return name.name;
    }
  }
  return field == Field::derived ? "derived" : "skipped";
}

const std::vector<std::string>& accepted_field_names()
{
  static const std::vector<std::string> names = [] {
    std::vector<std::string> result;
    for (const Name& name : k_names) {
      result.emplace_back(name.name);
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

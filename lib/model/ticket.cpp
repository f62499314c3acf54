#include "lib/model/ticket.hpp"

#include "lib/model/fields.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::model {

std::vector<FieldChange> diff(const Ticket& before, const Ticket& after)
{
  std::vector<FieldChange> changes;
  for_each_field([&](auto i) {
    constexpr const FieldSpec& spec = k_fields[decltype(i)::value];
    constexpr auto member = field_member<decltype(i)::value>();
    if constexpr (spec.tracked) {
      if (before.*member == after.*member) {
        return; // the common case, without formatting
      }
      auto old_value = history_text(spec, before);
      auto new_value = history_text(spec, after);
      if (old_value != new_value) {
        changes.push_back({std::string(spec.name), std::move(old_value), std::move(new_value)});
      }
    }
  });
  return changes;
}

std::vector<FieldChange> initial_fields(const Ticket& ticket)
{
  std::vector<FieldChange> fields;
  for (const FieldSpec& spec : k_fields) {
    if (!spec.tracked) {
      continue;
    }
    if (auto value = history_text(spec, ticket); value && !value->empty()) {
      fields.push_back({std::string(spec.name), std::nullopt, std::move(value)});
    }
  }
  return fields;
}

std::vector<std::string> normalise_tags(const std::vector<std::string>& tags)
{
  std::vector<std::string> result;
  for (const auto& tag : tags) {
    const std::string clean = util::to_lower(util::trim(tag));
    if (clean.empty()) {
      continue;
    }
    if (clean.find_first_of(", \t\n") != std::string::npos) {
      throw Error(ErrorKind::usage,
                  fmt::format("tag: bad tag {} (accepted: a word without commas or spaces)",
                              util::quote(tag)));
    }
    result.push_back(clean);
  }
  std::sort(result.begin(), result.end());
  result.erase(std::unique(result.begin(), result.end()), result.end());
  return result;
}

std::optional<std::string> ref_problem(std::string_view ref)
{
  if (util::trim(ref).empty()) {
    return "must not be empty";
  }
  const bool control = std::any_of(ref.begin(), ref.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
  if (control) {
    return "must not contain control characters or line breaks";
  }
  return std::nullopt;
}

} // namespace sdesk::model

#include "lib/report/dimension.hpp"

#include "lib/model/enums.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace sdesk::report {

namespace {

constexpr std::array<std::pair<Dimension, std::string_view>, 6> k_dimensions{{
  {Dimension::priority, "priority"},
  {Dimension::group, "group"},
  {Dimension::assignee, "assignee"},
  {Dimension::category, "category"},
  {Dimension::kind, "kind"},
  {Dimension::service, "service"},
}};

} // namespace

std::string_view to_string(Dimension dimension)
{
  for (const auto& [d, name] : k_dimensions) {
    if (d == dimension) {
      return name;
    }
  }
  return "?";
}

std::vector<std::string> dimension_names()
{
  std::vector<std::string> names;
  for (const auto& [d, name] : k_dimensions) {
    names.emplace_back(name);
  }
  return names;
}

std::vector<Dimension> parse_dimensions(const std::vector<std::string>& items)
{
  const std::vector<std::string> names = dimension_names();
  std::vector<Dimension> result;
  for (const auto& item : items) {
    const auto words = util::split_list(item);
    // `--by "$FIELD"` with FIELD unset would quietly drop the rows.
    if (words.empty()) {
      throw Error(ErrorKind::usage,
                  fmt::format("--by: empty value (accepted: {})", util::join(names, ", ")));
    }
    for (const auto& word : words) {
      const auto found = std::find_if(k_dimensions.begin(), k_dimensions.end(),
                                      [&](const auto& entry) { return entry.second == word; });
      if (found == k_dimensions.end()) {
        throw Error(ErrorKind::usage,
                    fmt::format("--by: unknown field {} (accepted: {})",
                                util::quote_with_suggestion(word, names), util::join(names, ", ")));
      }
      if (std::find(result.begin(), result.end(), found->first) != result.end()) {
        throw Error(ErrorKind::usage, fmt::format("--by: '{}' is given twice", word));
      }
      result.push_back(found->first);
    }
  }
  if (result.size() > 2) {
    throw Error(ErrorKind::usage,
                fmt::format("--by: at most two levels (got {}), e.g. --by priority,group",
                            result.size()));
  }
  return result;
}

std::optional<std::string> key_value(const store::ReportKeys& keys, Dimension dimension)
{
  switch (dimension) {
  case Dimension::priority:
    return model::format_priority(keys.priority);
  case Dimension::group:
    return keys.group;
  case Dimension::assignee:
    return keys.assignee;
  case Dimension::category:
    return keys.category;
  case Dimension::kind:
    return keys.kind;
  case Dimension::service:
    return keys.service;
  }
  return std::nullopt;
}

} // namespace sdesk::report

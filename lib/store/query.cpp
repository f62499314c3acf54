#include "lib/store/query.hpp"

#include "lib/model/fields.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::store {

const std::vector<std::string>& sortable_fields()
{
  static const std::vector<std::string> fields = [] {
    std::vector<std::string> names;
    for (const model::FieldSpec& f : model::k_fields) {
      if (f.sortable) {
        names.emplace_back(f.name);
      }
    }
    return names;
  }();
  return fields;
}

std::vector<SortKey> parse_sort(std::string_view text)
{
  std::vector<SortKey> keys;
  for (auto item : util::split_list(text)) {
    SortKey key;
    if (!item.empty() && (item.front() == '-' || item.front() == '+')) {
      key.descending = item.front() == '-';
      item.erase(0, 1);
    }
    const auto& fields = sortable_fields();
    if (std::find(fields.begin(), fields.end(), item) == fields.end()) {
      throw Error(ErrorKind::usage,
                  fmt::format("--sort: unknown field {} (accepted: {}; prefix '-' for descending)",
                              util::quote_with_suggestion(item, fields), util::join(fields, ", ")));
    }
    key.field = item;
    keys.push_back(key);
  }
  return keys;
}

} // namespace sdesk::store

#include "lib/store/alert_columns.hpp"

#include "lib/store/unix_time.hpp"
#include "lib/util/error.hpp"

#include <charconv>

namespace sdesk::store {

std::string encode_changes(const std::vector<util::Time>& changes)
{
  std::string text;
  for (const util::Time t : changes) {
    text += (text.empty() ? "" : " ") + std::to_string(seconds(t));
  }
  return text;
}

std::vector<util::Time> decode_changes(const std::string& text)
{
  std::vector<util::Time> changes;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    if (*p == ' ') {
      ++p;
      continue;
    }
    std::int64_t s = 0;
    const auto [next, ec] = std::from_chars(p, end, s);
    if (ec != std::errc{}) {
      throw Error(ErrorKind::store, "alert_key.changes: not a list of times: '" + text + "'");
    }
    changes.push_back(to_time(s));
    p = next;
  }
  return changes;
}

} // namespace sdesk::store

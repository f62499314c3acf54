#include "lib/store/completion.hpp"

#include "lib/store/database.hpp"
#include "lib/store/schema.hpp"
#include "lib/store/statement.hpp"
#include "lib/store/store_uri.hpp"
#include "lib/util/error.hpp"

#include <algorithm>
#include <chrono>

namespace sdesk::store {

namespace {

// A short wait: completion must not hang behind a long write.
constexpr std::chrono::milliseconds k_completion_timeout{50};

// "?, ?, ?" for `count` parameters.
std::string placeholders(std::size_t count)
{
  std::string text;
  for (std::size_t i = 0; i < count; ++i) {
    text += i == 0 ? "?" : ", ?";
  }
  return text;
}

bool all_digits(std::string_view text)
{
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<model::TicketId> query_ids(Database& db, const OpenIdQuery& query)
{
  auto version = db.prepare("PRAGMA user_version");
  if (!version.step() || version.get_int(0) != latest_schema_version()) {
    return {};
  }
  auto highest = db.prepare("SELECT max(id) FROM ticket");
  const model::TicketId max_id = highest.step() ? highest.get_int(0) : 0;
  const std::int64_t prefix_value = query.prefix.empty() ? 0 : std::stoll(std::string(query.prefix));
  // One seek per (status, priority) pair into ticket_by_status (status,
  // priority, rowid), then a rowid range: no scan, no sort.
  auto stmt = db.prepare("SELECT id FROM ticket WHERE status IN (" + placeholders(query.statuses.size()) +
                         ") AND priority IN (" +
                         placeholders(static_cast<std::size_t>(query.highest_priority)) +
                         ") AND id BETWEEN ? AND ? LIMIT ?");
  std::vector<model::TicketId> ids;
  // Ranges of ids with 1, 2, ... more digits than the prefix.
  std::int64_t low = query.prefix.empty() ? 1 : prefix_value;
  std::int64_t width = 1;
  while (low <= max_id && ids.size() < query.limit) {
    int index = 1;
    for (const auto& status : query.statuses) {
      stmt.bind(index++, status);
    }
    for (int priority = 1; priority <= query.highest_priority; ++priority) {
      stmt.bind(index++, priority);
    }
    stmt.bind(index++, low);
    stmt.bind(index++, query.prefix.empty() ? max_id : low + width - 1);
    stmt.bind(index, static_cast<std::int64_t>(query.limit - ids.size()));
    while (stmt.step()) {
      ids.push_back(stmt.get_int(0));
    }
    stmt.reset();
    if (query.prefix.empty() || low > max_id / 10) {
      break;
    }
    low *= 10;
    width *= 10;
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

} // namespace

std::vector<model::TicketId> open_ticket_ids(const std::string& path, const OpenIdQuery& query)
{
  // Leading zeros name no id; 19 digits may not fit in an int64.
  if (!all_digits(query.prefix) || query.prefix.starts_with('0') || query.prefix.size() > 18 ||
      query.statuses.empty() || query.highest_priority < 1 || query.limit == 0 ||
      is_store_uri(path)) { // completion reads store files only
    return {};
  }
  try {
    auto db = Database::open(path, OpenMode::read_only, k_completion_timeout);
    return query_ids(db, query);
  } catch (const Error&) {
    return {};
  }
}

} // namespace sdesk::store

#pragma once

#include "lib/model/ticket.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::store {

// What shell completion may ask of a store (`sdesk __complete`).
struct OpenIdQuery {
  std::string_view prefix;     // digits the id starts with; "" = any
  std::vector<std::string> statuses; // the statuses that count as open
  int highest_priority = 4;    // priorities 1..highest are searched (the matrix's lowest)
  std::size_t limit = 100;     // at most this many ids
};

// The ids of open tickets (status in `query.statuses`) whose decimal form
// starts with `query.prefix`, at most `query.limit`, ascending. Each id
// length is one range of ids (prefix 12: 12, 120-129, 1200-1299, ...),
// searched through the status index, so the cost does not grow with the
// store. Opens `path` read-only and never writes or upgrades it. Returns
// nothing, and throws nothing, when the file is missing, unreadable, not an
// sdesk store or of another schema version, or the prefix is not digits.
std::vector<model::TicketId> open_ticket_ids(const std::string& path, const OpenIdQuery& query);

} // namespace sdesk::store

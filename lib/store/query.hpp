#pragma once

#include "lib/model/ticket.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sdesk::store {

// A field tickets can be sorted by, by its JSON name.
struct SortKey {
  std::string field;
  bool descending = false;
};

// Which tickets to read, in what order. Empty lists mean "any". All values
// are bound as parameters; field names are checked against a fixed table.
struct TicketQuery {
  std::vector<model::Status> statuses;
  bool open_only = false; // status not resolved or closed
  std::vector<model::Kind> kinds;
  std::vector<int> priorities;
  std::vector<std::string> groups;
  std::vector<std::string> assignees;
  std::vector<std::string> requesters;
  std::vector<std::string> categories;
  std::vector<std::string> services;
  std::vector<std::string> refs; // external references (`ref`), exactly
  std::vector<std::string> tags; // a ticket matches when it has all of them
  bool unassigned = false;
  std::optional<model::Time> created_since;
  std::optional<model::Time> created_until; // exclusive
  std::optional<model::Time> updated_since;
  std::optional<model::Time> updated_until; // exclusive
  // Text sorts by its bytes (so "B" before "a"), status in lifecycle
  // order; an absent value sorts before every value (after them when
  // descending); ties by id ascending, which is also the default order.
  std::vector<SortKey> sort;
  std::optional<std::int64_t> limit; // at most this many (0: none)
};

// The fields `SortKey::field` accepts.
const std::vector<std::string>& sortable_fields();

// Parses "priority,-created" into sort keys ('-' = descending). Throws
// Error(usage) for an unknown field, listing the accepted ones.
std::vector<SortKey> parse_sort(std::string_view text);

} // namespace sdesk::store

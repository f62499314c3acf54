#pragma once

// Table alert_key as both backends read and write it: its columns in the
// order their readers expect, and the encoding of a key's recent state
// changes (column `changes`).

#include "lib/util/time.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sdesk::store {

// The columns of alert_key, in the order read_key() of each backend reads them.
inline constexpr std::string_view k_alert_columns =
  "source, key, ticket_id, state, severity, summary, first_at, last_trigger_at, last_resolve_at,"
  " trigger_count, resolve_count, changes, flapping, downtime_until, updated_at";

// `changes` as stored: Unix seconds, space separated.
std::string encode_changes(const std::vector<util::Time>& changes);

// The change times in `text`; throws Error(store) for anything but numbers.
std::vector<util::Time> decode_changes(const std::string& text);

} // namespace sdesk::store

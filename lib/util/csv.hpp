#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sdesk::util {

// Appends one RFC 4180 record (fields joined by commas, quoted when they hold
// a comma, quote, CR or LF, quotes doubled) and a "\n" to `out`.
void append_csv_record(std::string& out, const std::vector<std::string>& fields);

} // namespace sdesk::util

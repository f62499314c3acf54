#pragma once

// The fields report rows can be grouped by (--by).

#include "lib/store/report_source.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::report {

// A field rows are grouped by.
enum class Dimension { priority, group, assignee, category, kind, service };

// "priority", "group", ...
std::string_view to_string(Dimension dimension);

// Every field --by accepts, in table order ("priority", "group", ...).
std::vector<std::string> dimension_names();

// Parses `--by` values (each may be a comma-separated list): at most two
// distinct fields. Throws Error(usage) naming the unknown field and the
// accepted ones, for a value that names none (""), or saying that at most
// two levels are allowed.
std::vector<Dimension> parse_dimensions(const std::vector<std::string>& items);

// The value of `dimension` for `keys`: "P2", "incident", a name, or absent.
std::optional<std::string> key_value(const store::ReportKeys& keys, Dimension dimension);

} // namespace sdesk::report

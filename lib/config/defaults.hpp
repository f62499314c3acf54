#pragma once

#include <string_view>

namespace sdesk::config {

// The built-in defaults: the first configuration layer, shown with the
// origin "(default)". Every file layer overrides it key by key, except that
// a file defining [groups.*] (or [agents.*]) replaces these groups as a
// whole. Keep docs/config.md and examples/config.toml in step.
inline constexpr std::string_view k_defaults_toml = R"toml(
[store]
busy_timeout = "5s"

[desk]
default_group = "service-desk"
categories = []
services = []
resolution_codes = ["fixed", "workaround", "duplicate", "no-fault", "user-error", "cancelled"]

[groups.service-desk]
tier = 1
escalates_to = "second-line"

[groups.second-line]
tier = 2
escalates_to = "third-line"

[groups.third-line]
tier = 3

[priority]
# Rows: impact high, medium, low; columns: urgency high, medium, low.
matrix = [[1, 2, 3], [2, 3, 4], [3, 4, 4]]
)toml";

} // namespace sdesk::config

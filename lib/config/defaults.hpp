#pragma once

#include <string_view>

namespace sdesk::config {

// The built-in defaults: the first configuration layer, shown with the
// origin "(default)". Every file layer overrides it key by key, except that
// a file defining [groups.*] (or [agents.*]) replaces these groups as a
// whole; so does a file defining [sla.policies.*] for the built-in SLA
// policy. Keep docs/config.md and examples/config.toml in step.
inline constexpr std::string_view k_defaults_toml = R"toml(
[store]
busy_timeout = "5s"

[events]
reopen_within = "2h"
flapping_changes = 4
flapping_window = "30m"

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

[sla]
pause_statuses = ["pending"]

[sla.policies.default]
calendar = "24x7"
response = { P1 = "1h", P2 = "4h", P3 = "8h", P4 = "24h" }
resolution = { P1 = "4h", P2 = "24h", P3 = "72h", P4 = "120h" }
)toml";

} // namespace sdesk::config

#pragma once

#include "lib/config/config.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sdesk::ops {

// Each returns the group/agent it checked, or throws Error(usage) naming the
// option (`what`), the unknown value with a did-you-mean, and the accepted
// values.

// A group defined in the configuration.
const config::Group& require_group(const config::Config& config, std::string_view name,
                                   std::string_view what);

// An agent defined in the configuration; when no agents are configured any
// non-empty name is accepted (and nullptr returned).
const config::Agent* require_agent(const config::Config& config, std::string_view name,
                                   std::string_view what);

// Who may work tickets of a group: an agent in that group, or one with no
// groups (works anywhere); anyone when `agent` is null (no agents are
// configured). The one rule for `assign AGENT --group GROUP` and `start`.
// Throws Error(usage) "WHAT: agent 'a' is not in group 'g' (their groups:
// ...)" otherwise.
void require_member(const config::Agent* agent, std::string_view group, std::string_view what);

// A value from a configured list (categories, services, resolution codes);
// an empty list accepts anything.
void require_listed(const std::vector<std::string>& accepted, std::string_view value,
                    std::string_view what);

// A non-empty single line of text.
void require_one_line(std::string_view text, std::string_view what);

// A category or service as `open` or `update` was given it: nothing when
// blank (`--category ''`, how update clears it: a record never stores ""
// beside none), else the value, which must be one line and, when `accepted`
// is configured, listed there. Throws Error(usage) naming `what`.
std::optional<std::string> listed_or_none(const std::vector<std::string>& accepted, std::string_view value,
                                          std::string_view what);

// An external reference: not blank, within the short-text limit
// (model/limits.hpp), no control characters (so a single line).
void require_ref(std::string_view ref, std::string_view what);

} // namespace sdesk::ops

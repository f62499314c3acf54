#pragma once

// Who a mail address is to the desk: a configured agent (by [agents.NAME]
// email) or the address itself; and who may write into a ticket by mail.

#include "lib/config/config.hpp"
#include "lib/model/ticket.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sdesk::ops {

// The agent whose configured email is `address` (compared without case),
// or null.
const config::Agent* agent_by_address(const config::Config& config, std::string_view address);

// The name sdesk records `address` under: the agent's name when it is an
// agent's, else the address in lower case.
std::string mail_identity(const config::Config& config, std::string_view address);

// A watcher as `watch` stores it: an address (anything with an '@',
// lower-cased) or an agent's name. Throws Error(usage) naming `what` for
// empty, multi-line or over-long text, or a name that is no configured agent
// (when agents are configured).
std::string normalise_watcher(const config::Config& config, std::string_view who, std::string_view what);

// Whether `address` may add to `ticket` by mail: it is an agent's, the
// requester's or a watcher's (by name or address).
bool may_write(const config::Config& config, const model::Ticket& ticket,
               const std::vector<std::string>& watchers, std::string_view address);

} // namespace sdesk::ops

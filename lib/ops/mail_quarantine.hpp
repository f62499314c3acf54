#pragma once

// Keeping mail that cannot be read (docs/sdesk-mail.md: `mail.quarantine`),
// so that sdesk never bounces it to a sender that may be forged.

#include "lib/util/time.hpp"

#include <string>
#include <string_view>

namespace sdesk::ops {

// Writes `raw` into `dir` (made 0700 when missing) as a new file (0600);
// returns its path. Throws Error(io).
std::string quarantine(const std::string& dir, std::string_view raw, util::Time now);

} // namespace sdesk::ops

#pragma once

#include "cmd/output.hpp"
#include "lib/model/ticket.hpp"

#include <string>
#include <vector>

namespace sdesk::cmd {

// The audit trail as aligned lines: time, actor, action, then either
// "field: old -> new" or the note. User text is sanitised.
std::string render_history(const std::vector<model::Event>& events);

// The events as a JSON array.
std::string history_json(const std::vector<model::Event>& events);

} // namespace sdesk::cmd

#pragma once

// How open and update tell of the open known errors an incident matches
// (issue 9): one line on standard error, and `known_errors` in --json.

#include "lib/model/ticket.hpp"
#include "lib/store/problem_store.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sdesk::cmd {

// Writes one line to standard error naming the known errors `found` for
// incident `ticket` (its service and category): "sdesk: note: incident 12
// matches known error #3 'Disk full on web' (service web, category
// storage); workaround: ...". Nothing for an empty list.
void note_known_errors(const model::Ticket& ticket, const std::vector<store::KnownError>& found);

// `json` (one ticket object, ending "}\n") with "known_errors":[{"id",
// "title","workaround"}...] added before its closing brace.
std::string with_known_errors(std::string json, const std::vector<store::KnownError>& found);

} // namespace sdesk::cmd

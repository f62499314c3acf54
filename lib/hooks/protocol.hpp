#pragma once

// The hooks' protocol (docs/hooks.md): the JSON object a hook reads on its
// standard input, and the patch a pre-* hook may print on its standard
// output.

#include "lib/config/config.hpp"
#include "lib/model/ticket.hpp"
#include "lib/ops/write.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sdesk::hooks {

// The version of the input object ("api"); raised only for a change that
// an existing hook could misread.
inline constexpr int k_api_version = 1;

// What one hook run is about.
struct HookInput {
  std::string_view event;                    // pre-open, pre-change, post-commit
  std::string_view actor;
  std::string_view action;                   // the action's name ("assign")
  std::optional<std::int64_t> outbox_id;     // post-commit: the outbox row (its first event's id)
  const model::Ticket* before = nullptr;     // nothing: a new ticket (pre-open) or post-commit
  const model::Ticket* after = nullptr;
  std::span<const model::Event> events;      // the action's history events
};

// The input object, one line of JSON: {"api", "event", "actor", "action",
// "outbox_id", "ticket", "before", "after", "changes", "events"}.
std::string input_json(const HookInput& input);

// Applies the patch a hook printed (`out`: a JSON object of ticket fields,
// as docs/json.md names them; empty or white space: no patch) to `ticket`.
// Only the fields a person may set are accepted (patchable_fields()), each
// checked as import checks it (type, choices, text limits) and against
// the configuration as the commands check it (categories, services,
// groups, agents); a patch of impact or urgency without a priority derives
// the priority from the matrix. Returns whether anything was patched.
// Throws Error(usage) naming the field, or "not a JSON object".
bool apply_patch(std::string_view out, const config::Config& config, model::Ticket& ticket);

// The names of the fields a patch may set.
std::span<const std::string_view> patchable_fields();

// Makes `set`'s events agree with record `index` of `set` after a patch
// changed its `after` from `unpatched`: the event of a patched field gets
// the new value, a field with no event gets one (copying the action, time
// and actor of the record's first event), next to the record's other
// events.
void patch_events(ops::ChangeSet& set, std::size_t index, const model::Ticket& unpatched);

} // namespace sdesk::hooks

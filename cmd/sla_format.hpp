#pragma once

// How SLA clocks are shown: by `sdesk show`, `sdesk sla` and
// `sdesk sla explain`.

#include "lib/sla/policy.hpp"
#include "lib/util/json_writer.hpp"

#include <string>

namespace sdesk::cmd {

// The state of a target in words, in business time: "(14m left)",
// "(paused, 14m left)", "(met, 12m to spare)", "(missed by 1h 05m)".
std::string describe_target(const sla::TargetClock& target);

// Writes a target as {target_seconds, due, done, state, used_seconds,
// seconds_left, percent}, or null when absent.
void write_target_json(util::JsonWriter& json, const std::optional<sla::TargetClock>& target);

// Writes the clocks as {policy, calendar, response, resolution}, or null
// when no policy applies.
void write_clock_json(util::JsonWriter& json, const sla::TicketClock& clock);

// "running", "paused", "outside_hours", "holiday".
std::string_view clock_state_name(sla::ClockState state);

} // namespace sdesk::cmd

#include "cmd/sla_format.hpp"

#include "lib/util/duration.hpp"
#include "lib/util/time.hpp"

#include <fmt/format.h>

namespace sdesk::cmd {

std::string describe_target(const sla::TargetClock& target)
{
  const std::string left = util::format_duration(target.left());
  switch (target.state) {
  case sla::TargetState::running:
    return fmt::format("({} left)", left);
  case sla::TargetState::paused:
    return fmt::format("(paused, {} left)", left);
  case sla::TargetState::met:
    return fmt::format("(met, {} to spare)", left);
  case sla::TargetState::missed:
    return fmt::format("(missed by {})", util::format_duration(-target.left()));
  }
  return "";
}

void write_target_json(util::JsonWriter& json, const std::optional<sla::TargetClock>& target)
{
  if (!target) {
    json.null();
    return;
  }
  const auto time = [](const std::optional<sla::Time>& t) {
    return t ? std::optional{util::format_time(*t)} : std::nullopt;
  };
  json.begin_object();
  json.key("target_seconds").value(std::int64_t{target->goal.count()});
  json.key("due").value(time(target->due));
  json.key("done").value(time(target->done));
  json.key("state").value(sla::to_string(target->state));
  json.key("used_seconds").value(std::int64_t{target->used.count()});
  json.key("seconds_left").value(std::int64_t{target->left().count()});
  json.key("percent").value(target->percent());
  json.end_object();
}

void write_clock_json(util::JsonWriter& json, const sla::TicketClock& clock)
{
  if (clock.policy == nullptr) {
    json.null();
    return;
  }
  json.begin_object();
  json.key("policy").value(clock.policy->name);
  json.key("calendar").value(clock.calendar->name());
  json.key("response");
  write_target_json(json, clock.response);
  json.key("resolution");
  write_target_json(json, clock.resolution);
  json.end_object();
}

std::string_view clock_state_name(sla::ClockState state)
{
  switch (state) {
  case sla::ClockState::running:
    return "running";
  case sla::ClockState::paused:
    return "paused";
  case sla::ClockState::outside_hours:
    return "outside_hours";
  case sla::ClockState::holiday:
    return "holiday";
  }
  return "?";
}

} // namespace sdesk::cmd

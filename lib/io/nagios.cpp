#include "lib/io/nagios.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

namespace sdesk::io {

namespace {

// A notification type and what it does (nothing: CUSTOM).
struct TypeName {
  std::string_view name;
  std::optional<model::AlertAction> action;
};

// Nagios's names, then Icinga 2's where they differ (compared upper-case).
constexpr std::array<TypeName, 13> k_types{{
  {"PROBLEM", model::AlertAction::trigger},
  {"RECOVERY", model::AlertAction::resolve},
  {"ACKNOWLEDGEMENT", model::AlertAction::acknowledge},
  {"FLAPPINGSTART", model::AlertAction::flapping_start},
  {"FLAPPINGSTOP", model::AlertAction::flapping_stop},
  {"FLAPPINGDISABLED", model::AlertAction::flapping_stop},
  {"DOWNTIMESTART", model::AlertAction::downtime_start},
  {"DOWNTIMEEND", model::AlertAction::downtime_end},
  {"DOWNTIMECANCELLED", model::AlertAction::downtime_end},
  {"CUSTOM", std::nullopt},
  {"FLAPPINGEND", model::AlertAction::flapping_stop},
  {"DOWNTIMEREMOVED", model::AlertAction::downtime_end},
  {"ACKNOWLEDGMENT", model::AlertAction::acknowledge},
}};

struct StateName {
  std::string_view name;
  model::Severity severity;
};

constexpr std::array<StateName, 4> k_service_states{{
  {"OK", model::Severity::info},
  {"WARNING", model::Severity::warning},
  {"CRITICAL", model::Severity::critical},
  {"UNKNOWN", model::Severity::error},
}};

constexpr std::array<StateName, 3> k_host_states{{
  {"UP", model::Severity::info},
  {"DOWN", model::Severity::critical},
  {"UNREACHABLE", model::Severity::error},
}};

std::string upper(std::string_view text)
{
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

template <std::size_t N>
std::string names(const std::array<StateName, N>& states)
{
  std::string text;
  for (const StateName& s : states) {
    text += (text.empty() ? "" : ", ") + std::string(s.name);
  }
  return text;
}

// The severity of `state`, among host or service states.
model::Severity severity_of(const std::string& state, bool service)
{
  const std::string name = upper(state);
  const auto find = [&](const auto& states) -> std::optional<model::Severity> {
    for (const StateName& s : states) {
      if (s.name == name) {
        return s.severity;
      }
    }
    return std::nullopt;
  };
  const auto severity = service ? find(k_service_states) : find(k_host_states);
  if (!severity) {
    throw Error(ErrorKind::usage,
                fmt::format("--state: unknown {} state {} (accepted: {})", service ? "service" : "host",
                            util::quote(state), service ? names(k_service_states) : names(k_host_states)));
  }
  return *severity;
}

const TypeName& type_of(const std::string& type)
{
  const std::string name = upper(type);
  for (const TypeName& t : k_types) {
    if (t.name == name) {
      return t;
    }
  }
  std::string accepted;
  for (const TypeName& t : k_types) {
    accepted += (accepted.empty() ? "" : ", ") + std::string(t.name);
  }
  throw Error(ErrorKind::usage, fmt::format("--type: unknown value {} (accepted: {})", util::quote(type), accepted));
}

} // namespace

std::optional<model::Alert> nagios_alert(const NagiosNotification& n, const std::string& source, util::Time now)
{
  const TypeName& type = type_of(n.type);
  const bool service = n.service.has_value();
  const model::Severity severity = severity_of(n.state, service);
  if (!type.action) {
    return std::nullopt;
  }
  model::Alert alert;
  alert.source = source;
  alert.key = service ? n.host + "/" + *n.service : n.host;
  alert.action = *type.action;
  alert.at = now;
  // Nagios expands a macro it has no value for to "": none.
  const auto given = [](const std::optional<std::string>& text) {
    return text && !text->empty() ? text : std::nullopt;
  };
  alert.author = given(n.author);
  alert.comment = given(n.comment);
  const std::string state = upper(n.state);
  alert.summary = service ? fmt::format("{} on {} is {}", *n.service, n.host, state)
                          : fmt::format("{} is {}", n.host, state);
  if (alert.action == model::AlertAction::trigger) {
    alert.severity = severity; // a recovery's OK says nothing about the problem
  }
  alert.labels.emplace_back("host", n.host);
  if (service) {
    alert.labels.emplace_back("service", *n.service);
  }
  alert.labels.emplace_back("state", state);
  if (given(n.output)) {
    alert.labels.emplace_back("output", *n.output);
  }
  if (n.problem_id) {
    alert.labels.emplace_back("problem_id", std::to_string(*n.problem_id));
  }
  return alert;
}

} // namespace sdesk::io

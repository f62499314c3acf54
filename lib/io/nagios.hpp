#pragma once

// Nagios/Icinga notifications (`sdesk event nagios`, docs/sdesk-event.md):
// the notification macros turned into an alert.

#include "lib/model/alert.hpp"
#include "lib/util/time.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace sdesk::io {

// A notification as the command line gives it ($NOTIFICATIONTYPE$,
// $HOSTNAME$, $SERVICEDESC$, $SERVICESTATE$ or $HOSTSTATE$, ...).
struct NagiosNotification {
  std::string type;                    // PROBLEM, RECOVERY, ... (any case; Icinga 2's names too)
  std::string host;
  std::optional<std::string> service;  // none: a host notification
  std::string state;                   // OK, WARNING, CRITICAL, UNKNOWN; UP, DOWN, UNREACHABLE
  std::optional<std::string> output;
  std::optional<std::int64_t> problem_id;
  std::optional<std::string> author;
  std::optional<std::string> comment;
};

// The alert `n` says, for `source` at `now`; nothing for a notification
// that changes nothing (CUSTOM). The key is "HOST" or "HOST/SERVICE"; the
// summary "SERVICE on HOST is STATE" (or "HOST is STATE"); the severity from
// the state (CRITICAL, DOWN: critical; UNKNOWN, UNREACHABLE: error;
// WARNING: warning; OK, UP: info); labels host, service, state, output,
// problem_id. An empty author, comment or output counts as none (Nagios
// expands a macro without a value to ""). Throws Error(usage) "--type: unknown value ..." or "--state:
// ..." listing what is accepted.
std::optional<model::Alert> nagios_alert(const NagiosNotification& n, const std::string& source,
                                         util::Time now);

} // namespace sdesk::io

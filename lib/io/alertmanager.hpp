#pragma once

// Alertmanager's webhook payload (version 4), as `sdesk event alertmanager`
// reads it (docs/sdesk-event.md): parsed by RapidJSON, turned into alerts.

#include "lib/model/alert.hpp"
#include "lib/util/time.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sdesk::io {

// The largest payload read (bytes); a longer one is refused.
inline constexpr std::size_t k_max_alertmanager_payload = 64 * 1024 * 1024;

// One alert of a payload, as Alertmanager sent it.
struct AlertmanagerAlert {
  bool firing = true; // "status": "firing" (else "resolved")
  std::vector<std::pair<std::string, std::string>> labels;      // in payload order
  std::vector<std::pair<std::string, std::string>> annotations; // in payload order
  std::optional<util::Time> starts_at;
  std::optional<util::Time> ends_at; // absent for Go's zero time (0001-01-01)
  std::string fingerprint;           // empty when absent
};

// A whole payload; only what sdesk uses.
struct AlertmanagerPayload {
  std::string group_key;
  std::string external_url;
  std::vector<AlertmanagerAlert> alerts;
};

// Parses `json`, a webhook payload of version "4". Throws Error(usage)
// "payload: ..." naming what is wrong (not JSON, another version, an
// alert's missing or mistyped field, with its index: "payload: alerts[2]:
// labels: expected an object of strings").
AlertmanagerPayload parse_alertmanager(std::string_view json);

// The alerts of `payload` for `source`, in payload order. The key is the
// fingerprint, or with `key_labels` the values of those labels,
// "name=value" joined by ","; the severity the "severity" label (critical,
// error, warning, info; any other: none); the summary the first non-blank line of
// the "summary" annotation, else of "description", else the "alertname" label;
// the time startsAt (firing) or endsAt (resolved), else `now`. Throws
// Error(usage) "payload: alerts[N]: no fingerprint" when the key is the
// fingerprint and an alert lacks it.
std::vector<model::Alert> alertmanager_alerts(const AlertmanagerPayload& payload, const std::string& source,
                                              const std::vector<std::string>& key_labels, util::Time now);

} // namespace sdesk::io

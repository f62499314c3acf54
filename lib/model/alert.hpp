#pragma once

// Monitoring events (docs/sdesk-event.md): the state sdesk keeps per
// (source, key), and the pure decision of what one alert does to it and to
// its ticket. No I/O: lib/ops/event.cpp reads the state and the ticket,
// calls decide() and writes what it says.

#include "lib/model/ticket.hpp"
#include "lib/util/time.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sdesk::model {

// What the monitor says about a key. `event raw` takes the first three;
// the others come from Nagios/Icinga notifications (`event nagios`).
enum class AlertAction {
  trigger,
  acknowledge,
  resolve,
  downtime_start, // no new tickets for the key until downtime_end (or downtime_max)
  downtime_end,
  flapping_start, // the monitor says the key flaps
  flapping_stop,
  expire, // time passed: flapping or downtime ended (`sdesk tick`)
};

// How bad the monitor says it is.
enum class Severity { critical, error, warning, info };

// The key's state as sdesk last saw it.
enum class AlertState { firing, resolved };

// The stored state of one (source, key) (table alert_key, migration 14).
struct AlertKey {
  std::string source;
  std::string key;
  std::optional<TicketId> ticket_id; // its current ticket, if one was opened
  AlertState state = AlertState::firing;
  std::optional<Severity> severity;  // of the last trigger
  std::optional<std::string> summary; // of the last trigger
  Time first_at{};                   // first alert seen for the key
  std::optional<Time> last_trigger;  // latest trigger time (the alert's own)
  std::optional<Time> last_resolve;  // latest resolve time (the alert's own)
  std::int64_t trigger_count = 0;
  std::int64_t resolve_count = 0;
  std::vector<Time> changes; // state changes within the flapping window, oldest first
  bool flapping = false;
  std::optional<Time> downtime_until; // no new tickets before this
  Time updated{};
};

// One alert as a command received it.
struct Alert {
  std::string source;
  std::string key;
  AlertAction action = AlertAction::trigger;
  std::optional<Severity> severity;
  std::optional<std::string> summary;
  std::vector<std::pair<std::string, std::string>> labels;
  Time at{};                         // when the monitor says it happened
  std::optional<std::string> author; // who acknowledged (acknowledge)
  std::vector<std::pair<std::string, std::string>> annotations; // Alertmanager's, for titles
  std::optional<std::string> comment; // the acknowledgement's or downtime's comment
};

// The configurable thresholds ([events] in the configuration).
struct AlertPolicy {
  std::chrono::seconds reopen_within{7200};
  int flap_changes = 4;                  // more than this many state changes...
  std::chrono::seconds flap_window{1800}; // ...within this window is flapping
  std::chrono::seconds downtime_max{86400}; // a downtime without an end ends after this
};

// What the key's ticket is now, as far as the decision goes.
enum class TicketState {
  none,     // no ticket
  open,     // in an open status of its type
  resolved, // resolved, not final (can be reopened)
  final_,   // closed
};

// The ticket of a key, as ops read it.
struct TicketView {
  TicketState state = TicketState::none;
  bool touched_by_person = false;  // someone other than the event source changed it since it opened
  std::optional<Time> resolved_at; // when it was resolved
};

// What happened, as the command reports it (one word per alert).
enum class Outcome {
  created,      // a new ticket
  appended,     // counted on the open ticket (a comment when severity or summary changed)
  acknowledged, // a comment on the open ticket (and assigned to the author when an agent)
  resolved,     // the ticket resolved with a comment (or it already was)
  commented,    // a resolve on a ticket a person changed: a comment only
  reopened,     // the resolved ticket reopened (within reopen_within)
  recurred,     // a new ticket linked to the previous one
  flapping,     // the key flaps: the ticket stays open, tagged and commented once
  suppressed,   // in downtime: no ticket
  ignored,      // a duplicate or out-of-order alert, or nothing to act on: nothing stored
};

// One alert that changed a key, as the key's history keeps it (table
// alert_event, migration 15).
struct AlertEvent {
  std::string source;
  std::string key;
  Time at{};       // the alert's own time
  Time received{}; // when sdesk handled it
  AlertAction action = AlertAction::trigger;
  Outcome outcome = Outcome::ignored;
  std::optional<TicketId> ticket_id;
  std::optional<Severity> severity;
  std::optional<std::string> summary;
};

// What to do to the ticket.
enum class TicketStep {
  none,
  open,        // open a ticket for the key
  append,      // nothing on the ticket, unless `comment` (severity or summary changed)
  acknowledge, // comment; assign the author when known
  resolve,     // resolve with a comment
  comment,     // a comment only
  reopen,      // reopen the resolved ticket
  open_linked, // open a ticket linked to the previous one
};

// The decision for one alert.
struct Decision {
  Outcome outcome = Outcome::ignored;
  TicketStep step = TicketStep::none;
  bool comment = false;        // TicketStep::append: record a comment
  bool start_flapping = false; // tag the ticket and comment, after `step`
  bool stop_flapping = false;  // untag the ticket and comment, before `step`
  // The key's new state (nothing: store nothing). Its ticket_id is the
  // current one; after open/open_linked the caller sets the new ticket's.
  std::optional<AlertKey> key;
};

// Decides what `alert` does, given the key's stored state (nothing for an
// unknown key), its ticket and the thresholds; `now` is when it arrived.
// Pure; never throws.
Decision decide(const std::optional<AlertKey>& stored, const TicketView& ticket, const Alert& alert,
                const AlertPolicy& policy, Time now);

// What time does to a key when no alert arrives (`sdesk tick`): a flapping
// key quiet for a whole flap_window stops flapping (its ticket is untagged,
// and resolved when the key is resolved, as a resolve would), a downtime
// whose end has passed ends. Nothing (no Decision.key) when neither is due.
// Pure; never throws.
Decision expire(const AlertKey& stored, const TicketView& ticket, const AlertPolicy& policy, Time now);

// Names as shown and stored: "trigger", "critical", "firing", "created".
std::string_view to_string(AlertAction action);
std::string_view to_string(Severity severity);
std::string_view to_string(AlertState state);
std::string_view to_string(Outcome outcome);

// Parse the names above (an action: only trigger, acknowledge and
// resolve, the actions `event raw` takes); throw Error(usage) "`what`: unknown value 'x'
// (accepted: ...)" for any other text.
AlertAction parse_alert_action(std::string_view text, std::string_view what);
Severity parse_severity(std::string_view text, std::string_view what);
AlertState parse_alert_state(std::string_view text, std::string_view what);
// Any action's or outcome's name, as stored in alert_event.
AlertAction parse_stored_alert_action(std::string_view text, std::string_view what);
Outcome parse_outcome(std::string_view text, std::string_view what);

} // namespace sdesk::model

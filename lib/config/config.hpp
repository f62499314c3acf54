#pragma once

#include "lib/model/alert.hpp"

#include "lib/model/enums.hpp"
#include "lib/sla/policy.hpp"
#include "lib/util/time.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sdesk::config {

// Support tiers; a vendor is an external party after the last tier.
inline constexpr int k_vendor_tier = 4;

// A queue tickets are routed to.
struct Group {
  std::string name;
  int tier = 1;                             // 1, 2, 3, or k_vendor_tier
  std::optional<std::string> escalates_to;  // the group functional escalation moves to
  std::optional<std::string> email;
};

// A person who works tickets.
struct Agent {
  std::string name;
  std::optional<std::string> email;
  std::vector<std::string> groups;
};

// ITIL priority matrix: impact x urgency -> priority (1 = most urgent).
struct PriorityMatrix {
  // cells[impact-1][urgency-1]
  std::array<std::array<int, 3>, 3> cells{{{1, 2, 3}, {2, 3, 4}, {3, 4, 4}}};

  int priority(model::Level impact, model::Level urgency) const
  {
    return cells[static_cast<std::size_t>(impact) - 1][static_cast<std::size_t>(urgency) - 1];
  }

  // The largest priority number the matrix produces (P4 by default).
  int lowest() const;
};

// A rule for `sdesk escalate --auto`: once more than `percent` of a
// ticket's `target` is used, escalate it once, functionally (to the group's
// escalates_to) or hierarchically (record that `inform` were told). The
// rule applies only to tickets matching every list it sets (an empty list
// matches anything; see applies_to).
struct EscalationRule {
  std::string name;
  std::int64_t percent = 100;            // at = "80%"
  sla::Target target = sla::Target::resolution;
  bool hierarchical = false;             // action = "hierarchical"
  bool notify = false;                   // action = "notify": an SLA warning or breach is recorded, nothing moves
  std::vector<std::string> inform;       // hierarchical: who is told
  std::vector<int> priorities;           // priorities = ["P1", "P2"]
  std::vector<model::Kind> kinds;        // kinds = ["incident"]
  std::vector<std::string> groups;       // groups = ["service-desk"]: the ticket's current group
  std::vector<std::string> services;     // services = ["vpn"]: needs the ticket to have one

  // Whether the rule may fire for a ticket of this priority, kind, group
  // and service (absent group or service: only lists that are empty match).
  bool applies_to(int priority, model::Kind kind, const std::optional<std::string>& group,
                  const std::optional<std::string>& service) const;
};

// A change freeze ([[change.freeze]]): no change may be scheduled in
// [from, to) unless overridden.
struct Freeze {
  util::Time from;  // from = "2026-12-20": its local midnight
  util::Time to;    // exclusive
  std::string reason;
};

// A standard change's template ([change.templates.NAME]): what
// `sdesk change open --template NAME` opens.
struct ChangeTemplate {
  std::string name;
  std::string title;
  std::optional<std::string> description;
  std::optional<std::string> category;
  std::optional<std::string> service;
  std::optional<std::string> group;
  std::optional<std::string> risk;
  std::optional<std::string> release;
  std::optional<std::string> plan;
  std::optional<std::string> backout_plan;
  std::optional<std::string> test_plan;
};

// [change]: who approves changes, how many approvals they need, the
// freezes and the standard changes' templates.
struct ChangeSettings {
  std::vector<std::string> cab;  // may approve normal changes
  std::vector<std::string> ecab; // may approve emergency changes
  std::int64_t normal_approvals = 1;
  std::int64_t emergency_approvals = 1;
  std::vector<Freeze> freezes;            // in file order
  std::vector<ChangeTemplate> templates;  // sorted by name

  // The template called `name`, or null.
  const ChangeTemplate* find_template(std::string_view name) const;
};

// A ticket opened on a schedule ([recurring.NAME]): what `sdesk tick`
// opens at each occurrence of `schedule` (docs/sdesk-recurring.md).
struct RecurringTicket {
  std::string name;
  std::string schedule;                 // cron, five fields (util::CronSchedule::parse)
  std::optional<std::string> timezone;  // IANA; unset = report.timezone, else local
  std::int64_t catch_up = 1;            // most missed occurrences one tick opens
  std::string title;
  model::Kind kind = model::Kind::incident;
  std::optional<std::string> group;
  std::optional<std::string> category;
  std::optional<std::string> service;
  std::optional<std::string> priority;  // "P2"
  std::optional<std::string> description;
};

// What a monitoring event source's severity opens a ticket with: a
// priority, or impact and urgency through the matrix.
struct SeverityLevels {
  std::optional<std::string> priority; // "P1"
  model::Level impact = model::Level::medium;
  model::Level urgency = model::Level::medium;
};

// A monitoring event source ([events.sources.NAME], docs/config.md): what
// the tickets its alerts open are filled with. The name is the alert's
// source (`--source`; alertmanager, nagios).
struct EventSource {
  std::string name;
  std::optional<std::string> group;
  std::optional<std::string> service;
  std::optional<std::string> category;
  std::optional<std::string> title; // a template (lib/model/alert_title.hpp)
  // Per severity (critical, error, warning, info: index of model::Severity);
  // unset: the built-in levels (docs/sdesk-event.md).
  std::array<std::optional<SeverityLevels>, 4> severity;
};

// [hooks] (docs/hooks.md): a directory of hooks of the site's own, searched
// after the system's and the user's, and how long a hook may run.
struct HookSettings {
  std::optional<std::string> dir;          // hooks.dir: holds <event>.d/
  std::chrono::milliseconds timeout{10000}; // hooks.timeout
};

// [mail] (docs/config.md, docs/sdesk-mail.md): how sdesk reads mail, and
// the sending settings mail out will use.
// The notification events of [mail.notify] (docs/sdesk-mail.md), and who
// each may name.
inline constexpr std::string_view k_notify_events[] = {"open", "comment", "assign", "resolve", "escalate",
                                                       "sla_warning", "sla_breach", "change"};
inline constexpr std::string_view k_notify_recipients[] = {"requester", "assignee", "group", "informed",
                                                           "watchers"};

struct MailSettings {
  std::optional<std::string> address; // mail.address: the desk's own address
  std::string subject_tag = "sdesk";  // mail.subject_tag: [sdesk #123]
  std::vector<std::string> sendmail{"/usr/sbin/sendmail", "-oi", "-t"}; // mail.sendmail (mail out)
  std::optional<std::string> quarantine;         // mail.quarantine; unset: beside the store
  std::chrono::seconds reopen_within{14 * 86400}; // mail.reopen_within
  bool cc_become_watchers = false;                // mail.cc_become_watchers
  std::int64_t max_attachment = 20 * 1000 * 1000; // mail.max_attachment, in bytes
  // Mail out (docs/sdesk-mail.md).
  bool deliver_at_commit = false;                 // mail.deliver = "commit" (else "tick")
  std::int64_t hourly_limit = 20;                 // mail.hourly_limit: messages per address and hour
  std::chrono::seconds send_timeout{60};          // mail.send_timeout: how long sendmail may run
  std::optional<std::string> templates;           // mail.templates: a directory overriding the built-in texts
  // [mail.notify]: who is told of each notification event ("open",
  // "comment", ...: lib/ops/notify.hpp), in the order of k_notify_events;
  // unset events keep their default.
  std::vector<std::pair<std::string, std::vector<std::string>>> notify;
};

// [services.NAME] (docs/config.md): a service's settings beyond its name.
struct ServiceSettings {
  std::string name;
  std::vector<std::string> subscribers; // announcements go to these (lower case, sorted)
};

// One effective setting and where it came from, for `sdesk config`.
struct Setting {
  std::string key;    // dotted path: "groups.l2.tier"
  std::string value;  // as TOML: 2, "l3", ["a", "b"]
  std::string origin; // "/etc/sdesk/config.toml:12" or "(default)"
};

// The effective configuration; immutable once loaded.
struct Config {
  std::optional<std::string> store_path;           // store.path
  std::chrono::milliseconds busy_timeout{5000};    // store.busy_timeout
  std::string default_group;                       // desk.default_group
  std::vector<std::string> categories;             // desk.categories; empty = any
  std::vector<std::string> services;               // desk.services; empty = any
  std::vector<std::string> resolution_codes;       // desk.resolution_codes
  std::vector<Group> groups;                       // [groups.NAME], sorted by name
  std::vector<Agent> agents;                       // [agents.NAME], sorted by name; empty = anyone
  PriorityMatrix matrix;                           // priority.matrix
  std::optional<std::string> report_timezone;      // report.timezone (IANA name); unset = local
  sla::Settings sla;                               // [calendars.*], [sla]
  model::AlertPolicy events;                       // [events]: reopen_within, flapping_*
  std::vector<EventSource> event_sources;          // [events.sources.*], sorted by name
  std::vector<EscalationRule> escalation_rules;    // [escalation.rules.*], by percent, name
  ChangeSettings change;                           // [change]
  std::vector<RecurringTicket> recurring;          // [recurring.NAME], sorted by name
  HookSettings hooks;                              // [hooks]
  MailSettings mail;                               // [mail]
  std::vector<ServiceSettings> service_settings;   // [services.NAME], sorted by name
  std::vector<Setting> settings;                   // every leaf, for display

  // The group named `name`, or null.
  const Group* find_group(std::string_view name) const;
  // The agent named `name`, or null.
  const Agent* find_agent(std::string_view name) const;
  // The event source named `name`, or null.
  const EventSource* find_event_source(std::string_view name) const;
  // The [services.NAME] settings of `name`, or null.
  const ServiceSettings* find_service(std::string_view name) const;
  std::vector<std::string> group_names() const;
  std::vector<std::string> agent_names() const;
};

// Where configuration files are looked for. Each layer overrides the ones
// before it key by key; a missing system or user file is skipped, a missing
// explicit file is an error.
struct Sources {
  std::optional<std::string> system_file; // /etc/sdesk/config.toml
  std::optional<std::string> user_file;   // $XDG_CONFIG_HOME/sdesk/config.toml
  std::optional<std::string> explicit_file; // --config FILE or SDESK_CONFIG
};

// Loads the built-in defaults and then each layer of `sources`. Throws
// Error(config) with one line naming file:line, the key and what is
// accepted: bad TOML, an unknown key (with a did-you-mean), a wrong type, a
// reference to an undefined group.
Config load(const Sources& sources);

// Loads the built-in defaults, then `toml` as one layer named `origin`
// (for tests and tools).
Config load_text(std::string_view toml, std::string_view origin);

} // namespace sdesk::config

#pragma once

// Internal to lib/config: the readers shared by the section readers
// (sections.cpp, sections_sla.cpp). Each throws Error(config) naming the
// value's file:line and dotted key.

#include "lib/config/layer.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sdesk::config::detail {

// Priorities run from 1 to this (P1..P9).
inline constexpr std::int64_t k_max_priority = 9;

// What `value` is, for "got ..." in messages.
std::string describe(const Value& value);

// Returns `value` if it has type `type`, else throws "expected `expected`".
const Value& expect(const Value& value, Value::Type type, std::string_view expected);

// Rejects members of `table` whose key is not in `allowed`.
void check_keys(const Value& table, const std::vector<std::string>& allowed);

// Rejects a table name (group, agent, calendar...) that would be awkward on a
// command line.
void check_name(const Value& entry);

// A non-empty string.
std::string read_string(const Value& value);

// An array of distinct non-empty strings; at least one when `!may_be_empty`.
std::vector<std::string> read_list(const Value& value, bool may_be_empty = true);

// [calendars.NAME] (sections_sla.cpp)
void read_calendars(const Value& section, Config& config);

// [sla]: pause_statuses and [sla.policies.NAME] (sections_sla.cpp)
void read_sla(const Value& section, Config& config);

// [escalation]: [escalation.rules.NAME] (sections_sla.cpp)
void read_escalation(const Value& section, Config& config);

// [change]: cab, ecab, approvals, [[change.freeze]], [change.templates.NAME]
// (sections_change.cpp)
void read_change(const Value& section, Config& config);

// [recurring.NAME]: tickets opened on a schedule (sections_recurring.cpp)
void read_recurring(const Value& section, Config& config);
// [events.sources.NAME]: group, service, category, title, [severity]
// (sections_events.cpp). Groups, categories and services must be defined.
void read_event_sources(const Value& section, Config& config);
// [hooks]: dir and timeout (sections_hooks.cpp)
void read_hooks(const Value& section, Config& config);
// [mail]: address, subject_tag, sendmail, quarantine, reopen_within,
// cc_become_watchers, max_attachment (sections_mail.cpp)
void read_mail(const Value& section, Config& config);

// [services.NAME]: subscribers (sections_services.cpp). Read after [desk]:
// a name must be in desk.services when that is set.
void read_services(const Value& section, Config& config);

// An email address (a string with an '@' and no white space).
std::string read_email(const Value& value);

// When a file layer defines any [sla.policies.*], the built-in policies are
// dropped as a whole (like groups): returns a copy of `root` without the
// default-origin values under sla.policies, or nothing when nothing is
// replaced. (sections_sla.cpp)
std::optional<Value> without_default_policies(const Value& root);

// Checks SLA references across sections: policy calendars and groups are
// defined, policy services are listed (when desk.services is set), target
// priorities are within the matrix. (validate.cpp)
void validate_sla(const Config& config, const Value& root);

} // namespace sdesk::config::detail

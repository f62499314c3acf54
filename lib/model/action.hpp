#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace sdesk::model {

// What a history event records: a closed set. Each value is stored by its
// name (to_string), which never changes once shipped: stored histories,
// the hash chain (lib/model/chain.hpp) and SQL (the report indexes of
// lib/store/migrations.hpp) use the names. To add one: a value here, its name
// in action.cpp, and the writer that records it (docs/history.md).
enum class Action {
  open,                  // a new ticket: one event per initial field
  assign,                // routed to an agent or a group
  start,                 // work started (in_progress)
  pending,               // waiting on someone outside the desk
  resolve,               // resolved with a code
  close,                 // closed (final)
  reopen,                // a resolution rejected
  comment,               // a comment (its text is the note)
  update,                // fields changed by `sdesk update`
  escalate,              // functional escalation (data: from, to, level, rule)
  escalate_hierarchical, // management informed (data: informed, rule)
  escalate_skipped,      // an escalation rule could not apply (data: rule, reason)
  import,                // fields changed by an import
  link,                  // a link to another record added
  unlink,                // a link to another record removed
  migrate,               // changed by a schema migration
  known_error,           // a problem's root cause and workaround recorded (problem known-error)
  assess,                // a change assessed (data: risk when given)
  approve,               // a change board member approved a change (data: board, approvals, needed)
  reject,                // a change board member rejected a change (data: board)
  schedule,              // a change's window set (data: start, end, override, reason)
  review,                // a change's post-implementation review (data: outcome)
  cancel,                // a change withdrawn before it was implemented (the reason as note)
  watch,                 // watchers added (data: who)
  unwatch,               // watchers removed (data: who)
  attach,                // files attached from the terminal (data: attachments)
  sla_warning,           // an escalation rule with action "notify" fired before the target was missed (data: rule, percent, target)
  sla_breach,            // the same at 100% or more of the target: it was missed (data: rule, percent, target)
};

inline constexpr std::array k_actions{
  Action::open,     Action::assign,   Action::start,  Action::pending,
  Action::resolve,  Action::close,    Action::reopen, Action::comment,
  Action::update,   Action::escalate, Action::escalate_hierarchical,
  Action::escalate_skipped,           Action::import, Action::link,
  Action::unlink,   Action::migrate,  Action::known_error, Action::assess, Action::approve,
  Action::reject,   Action::schedule, Action::review, Action::cancel,
  Action::watch,    Action::unwatch,  Action::attach,
  Action::sla_warning, Action::sla_breach};

// The action's name as stored and shown: "open", "escalate_hierarchical".
std::string_view to_string(Action action);

// The action named exactly `name` (as to_string gives it), or nothing.
std::optional<Action> find_action(std::string_view name);

// The action named `name`; throws Error(usage) "`what`: unknown value 'x'
// (accepted: open, assign, ...)" for any other text.
Action parse_action(std::string_view name, std::string_view what = "action");

// Whether an event of `action` is an escalation (functional or hierarchical).
bool is_escalation(Action action);

} // namespace sdesk::model

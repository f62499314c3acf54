#pragma once

#include "lib/model/ticket.hpp"
#include "lib/ops/context.hpp"
#include "lib/sla/policy.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::ops {

// One escalation rule that fired for one ticket (or would have, but could
// not be applied).
struct AutoAction {
  model::TicketId ticket = 0;
  std::string rule;
  sla::Target target = sla::Target::resolution;
  std::int64_t percent = 0;         // of the target used, rounded down
  bool hierarchical = false;
  std::optional<std::string> to;    // functional: the group the ticket moved to
  std::vector<std::string> inform;  // hierarchical: who was told
  std::optional<std::string> skipped; // why nothing was done (e.g. last tier)
  // action = "notify": the SLA event recorded (sla_warning, sla_breach).
  std::optional<model::Action> recorded;
};

// What one auto_escalate run looked at, to show that it reads only what can
// be due (tests, benchmarks).
struct AutoEscalateStats {
  std::int64_t looked_at = 0; // tickets whose row the read pass judged
  bool swept = false;         // every open ticket (the watch was not swept under this configuration)
};

// Applies the configured escalation rules (config.escalation_rules) to the
// open tickets, in one write transaction, taken only when a read transaction
// first finds something to write or report: a rule fires for a ticket when it
// applies to the ticket (EscalationRule::applies_to), its target is not done
// yet, more than `percent` of it is used at ctx.now (so a 100% rule fires
// once the target is missed, not at the due time itself), and the ticket's
// history has no event of that rule yet. Functional rules escalate like
// ops::escalate (to the group's escalates_to); hierarchical ones record who
// is informed. Each event's data (model::EscalationData) names the rule,
// which is what makes a second run do nothing; its note says "auto: rule
// NAME (P% of TARGET target)" for people. A rule that cannot be applied (a
// functional rule at the last tier) does not fail the run: it is returned
// as skipped and recorded (Action::escalate_skipped, the rule as its
// `new_value` and in its data) the first time
// only; later runs try it again (once the ticket or the configuration
// changed, see below) and return nothing for it until it applies.
//
// Which tickets are looked at: the escalation watch (Backend::
// escalation_watch(); lib/ops/escalation_check.hpp) keeps, per ticket, the
// earliest instant a rule can be due (next_check), and the fingerprint of
// the configuration it was computed under. A run looks at the tickets due
// by the watch, or at every open ticket when the fingerprint differs (a new
// store, a changed configuration, a large import); the write path makes
// every ticket it changes due (lib/ops/write.cpp). The write transaction
// stores each looked-at ticket's next check and the fingerprint, so a run
// that finds nothing to do writes nothing, and the tickets it looked at are
// looked at again by the next run, until one writes.
//
// With `dry_run` nothing is written. Returns the actions in ticket, then
// rule order (rules by percent, then name); fills `stats` if given.
std::vector<AutoAction> auto_escalate(Context& ctx, bool dry_run, AutoEscalateStats* stats = nullptr);

// The note prefix auto escalation writes for `rule`: "auto: rule NAME (".
std::string auto_note_prefix(std::string_view rule);

} // namespace sdesk::ops

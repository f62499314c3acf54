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

// Applies the configured escalation rules (config.escalation_rules) to every
// open ticket, in one write transaction, taken only when a read transaction
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
// only; later runs try it again and return nothing for it until it applies.
// With `dry_run` nothing is written. Returns the actions in ticket, then
// rule order (rules by percent, then name).
std::vector<AutoAction> auto_escalate(Context& ctx, bool dry_run);

// The note prefix auto escalation writes for `rule`: "auto: rule NAME (".
std::string auto_note_prefix(std::string_view rule);

} // namespace sdesk::ops

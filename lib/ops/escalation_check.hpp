#pragma once

// The judgement of one ticket against the escalation rules, for
// auto_escalate (lib/ops/auto_escalate.cpp): whether a rule is due now, and
// the earliest instant one can become due (the escalation watch,
// lib/store/escalation_watch_store.hpp), and the fingerprint of the
// configuration those judgements depend on.

#include "lib/config/config.hpp"
#include "lib/model/ticket.hpp"
#include "lib/ops/context.hpp"
#include "lib/sla/policy.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::ops {

// Whether `rule` has already fired for the ticket with history `events`:
// an escalation whose data names it (never the note, which people write).
bool has_fired(const std::vector<model::Event>& events, std::string_view rule);

// Whether the history `events` records that `rule` was reported as unable
// to apply (an escalate_skipped event whose data names it).
bool skip_reported(const std::vector<model::Event>& events, std::string_view rule);

// Whether `rule` may fire for `ticket` at `now`, judged from the ticket row
// alone (no history): a necessary condition of due(). The rule applies to
// the ticket; the ticket's policy (selected from the current configuration,
// as sla::evaluate does) has the rule's target for its priority; the target
// is not done; and more than `percent` of the goal has passed in wall-clock
// time since `created`: business time is wall time minus closed hours and
// pauses, so it never runs ahead of the wall clock.
bool may_fire(const sla::Settings& settings, const model::Ticket& ticket,
              const config::EscalationRule& rule, sla::Time now);

// Whether any rule of ctx.config may fire for `ticket` (may_fire), so that
// its history is worth reading.
bool any_may_fire(const Context& ctx, const model::Ticket& ticket);

// Whether a functional `rule` is certain to be skipped for `ticket`: its
// group escalates to no group.
bool at_last_tier(const Context& ctx, const model::Ticket& ticket, const config::EscalationRule& rule);

// The clock of `rule`'s target when the rule is due for `ticket` at
// ctx.now with history `events`: it applies, has not fired yet, and more
// than `percent` of its target is used (at exactly 100% the target is not
// missed yet). Otherwise empty.
std::optional<sla::TargetClock> due(const Context& ctx, const model::Ticket& ticket,
                                    const std::vector<model::Event>& events,
                                    const config::EscalationRule& rule);

// Whether a rule is due for `ticket` with `events` that auto_escalate would
// act on: due(), unless it is certain to be skipped again silently (at the
// last tier, its skip reported already).
bool needs_action(const Context& ctx, const model::Ticket& ticket, const std::vector<model::Event>& events);

// The earliest instant at which a rule may be due for the open `ticket`
// (whose history is `events`, or null when no rule may_fire and it was not
// read), as long as neither the ticket nor the configuration changes;
// nothing when no rule can become due that way. A lower bound, never
// late: business time grows at most as fast as the wall clock, so a
// target with `used` seconds counted cannot pass `percent` of its goal
// before now + (percent x goal - used) + 1 s. A rule that is due and not
// acted on yet gives ctx.now; one that is due but was reported skipped
// (it could not apply: the last tier, a lifecycle without escalation, a
// hook's refusal) gives nothing: whether it can apply depends on the
// ticket and the configuration, and a change to either looks again.
std::optional<util::Time> next_check(const Context& ctx, const model::Ticket& ticket,
                                     const std::vector<model::Event>* events);

// The fingerprint of everything in `config` that the judgements above
// read: the escalation rules, the SLA policies, calendars and pausing
// statuses, and the groups (their escalates_to); a SHA-256 over those
// settings' keys and values, in hex. Another fingerprint means every open
// ticket must be judged again.
std::string escalation_fingerprint(const config::Config& config);

} // namespace sdesk::ops

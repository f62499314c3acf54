#pragma once

// The rules of change management that need no configuration file or store:
// a change's type, the approvals its history holds, who may approve it, and
// whether two windows overlap. lib/ops/change_flow.cpp applies them with
// the configured boards and the stored changes. Refusals are
// Error(refused) (exit 4) naming the rule (docs/sdesk-change.md).

#include "lib/model/ticket.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::model {

// The rules, by the names the refusals give.
inline constexpr std::string_view k_rule_change_board = "change-board";
inline constexpr std::string_view k_rule_approve_once = "approve-once";
inline constexpr std::string_view k_rule_requester_approves = "requester-cannot-approve";
inline constexpr std::string_view k_rule_standard_approval = "standard-needs-no-approval";
inline constexpr std::string_view k_rule_approval_status = "approval-status";
inline constexpr std::string_view k_rule_change_approved = "change-approved";
inline constexpr std::string_view k_rule_change_freeze = "change-freeze";
inline constexpr std::string_view k_rule_change_collision = "change-collision";
inline constexpr std::string_view k_rule_plan_frozen = "plan-frozen";

// A change's type: its change_type, or "normal" when it has none (changes
// stored before schema 13).
std::string_view change_type_of(const Ticket& t);

// Throws Error(refused) (rule plan-frozen) unless the plan of change `t`
// (its type, risk, window, release and plans) may still be edited: while
// it is requested or assessed. From approval on, the plan is what the
// board approved (a window is then set with `sdesk change schedule`).
void require_plan_editable(const Ticket& t);

// The board that approves changes of type `change_type`: "ecab" for
// emergency changes, "cab" otherwise.
std::string_view board_of(std::string_view change_type);

// Who approved the change whose history is `history` (oldest first): the
// actor of each approve event, each once, in order.
std::vector<std::string> approvers(std::span<const Event> history);

// Throws Error(refused) unless `actor` may approve (or, with `rejecting`,
// reject) change `t` with history `history`: `t` is a change of type normal
// or emergency (standard-needs-no-approval) in status assessed
// (approval-status), `actor` is on `board` (change-board; `board_name` is
// its name), and, to approve, `actor` is not its requester
// (requester-cannot-approve) and has not approved it before (approve-once).
void require_may_approve(const Ticket& t, const std::string& actor, std::span<const std::string> board,
                         std::string_view board_name, std::span<const Event> history, bool rejecting);

// A time window [start, end).
struct Window {
  Time start;
  Time end;
};

// Whether windows `a` and `b` share an instant (half open: one that ends
// when the other starts does not overlap it).
bool overlaps(const Window& a, const Window& b);

// "2026-12-20T00:00:00+00:00 to 2026-12-21T00:00:00+00:00": `w` in words.
std::string describe(const Window& w);

} // namespace sdesk::model

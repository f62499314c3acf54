#include "lib/model/change_rules.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::model {

std::string_view change_type_of(const Ticket& t)
{
  return t.change_type ? std::string_view(*t.change_type) : std::string_view("normal");
}

void require_plan_editable(const Ticket& t)
{
  if (t.status != Status::requested && t.status != Status::assessed) {
    throw Error(ErrorKind::refused,
                fmt::format("change {} is {}; its plan is what was approved and can be edited only while "
                            "requested or assessed (rule {})",
                            t.id, to_string(t.status), k_rule_plan_frozen));
  }
}

std::string_view board_of(std::string_view change_type)
{
  return change_type == "emergency" ? "ecab" : "cab";
}

std::vector<std::string> approvers(std::span<const Event> history)
{
  std::vector<std::string> result;
  for (const Event& e : history) {
    if (e.action == Action::approve && std::find(result.begin(), result.end(), e.actor) == result.end()) {
      result.push_back(e.actor);
    }
  }
  return result;
}

void require_may_approve(const Ticket& t, const std::string& actor, std::span<const std::string> board,
                         std::string_view board_name, std::span<const Event> history, bool rejecting)
{
  const std::string_view verb = rejecting ? "reject" : "approve";
  const auto refuse = [&](std::string_view rule, const std::string& why) {
    throw Error(ErrorKind::refused, fmt::format("change {}: {} (rule {})", t.id, why, rule));
  };
  if (t.kind != Kind::change) {
    throw Error(ErrorKind::refused,
                fmt::format("ticket {} is a {}; '{}' applies to changes only", t.id, to_string(t.kind), verb));
  }
  const std::string_view type = change_type_of(t);
  if (type == "standard") {
    refuse(k_rule_standard_approval,
           fmt::format("a standard change is pre-approved; there is nothing to {}", verb));
  }
  if (t.status != Status::assessed) {
    refuse(k_rule_approval_status,
           fmt::format("it is {}; only an assessed change can be {}", to_string(t.status),
                       rejecting ? "rejected" : "approved"));
  }
  if (std::find(board.begin(), board.end(), actor) == board.end()) {
    refuse(k_rule_change_board,
           fmt::format("{} is not on the {} (change.{} may {} {} changes: {})", util::quote(actor), board_name,
                       board_name, verb, type, board.empty() ? "nobody" : util::join(std::vector<std::string>(board.begin(), board.end()), ", ")));
  }
  if (rejecting) {
    return;
  }
  if (t.requester && *t.requester == actor) {
    refuse(k_rule_requester_approves, fmt::format("{} requested it and cannot approve it", util::quote(actor)));
  }
  const std::vector<std::string> given = approvers(history);
  if (std::find(given.begin(), given.end(), actor) != given.end()) {
    refuse(k_rule_approve_once, fmt::format("{} has approved it already", util::quote(actor)));
  }
}

bool overlaps(const Window& a, const Window& b)
{
  return a.start < b.end && b.start < a.end;
}

std::string describe(const Window& w)
{
  return fmt::format("{} to {}", util::format_time(w.start), util::format_time(w.end));
}

} // namespace sdesk::model

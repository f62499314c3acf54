#include "lib/model/action.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <fmt/format.h>

namespace sdesk::model {

std::string_view to_string(Action action)
{
  switch (action) {
  case Action::open: return "open";
  case Action::assign: return "assign";
  case Action::start: return "start";
  case Action::pending: return "pending";
  case Action::resolve: return "resolve";
  case Action::close: return "close";
  case Action::reopen: return "reopen";
  case Action::comment: return "comment";
  case Action::update: return "update";
  case Action::escalate: return "escalate";
  case Action::escalate_hierarchical: return "escalate_hierarchical";
  case Action::escalate_skipped: return "escalate_skipped";
  case Action::import: return "import";
  case Action::link: return "link";
  case Action::unlink: return "unlink";
  case Action::migrate: return "migrate";
  case Action::known_error: return "known_error";
  case Action::assess: return "assess";
  case Action::approve: return "approve";
  case Action::reject: return "reject";
  case Action::schedule: return "schedule";
  case Action::review: return "review";
  case Action::cancel: return "cancel";
  case Action::watch: return "watch";
  case Action::unwatch: return "unwatch";
  case Action::attach: return "attach";
  case Action::sla_warning: return "sla_warning";
  case Action::sla_breach: return "sla_breach";
  }
  return "?";
}

std::optional<Action> find_action(std::string_view name)
{
  for (const Action action : k_actions) {
    if (to_string(action) == name) {
      return action;
    }
  }
  return std::nullopt;
}

Action parse_action(std::string_view name, std::string_view what)
{
  if (const auto action = find_action(name)) {
    return *action;
  }
  std::string accepted;
  for (const Action action : k_actions) {
    accepted += (accepted.empty() ? "" : ", ") + std::string(to_string(action));
  }
  throw Error(ErrorKind::usage, fmt::format("{}: unknown value {} (accepted: {})", what,
                                            util::quote(name), accepted));
}

bool is_escalation(Action action)
{
  return action == Action::escalate || action == Action::escalate_hierarchical;
}

} // namespace sdesk::model

#include "lib/model/lifecycle.hpp"

#include "lib/util/error.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::model {

std::vector<Status> allowed_transitions(Status from)
{
  switch (from) {
  case Status::new_:
  case Status::assigned:
  case Status::in_progress:
  case Status::pending:
    return {Status::assigned, Status::in_progress, Status::pending, Status::resolved};
  case Status::resolved:
    return {Status::closed, Status::new_, Status::assigned};
  case Status::closed:
    return {};
  }
  return {};
}

bool can_transition(Status from, Status to)
{
  const auto allowed = allowed_transitions(from);
  return std::find(allowed.begin(), allowed.end(), to) != allowed.end();
}

void require_transition(long long ticket_id, Status from, Status to)
{
  if (can_transition(from, to)) {
    return;
  }
  std::string allowed;
  for (const Status s : allowed_transitions(from)) {
    allowed += allowed.empty() ? "" : ", ";
    allowed += to_string(s);
  }
  if (allowed.empty()) {
    allowed = "none; closed is final, open a new ticket";
  }
  throw Error(ErrorKind::refused,
              fmt::format("ticket {} is {}; it cannot move to {} (allowed from {}: {})", ticket_id,
                          to_string(from), to_string(to), to_string(from), allowed));
}

} // namespace sdesk::model

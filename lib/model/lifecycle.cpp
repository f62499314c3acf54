#include "lib/model/lifecycle.hpp"

#include "lib/model/record_type.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

namespace sdesk::model {

std::vector<Status> allowed_transitions(Kind kind, Status from)
{
  return record_type(kind).allowed(from);
}

bool can_transition(Kind kind, Status from, Status to)
{
  return record_type(kind).can(from, to);
}

void require_transition(long long ticket_id, Kind kind, Status from, Status to)
{
  const RecordType& type = record_type(kind);
  if (type.can(from, to)) {
    return;
  }
  std::string allowed;
  for (const Status s : type.allowed(from)) {
    allowed += allowed.empty() ? "" : ", ";
    allowed += to_string(s);
  }
  if (allowed.empty()) {
    allowed = type.is_final(from) ? fmt::format("none; {} is final, open a new ticket", to_string(from))
                                  : "none";
  }
  // Incidents and requests share the lifecycle everyone knows; the others say whose it is.
  const bool own = type.transitions.data() != record_type(Kind::incident).transitions.data();
  throw Error(ErrorKind::refused,
              fmt::format("ticket {} is {}; it cannot move to {} (allowed from {}{}: {})", ticket_id,
                          to_string(from), to_string(to), to_string(from),
                          own ? fmt::format(" for a {}", to_string(kind)) : "", allowed));
}

std::vector<Status> allowed_transitions(Status from)
{
  return allowed_transitions(Kind::incident, from);
}

bool can_transition(Status from, Status to)
{
  return can_transition(Kind::incident, from, to);
}

void require_transition(long long ticket_id, Status from, Status to)
{
  require_transition(ticket_id, Kind::incident, from, to);
}

} // namespace sdesk::model

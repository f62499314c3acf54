#pragma once

// A link between two records that a change set adds or removes (issue 8,
// section 5: `sdesk link A B --type TYPE`). Pure data.

#include "lib/model/ticket.hpp"

#include <string>

namespace sdesk::model {

// "A caused-by B": `from` A, `type` "caused-by", `to` B. `added` false: the
// change removes that link.
struct LinkChange {
  TicketId from = 0;
  std::string type;
  TicketId to = 0;
  bool added = true;
};

} // namespace sdesk::model

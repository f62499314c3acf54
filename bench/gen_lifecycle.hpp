#pragma once

#include "bench/gen_random.hpp"
#include "lib/model/ticket.hpp"
#include "lib/sla/policy.hpp"

#include <vector>

namespace sdesk::bench {

// One action on a ticket as a use case in lib/ops would record it: its
// instant and its history rows (ticket_id still 0).
struct Action {
  model::Time at;
  std::vector<model::Event> events;
};

// A ticket's life up to the end of the generated period.
struct SimulatedTicket {
  model::Ticket ticket;        // the state after its last action
  std::vector<Action> actions; // oldest first; actions[0] is "open"
};

// The period tickets live in, and the SLA settings in force.
struct Timeline {
  model::Time end;         // no action happens after this instant
  double open_tau_seconds; // a ticket `age` old is still open with probability exp(-age/tau)
  const sla::Settings& sla;
};

// Simulates one ticket opened at `created`: kind, priority, category and
// texts, then assignment, work, escalations, pending periods, comments,
// resolution, reopening and closing, each change recorded through
// model::diff exactly as ops::change_ticket would, with the SLA fields
// refreshed as lib/ops does (sla::refresh). Deterministic for the state of
// `rng`.
SimulatedTicket simulate_ticket(Rng& rng, model::Time created, const Timeline& timeline);

} // namespace sdesk::bench

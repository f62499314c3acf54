#pragma once

#include "lib/model/ticket.hpp"
#include "lib/ops/change_plan.hpp"
#include "lib/ops/context.hpp"
#include "lib/store/problem_store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sdesk::ops {

// What `sdesk open` asks for; absent values take the configured defaults.
struct OpenRequest {
  std::string title;
  std::string description;
  model::Kind kind = model::Kind::incident;
  model::Level impact = model::Level::medium;
  model::Level urgency = model::Level::medium;
  std::optional<std::string> priority; // "P2": overrides the matrix
  std::optional<std::string> category;
  std::optional<std::string> service;
  std::optional<std::string> group;     // default: desk.default_group
  std::optional<std::string> requester; // default: the actor
  std::optional<std::string> assignee;  // makes the ticket `assigned`
  std::vector<std::string> tags;
  // The ticket's reference in another system (a monitoring alert, a mail
  // thread): unique in the store, so opening it twice opens one ticket.
  std::optional<std::string> ref;
  // The group the ticket is restricted to (a configured group); on
  // PostgreSQL only that group's members see it (docs/postgresql.md).
  std::optional<std::string> restricted;
  // A change's plan (changes only; on other kinds each is refused, rule
  // field-kind). A change without a type is normal; a standard change is
  // pre-approved: it opens in status approved.
  ChangePlan change;
};

// What open_or_find did.
struct Opened {
  model::Ticket ticket; // the new ticket, or the one that has the ref
  bool existed = false; // true: the ref was stored already; nothing changed
  // The open known errors of the new incident's service and category
  // (ops::matching_known_errors), read in the same transaction; nothing
  // is linked.
  std::vector<store::KnownError> known_errors;
};

// Records a new ticket with its initial fields in the history, in one
// transaction, and returns it with its id. Its SLA policy and due times
// (sla::refresh) are among the initial fields. Throws Error(usage) for an empty
// or multi-line title, an unknown group, agent, category or service, or a
// priority outside the matrix.
// For a request with a ref that a stored ticket has, open_ticket creates
// nothing and returns that ticket as it is.
model::Ticket open_ticket(Context& ctx, const OpenRequest& request);

// open_ticket, saying whether the ticket existed. The request is checked
// whether or not its ref is stored (also an invalid ref: see require_ref);
// the look-up and the insert are one write transaction, so concurrent calls
// with one ref create one ticket. A stored ticket with the ref is returned
// unchanged, however the request differs from it.
Opened open_or_find(Context& ctx, const OpenRequest& request);

// Opens `request`'s ticket inside a write transaction the caller holds
// (without looking up its ref) and returns it with its id; does not commit.
// Throws as open_ticket; writes nothing then.
model::Ticket open_in_transaction(Context& ctx, const OpenRequest& request);

} // namespace sdesk::ops

#pragma once

#include "lib/model/ticket.hpp"
#include "lib/ops/context.hpp"

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
};

// Records a new ticket with its initial fields in the history, in one
// transaction, and returns it with its id. Its SLA policy and due times
// (sla::refresh) are among the initial fields. Throws Error(usage) for an empty
// or multi-line title, an unknown group, agent, category or service, or a
// priority outside the matrix.
model::Ticket open_ticket(Context& ctx, const OpenRequest& request);

} // namespace sdesk::ops

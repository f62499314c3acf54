#pragma once

#include "lib/model/ticket.hpp"
#include "lib/ops/change_plan.hpp"
#include "lib/ops/context.hpp"
#include "lib/store/problem_store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sdesk::ops {

// Field edits; absent values are left alone.
struct UpdateRequest {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<model::Kind> kind;
  std::optional<model::Level> impact;
  std::optional<model::Level> urgency;
  std::optional<std::string> priority; // "P2": otherwise derived when impact/urgency change
  std::optional<std::string> category;
  std::optional<std::string> service;
  std::optional<std::string> requester;
  std::vector<std::string> add_tags;
  std::vector<std::string> remove_tags;
  // Restricts the ticket to a group (a configured group), or, holding
  // nothing, lifts the restriction (--restricted none).
  std::optional<std::optional<std::string>> restricted;
  // A change's plan: only on changes (rule field-kind), only while it is
  // requested or assessed (rule plan-frozen); a standard change comes from
  // a template, so update sets no change_type "standard".
  ChangePlan change;
};

// Edits ticket `id`. Changing impact or urgency re-derives the priority from
// the matrix unless `priority` is given. Throws Error(refused) for a closed
// ticket or a frozen change plan, and Error(usage) for unknown
// categories/services or bad values.
// With `known_errors`, when the request changes the category or service,
// it receives the open known errors the ticket then matches
// (ops::matching_known_errors), read in the same transaction.
model::Ticket update(Context& ctx, model::TicketId id, const UpdateRequest& request,
                     std::vector<store::KnownError>* known_errors = nullptr);

} // namespace sdesk::ops

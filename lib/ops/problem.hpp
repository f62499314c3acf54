#pragma once

// Problem management (issue 9): incidents linked to the problem that causes
// them, known errors (root cause and workaround), resolving a problem with
// its incidents, the known errors an incident matches, and the groups of
// recurring incidents no problem covers yet. Each use case is one
// transaction through the write path; on error the store is unchanged.

#include "lib/model/ticket.hpp"
#include "lib/ops/context.hpp"
#include "lib/ops/link.hpp"
#include "lib/store/problem_store.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace sdesk::ops {

// One incident of `problem link`/`unlink`: whether the store changed.
struct IncidentLink {
  model::TicketId incident = 0;
  bool changed = false;
};

// `sdesk problem link P INCIDENT...` (or unlink): each incident caused-by
// problem `problem`, all in one write transaction (a repeated id counts
// once). Throws Error(not_found) for a missing ticket, Error(refused) (rule
// problem-link) when `problem` is not a problem or a target is not an
// incident, Error(usage) for no incidents; writes nothing then.
std::vector<IncidentLink> link_incidents(Context& ctx, model::TicketId problem,
                                         const std::vector<model::TicketId>& incidents,
                                         LinkChange change);

// `sdesk problem known-error P`: records the root cause and the workaround
// and moves the problem to known_error (action known_error). Throws
// Error(usage) for a blank text, Error(refused) for a ticket that is not a
// problem (rule problem-only) or a move its lifecycle does not allow.
model::Ticket record_known_error(Context& ctx, model::TicketId problem,
                                 const std::string& root_cause, const std::string& workaround);

// What resolve_cascade did: the problem and each incident it resolved.
struct Cascade {
  model::Ticket problem;
  std::vector<model::Ticket> incidents;
};

// `sdesk resolve P --code CODE --cascade`: resolves problem `problem` and
// every incident linked to it as caused-by it that is still open, each
// with the resolution note "resolved with problem #P: TITLE; workaround:
// W", in one write transaction. Throws Error(refused) (rule cascade) for a
// ticket that is not a problem, and what resolve() throws.
Cascade resolve_cascade(Context& ctx, model::TicketId problem, const std::string& code,
                        const std::optional<std::string>& note);

// The open known errors matching `ticket`: an incident with both a service
// and a category; nothing (and no read) for anything else. Reads in the
// caller's transaction.
std::vector<store::KnownError> matching_known_errors(Context& ctx, const model::Ticket& ticket);

// Whether matching_known_errors() looks at `ticket` at all.
bool known_errors_apply(const model::Ticket& ticket);

// What `sdesk problem candidates` asks for.
struct CandidateRequest {
  std::chrono::seconds since{std::chrono::hours{24 * 90}};
  std::int64_t min = 5;
  std::vector<std::string> by{"category", "service"};
};

// The groups of recurring incidents created in the `since` before now, in
// one read transaction. Throws Error(usage) for an unknown or repeated --by
// field, a --min below 1 or a --since that is not positive.
std::vector<store::CandidateGroup> problem_candidates(Context& ctx, const CandidateRequest& request);

} // namespace sdesk::ops

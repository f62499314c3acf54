#include "lib/model/record_type.hpp"

#include "lib/util/error.hpp"

#include <algorithm>
#include <array>
#include <functional>

#include <fmt/format.h>

namespace sdesk::model {

namespace {

using S = Status;

// --- Incident and request: the ITIL incident lifecycle ---
//
//   new ──> assigned ──> in_progress ──> pending ──> resolved ──> closed
//    └────────┴──────────────┴──────────────┴───────────^  │
//                                  reopen <─────────────────┘
//
// Any open status may move to assigned (reassignment), in_progress, pending
// or resolved; resolved moves to closed, or back to new/assigned by reopen.
// Closed is final: a closed ticket's problem comes back as a new ticket.
constexpr std::array k_incident_statuses{S::new_,    S::assigned, S::in_progress,
                                         S::pending, S::resolved, S::closed};
constexpr std::array k_incident_transitions{
  Transition{S::new_, S::assigned},         Transition{S::new_, S::in_progress},
  Transition{S::new_, S::pending},          Transition{S::new_, S::resolved},
  Transition{S::assigned, S::assigned},     Transition{S::assigned, S::in_progress},
  Transition{S::assigned, S::pending},      Transition{S::assigned, S::resolved},
  Transition{S::in_progress, S::assigned},  Transition{S::in_progress, S::in_progress},
  Transition{S::in_progress, S::pending},   Transition{S::in_progress, S::resolved},
  Transition{S::pending, S::assigned},      Transition{S::pending, S::in_progress},
  Transition{S::pending, S::pending},       Transition{S::pending, S::resolved},
  Transition{S::resolved, S::closed},       Transition{S::resolved, S::new_},
  Transition{S::resolved, S::assigned},
};
constexpr std::array k_incident_open{S::new_, S::assigned, S::in_progress, S::pending};
constexpr std::array k_incident_pausing{S::pending};
constexpr std::array k_incident_resolved{S::resolved, S::closed};
constexpr std::array k_incident_terminal{S::closed};

// --- Problem ---
//
//   new ──> investigating ──> known_error ──> resolved ──> closed
//                 │  ^                           ^    │
//                 │  └───────── reopen ──────────┼────┘
//                 └──────────────────────────────┘
//
// A problem whose root cause is removed at once skips known_error. No
// status pauses its clocks by default (a known error still waits on its
// fix; a site may add known_error to [sla] pause_statuses).
constexpr std::array k_problem_statuses{S::new_, S::investigating, S::known_error, S::resolved,
                                        S::closed};
constexpr std::array k_problem_transitions{
  Transition{S::new_, S::investigating},       Transition{S::investigating, S::known_error},
  Transition{S::investigating, S::resolved},   Transition{S::known_error, S::resolved},
  Transition{S::resolved, S::closed},          Transition{S::resolved, S::investigating},
};
constexpr std::array k_problem_open{S::new_, S::investigating, S::known_error};
constexpr std::array k_problem_resolved{S::resolved, S::closed};
constexpr std::array k_problem_terminal{S::closed};

// --- Change ---
//
//   requested ──> assessed ──> approved ──> scheduled ──> implementing ──> review ──> closed
//       │            │  └──> rejected          │                     (outcome required)
//       └────────────┴─────────┴───────────────┴──> cancelled
//
// Cancelled from any state before implementing. Review (the post-
// implementation review) is where the work is done: like an incident's
// resolved it sets the resolution time and stops the clocks; closed,
// rejected and cancelled are final. Nothing pauses by default (a site may
// add scheduled to [sla] pause_statuses).
constexpr std::array k_change_statuses{S::requested, S::assessed,     S::approved,
                                       S::rejected,  S::scheduled,    S::implementing,
                                       S::review,    S::closed,       S::cancelled};
constexpr std::array k_change_transitions{
  Transition{S::requested, S::assessed},     Transition{S::requested, S::cancelled},
  Transition{S::assessed, S::approved},      Transition{S::assessed, S::rejected},
  Transition{S::assessed, S::cancelled},     Transition{S::approved, S::scheduled},
  Transition{S::approved, S::cancelled},     Transition{S::scheduled, S::implementing},
  Transition{S::scheduled, S::cancelled},    Transition{S::implementing, S::review},
  Transition{S::review, S::closed},
};
constexpr std::array k_change_open{S::requested, S::assessed, S::approved, S::scheduled,
                                   S::implementing};
constexpr std::array k_change_resolved{S::rejected, S::review, S::closed, S::cancelled};
constexpr std::array k_change_terminal{S::rejected, S::closed, S::cancelled};
constexpr std::array<std::string_view, 3> k_outcomes{"successful", "failed", "backed_out"};
constexpr std::array k_outcome_required{S::closed};
// The rule "a closed change has an outcome" (field-required, checked by
// check_fields in invariants.cpp; `sdesk change review` records it).
constexpr std::array k_change_fields{ExtraField{"outcome", k_outcomes, k_outcome_required}};

constexpr std::span<const Status> k_none{};

constexpr Moves k_incident_moves{S::assigned, S::in_progress, S::pending, S::resolved,
                                 S::closed,   S::new_,        S::assigned};
constexpr Moves k_problem_moves{std::nullopt, S::investigating, std::nullopt,      S::resolved,
                                S::closed,    S::investigating, S::investigating};
constexpr Moves k_change_moves{std::nullopt, S::implementing, std::nullopt, S::review,
                               S::closed,    std::nullopt,    std::nullopt};

// In k_kinds order: incident, request, change, problem.
const std::array<RecordType, 4> k_types{
  RecordType{Kind::incident, k_incident_statuses, S::new_, k_incident_transitions, k_incident_open,
             k_incident_pausing, k_incident_resolved, k_incident_terminal, {}, k_incident_moves},
  RecordType{Kind::request, k_incident_statuses, S::new_, k_incident_transitions, k_incident_open,
             k_incident_pausing, k_incident_resolved, k_incident_terminal, {}, k_incident_moves},
  RecordType{Kind::change, k_change_statuses, S::requested, k_change_transitions, k_change_open,
             k_none, k_change_resolved, k_change_terminal, k_change_fields, k_change_moves},
  RecordType{Kind::problem, k_problem_statuses, S::new_, k_problem_transitions, k_problem_open,
             k_none, k_problem_resolved, k_problem_terminal, {}, k_problem_moves},
};

bool listed(std::span<const Status> list, Status status)
{
  return std::find(list.begin(), list.end(), status) != list.end();
}

} // namespace

bool RecordType::has(Status status) const
{
  return listed(statuses, status);
}

bool RecordType::is_open(Status status) const
{
  return listed(open, status);
}

bool RecordType::pauses(Status status) const
{
  return listed(pausing, status);
}

bool RecordType::is_resolved(Status status) const
{
  return listed(resolved, status);
}

bool RecordType::is_final(Status status) const
{
  return listed(terminal, status);
}

std::vector<Status> RecordType::allowed(Status from) const
{
  std::vector<Status> result;
  for (const Transition& t : transitions) {
    if (t.from == from) {
      result.push_back(t.to);
    }
  }
  return result;
}

bool RecordType::can(Status from, Status to) const
{
  return std::any_of(transitions.begin(), transitions.end(),
                     [&](const Transition& t) { return t.from == from && t.to == to; });
}

std::vector<Status> RecordType::path(Status from, Status to) const
{
  // Breadth first over the transitions; `previous` holds how each status was reached.
  std::vector<std::pair<Status, Status>> previous; // (status, reached from)
  std::vector<Status> frontier{from};
  const auto seen = [&](Status s) {
    return s == from || std::any_of(previous.begin(), previous.end(),
                                    [&](const auto& p) { return p.first == s; });
  };
  while (!frontier.empty() && !seen(to)) {
    std::vector<Status> next;
    for (const Status at : frontier) {
      for (const Status s : allowed(at)) {
        if (!seen(s)) {
          previous.emplace_back(s, at);
          next.push_back(s);
        }
      }
    }
    frontier = std::move(next);
  }
  std::vector<Status> way;
  if (to == from || !seen(to)) {
    return way;
  }
  for (Status s = to; s != from;) {
    way.push_back(s);
    s = std::find_if(previous.begin(), previous.end(), [&](const auto& p) { return p.first == s; })->second;
  }
  std::reverse(way.begin(), way.end());
  return way;
}

std::size_t RecordType::rank(Status status) const
{
  return static_cast<std::size_t>(std::find(statuses.begin(), statuses.end(), status)
                                  - statuses.begin());
}

const RecordType& record_type(Kind kind)
{
  for (const RecordType& type : k_types) {
    if (type.kind == kind) {
      return type;
    }
  }
  throw Error(ErrorKind::internal, fmt::format("kind {} has no description", to_string(kind)));
}

std::span<const RecordType> record_types()
{
  return k_types;
}

std::vector<Status> open_statuses_of_any_type()
{
  std::vector<Status> result;
  for (const Status status : k_statuses) {
    if (is_open_status(status)) {
      result.push_back(status);
    }
  }
  return result;
}

std::vector<Status> status_sort_order()
{
  const auto any = [](auto&& test) {
    return [test](Status status) {
      return std::any_of(k_types.begin(), k_types.end(),
                         [&](const RecordType& type) { return test(type, status); });
    };
  };
  const auto open = any([](const RecordType& t, Status s) { return t.is_open(s); });
  const auto done = any([](const RecordType& t, Status s) { return t.is_resolved(s) && !t.is_final(s); });
  std::vector<Status> order;
  for (const auto& take : {std::function<bool(Status)>(open), std::function<bool(Status)>(done)}) {
    for (const Status status : k_statuses) {
      if (take(status)) {
        order.push_back(status);
      }
    }
  }
  for (const Status status : k_statuses) {
    if (std::find(order.begin(), order.end(), status) == order.end()) {
      order.push_back(status);
    }
  }
  return order;
}

std::vector<Status> pausing_statuses_of_any_type()
{
  std::vector<Status> result;
  for (const Status status : k_statuses) {
    if (std::any_of(k_types.begin(), k_types.end(),
                    [&](const RecordType& type) { return type.pauses(status); })) {
      result.push_back(status);
    }
  }
  return result;
}

bool is_open_status(Status status)
{
  return std::any_of(k_types.begin(), k_types.end(),
                     [&](const RecordType& type) { return type.is_open(status); });
}

void require_status_of(Kind kind, Status status, std::string_view what)
{
  const RecordType& type = record_type(kind);
  if (type.has(status)) {
    return;
  }
  std::string names;
  for (const Status s : type.statuses) {
    names += (names.empty() ? "" : ", ") + std::string(to_string(s));
  }
  throw Error(ErrorKind::usage, fmt::format("{}: '{}' is not a status of a {} (accepted: {})", what,
                                            to_string(status), to_string(kind), names));
}

} // namespace sdesk::model

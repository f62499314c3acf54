#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>

namespace sdesk::model {

// What kind of record a ticket is (ITIL record types).
enum class Kind { incident, request, change, problem };

// Where a ticket is in its life: the statuses of every record type in one
// enum, so a name means one thing in every type, store and filter; which of
// them a type uses, and how it moves between them, is its description's
// (lib/model/record_type.hpp). Every check asks the type, never this list.
// `pending` means waiting on someone outside the desk (user, vendor).
enum class Status {
  new_, assigned, in_progress, pending, resolved, closed, // incident, request (new, resolved, closed: problem)
  investigating, known_error,                             // problem
  requested, assessed, approved, rejected, scheduled, implementing, review, cancelled, // change
};

// Impact and urgency, ITIL-style; 1 is the most severe.
enum class Level { high = 1, medium = 2, low = 3 };

inline constexpr std::array k_kinds{Kind::incident, Kind::request, Kind::change, Kind::problem};
inline constexpr std::array k_statuses{
  Status::new_,         Status::assigned,  Status::in_progress, Status::pending,   Status::resolved,
  Status::closed,       Status::investigating, Status::known_error, Status::requested,
  Status::assessed,     Status::approved,  Status::rejected,    Status::scheduled, Status::implementing,
  Status::review,       Status::cancelled};
inline constexpr std::array k_levels{Level::high, Level::medium, Level::low};

// Names as stored, shown and accepted: "incident", "in_progress", "high".
std::string_view to_string(Kind kind);
std::string_view to_string(Status status);
std::string_view to_string(Level level);

// Parse a name (case-insensitive; "in-progress" and "in progress" are also
// accepted for statuses; levels also accept 1, 2, 3). Throw Error(usage)
// naming `what` and listing the accepted names.
Kind parse_kind(std::string_view text, std::string_view what = "kind");
Status parse_status(std::string_view text, std::string_view what = "status");
// The same, accepting only `accepted` (e.g. the statuses of one record type).
Status parse_status(std::string_view text, std::string_view what, std::span<const Status> accepted);
Level parse_level(std::string_view text, std::string_view what);

// Priority 1 is the most urgent; shown as "P1".
std::string format_priority(int priority);

// Parses "P2", "p2" or "2"; throws Error(usage) when outside 1..`lowest`.
int parse_priority(std::string_view text, int lowest, std::string_view what = "--priority");

} // namespace sdesk::model

#pragma once

// What problem management reads beyond single tickets (issue 9): the open
// known errors of a service and category, the groups of recurring
// incidents no problem covers yet, and the problem figures of a report.
// A Backend hands it out (backend.hpp); every method reads in the current
// transaction of the backend's tickets() and throws Error(store) when the
// backend fails.

#include "lib/model/ticket.hpp"
#include "lib/store/query.hpp"
#include "lib/store/report_source.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sdesk::store {

// An open known error: a problem in status known_error.
struct KnownError {
  model::TicketId id = 0;
  std::string title;
  std::optional<std::string> workaround;
};

// A field incidents are grouped by for problem candidates.
enum class CandidateKey { category, service, group, priority };

// Which incidents to group: created in [from, to] (Unix seconds), grouped
// by `by` (in that order; an incident without a value for one of them is
// in no group), groups of at least `min` incidents.
struct CandidateQuery {
  std::int64_t from = 0;
  std::int64_t to = 0;
  std::vector<CandidateKey> by;
  std::int64_t min = 1;
};

// One group of recurring incidents none of which is linked to a problem.
struct CandidateGroup {
  std::vector<std::string> keys; // the values of CandidateQuery::by, in its order (priority as "3")
  std::int64_t count = 0;
  std::int64_t first = 0; // the earliest creation time, Unix seconds
  std::int64_t last = 0;  // the latest
  std::vector<model::TicketId> ids; // ascending
};

// A problem as a report reads it: times in Unix seconds; `known_error` is
// its first move to known_error.
struct ProblemRecord {
  model::TicketId id = 0;
  std::int64_t created = 0;
  std::optional<std::int64_t> known_error;
  std::optional<std::int64_t> resolved;
};

// One link action that made an incident caused-by a problem.
struct ProblemLinkEvent {
  model::TicketId problem = 0;
  model::TicketId incident = 0;
  std::int64_t at = 0;
};

class ProblemStore {
public:
  virtual ~ProblemStore() = default;

  // The problems in status known_error whose service is `service` and whose
  // category is `category` (both given), by id. Reads an index of known
  // errors alone (cheap enough for every `open` of an incident).
  virtual std::vector<KnownError> known_errors(const std::string& service,
                                               const std::string& category) = 0;

  // The groups of incidents of `query` that no link joins to a problem (of
  // any link type, either end), largest first, then by first time. Throws
  // Error(usage) for an empty `by`.
  virtual std::vector<CandidateGroup> candidates(const CandidateQuery& query) = 0;

  // For a report over `window`: calls `problem` for every problem matching
  // `filter` (its kinds are ignored; its sort and limit too) created before
  // the window's end, and `link` for every link action inside the window
  // that made an incident caused-by such a problem (an unlink later does
  // not take it back). Order unspecified.
  virtual void problem_report(const ReportWindow& window, const TicketQuery& filter,
                              const std::function<void(const ProblemRecord&)>& problem,
                              const std::function<void(const ProblemLinkEvent&)>& link) = 0;
};

} // namespace sdesk::store

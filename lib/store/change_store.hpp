#pragma once

// What change management reads beyond single tickets (issue 9): the change
// figures of a report. A Backend hands it out (backend.hpp); every method
// reads in the current transaction of the backend's tickets() and throws
// Error(store) when the backend fails.

#include "lib/model/ticket.hpp"
#include "lib/store/query.hpp"
#include "lib/store/report_source.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace sdesk::store {

// A change as a report reads it: times in Unix seconds; `approved`,
// `rejected` and `implementing` are its first history rows moving its
// status to that status (an opening row included: a standard change opens
// approved); `emergency` is its change_type.
struct ChangeRecord {
  model::TicketId id = 0;
  std::int64_t created = 0;
  bool emergency = false;
  std::optional<std::int64_t> approved;
  std::optional<std::int64_t> rejected;
  std::optional<std::int64_t> implementing;
};

// One `review` action on a change and the outcome its data records.
struct ChangeReviewEvent {
  model::TicketId change = 0;
  std::int64_t at = 0;
  std::string outcome;
};

// One link action that made an incident caused-by a change.
struct ChangeLinkEvent {
  model::TicketId change = 0;
  model::TicketId incident = 0;
  std::int64_t at = 0;
};

class ChangeStore {
public:
  virtual ~ChangeStore() = default;

  // For a report over `window`: calls `change` for every change matching
  // `filter` (its kinds are ignored; its sort and limit too) created before
  // the window's end; `review` for every review action inside the window on
  // such a change (oldest first); and `link` for every link action inside
  // the window that made an incident caused-by such a change (an unlink
  // later does not take it back). Order otherwise unspecified.
  virtual void change_report(const ReportWindow& window, const TicketQuery& filter,
                             const std::function<void(const ChangeRecord&)>& change,
                             const std::function<void(const ChangeReviewEvent&)>& review,
                             const std::function<void(const ChangeLinkEvent&)>& link) = 0;
};

} // namespace sdesk::store

#pragma once

// What `sdesk report` reads from a store, and nothing more: the tickets that
// matter to a period and the reopen/escalation actions inside it, streamed
// so that memory does not grow with the store.

#include "lib/store/query.hpp"
#include "lib/store/ticket_store.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace sdesk::store {

// The attributes a report groups by, as stored.
struct ReportKeys {
  int priority = 0;
  std::string kind; // "incident", ...
  std::optional<std::string> group;
  std::optional<std::string> assignee;
  std::optional<std::string> category;
  std::optional<std::string> service;
};

// One ticket's times, as Unix seconds (UTC).
struct ReportTicket {
  std::int64_t id = 0;
  ReportKeys keys;
  std::int64_t created = 0;
  std::optional<std::int64_t> first_response;
  std::optional<std::int64_t> resolved;
  std::optional<std::int64_t> closed;
  std::optional<std::int64_t> response_due;
  std::optional<std::int64_t> resolution_due;
  std::optional<std::int64_t> response_business;   // seconds
  std::optional<std::int64_t> resolution_business; // seconds
};

// A counted action in the history.
enum class ReportAction { reopen, escalate };

// One reopen or escalation (functional or hierarchical), with the keys of
// its ticket as it is now.
struct ReportEvent {
  std::int64_t ticket_id = 0;
  std::int64_t at = 0;
  ReportAction action = ReportAction::reopen;
  ReportKeys keys;
};

// The [from, to) window a report reads, Unix seconds.
struct ReportWindow {
  std::int64_t from = 0;
  std::int64_t to = 0;
};

// Reads report inputs from a store; a Backend hands it out (backend.hpp).
// Call inside a read transaction so both streams see the same snapshot.
class ReportSource {
public:
  virtual ~ReportSource() = default;

  // Calls `visit` once for every ticket matching `filter` (its sort and
  // limit are ignored) that is relevant to `window`: created, first
  // responded to, resolved or closed inside it, or open at its start
  // (created before it and neither resolved nor closed before it). Every
  // ticket open at any instant of the window is among them. Order is
  // unspecified.
  virtual void tickets(const ReportWindow& window, const TicketQuery& filter,
                       const std::function<void(const ReportTicket&)>& visit) = 0;

  // Calls `visit` once per reopen and per escalation action (several
  // history rows written by one action count once; two actions count
  // twice, even on one ticket in the same second) with `at` inside
  // `window`, for tickets matching `filter`.
  virtual void events(const ReportWindow& window, const TicketQuery& filter,
                      const std::function<void(const ReportEvent&)>& visit) = 0;

  // The time of the latest change to any ticket in the store (the largest
  // `updated`, Unix seconds), or nothing for an empty store: what a report
  // is "as of", the same whenever it is run on the same store.
  virtual std::optional<std::int64_t> latest_change() = 0;
};

} // namespace sdesk::store

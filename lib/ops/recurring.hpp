#pragma once

// Recurring tickets ([recurring.NAME]): when each is due, and opening the
// due ones exactly once (docs/sdesk-recurring.md). An occurrence's ticket
// carries the ref "recurring:NAME@<occurrence in UTC>" (occurrence_ref):
// the ref is unique in the store, so it is both the record of which
// occurrence opened which ticket and what makes a second tick open nothing.

#include "lib/config/config.hpp"
#include "lib/model/ticket.hpp"
#include "lib/ops/context.hpp"
#include "lib/util/time_zone.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sdesk::ops {

// The zone `r`'s schedule is read in: its timezone, else report.timezone,
// else the process's local zone. Throws Error(config) for a
// report.timezone the tz database does not have.
util::TimeZone recurring_zone(const config::Config& config, const config::RecurringTicket& r);

// The ref of the ticket occurrence `at` of `name` opens:
// "recurring:backup-restore@2026-12-01T08:00:00Z".
std::string occurrence_ref(std::string_view name, util::Time at);

// One recurring ticket as `sdesk recurring list` shows it.
struct RecurringStatus {
  const config::RecurringTicket* recurring = nullptr;
  util::TimeZone zone;
  std::optional<util::Time> next;             // the first occurrence after now
  std::optional<util::Time> last;             // the last occurrence at or before now
  std::optional<model::TicketId> last_ticket; // the ticket `last` opened, if any
};

// Every configured recurring ticket (by name) with its next and last
// occurrence at ctx.now, in one read transaction. Throws as recurring_zone.
std::vector<RecurringStatus> recurring_status(Context& ctx);

// One ticket open_due_recurring opened.
struct RecurringOpened {
  std::string name;
  util::Time occurrence;
  util::TimeZone zone; // the schedule's, to show the occurrence in
  model::Ticket ticket;
};

// Opens the due occurrences of every recurring ticket: of the last
// `catch_up` occurrences at or before ctx.now, each that has no ticket yet
// (none with its occurrence_ref) is opened through the write path, the
// oldest first, as ctx.actor. Older missed occurrences are not opened.
// Whether anything is due is decided in a read transaction (no write lock
// when nothing is); the openings are one write transaction that looks
// again, so two concurrent calls open each occurrence once. With no
// recurring tickets configured, touches no store. Throws as open_ticket
// (a configured value the store refuses) and as recurring_zone; nothing is
// written then.
std::vector<RecurringOpened> open_due_recurring(Context& ctx);

} // namespace sdesk::ops

#pragma once

// Telling users about outages and changes (docs/sdesk-announce.md): an
// announcement is recorded and mailed to every subscriber of its service
// (lib/ops/subscription.hpp), one message per subscriber so that no one
// sees another's address, through the outgoing mail queue; `sdesk tick`
// or `sdesk mail flush` deliver it.

#include "lib/ops/context.hpp"
#include "lib/store/announcement_store.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace sdesk::ops {

// How long an announcement without a window counts as current
// (`announce list --current`).
inline constexpr std::chrono::hours k_announcement_recent{24};

// What to announce.
struct AnnounceRequest {
  std::string service;
  std::string subject;
  std::string body;               // may be empty
  std::optional<util::Time> from; // the window [from, to): both or neither
  std::optional<util::Time> to;
};

// What announce did.
struct Announced {
  store::Announcement announcement;
  std::vector<std::string> recipients; // the addresses mailed, sorted
};

// Checks `request`: the service (ops::require_service, as --service), a
// one-line subject (--subject) and a body within the limits, a window with
// both ends and its end after its start (--from, --to). Throws
// Error(usage) naming the option.
void check_announcement(const config::Config& config, const AnnounceRequest& request);

// Records the announcement and queues one message per subscriber, in one
// write transaction. Throws Error(usage) as check_announcement;
// Error(refused) when the service has no subscribers (nothing is
// recorded); Error(store).
Announced announce(Context& ctx, const AnnounceRequest& request);

// The same inside a write transaction the caller holds; `change` is the
// change it announces (change schedule --announce).
Announced announce_in_transaction(Context& ctx, const AnnounceRequest& request,
                                  std::optional<model::TicketId> change);

// The announcements, oldest first; `current`: those whose window contains
// ctx.now, and those without a window made in the last
// k_announcement_recent.
std::vector<store::Announcement> list_announcements(Context& ctx, bool current);

// The text of the message to `recipient` (UTF-8, LF line ends): the body,
// then the service, the window and the change, then why the recipient
// gets it and how to stop it (write to `desk_address`).
std::string announcement_text(const store::Announcement& a, const std::string& recipient,
                              const std::optional<std::string>& desk_address);

} // namespace sdesk::ops

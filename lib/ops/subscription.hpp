#pragma once

// Who hears of a service's outages and changes (docs/sdesk-subscribe.md):
// the addresses of [services.NAME] subscribers in the configuration plus
// those `sdesk subscribe` stored. `sdesk announce` mails them
// (lib/ops/announce.hpp).

#include "lib/ops/context.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sdesk::ops {

// One subscriber of one service, and where it comes from.
struct Subscriber {
  std::string service;
  std::string address;             // lower case
  bool configured = false;         // from [services.NAME] subscribers
  bool stored = false;             // from `sdesk subscribe` (both may hold)
  std::optional<util::Time> added; // when stored
  std::optional<std::string> added_by;
};

// Checks a service name given as `what` (--service, SERVICE): one line of
// short text, listed in desk.services when that is set. Throws
// Error(usage) naming `what` and the accepted services.
void require_service(const config::Config& config, std::string_view service, std::string_view what);

// An address as subscriptions store it (lower case), or Error(usage)
// naming `what`, the address and what is accepted (util::address_problem).
std::string require_address(std::string_view address, std::string_view what);

// What subscribe_addresses did.
struct SubscribeResult {
  std::vector<std::string> changed;     // subscribed (or unsubscribed) now
  std::vector<std::string> unchanged;   // were already (or were not)
  std::vector<std::string> subscribers; // the service's addresses afterwards
};

// Subscribes (`add`) or unsubscribes each of `addresses` to `service` in
// the store, in one write transaction. Throws Error(usage) for a bad
// service or address, Error(refused) to unsubscribe an address the
// configuration subscribes (it is removed there, not here), before
// anything is written; Error(store).
SubscribeResult subscribe_addresses(Context& ctx, const std::string& service,
                                    const std::vector<std::string>& addresses, bool add);

// The subscribers of `service` (every service when nothing), from the
// configuration and the store, one entry per service and address, sorted by
// service and address. Reads in the caller's transaction (or its own
// statements).
std::vector<Subscriber> list_subscribers(Context& ctx, const std::optional<std::string>& service);

// The distinct addresses subscribed to `service`, sorted.
std::vector<std::string> subscriber_addresses(Context& ctx, const std::string& service);

} // namespace sdesk::ops

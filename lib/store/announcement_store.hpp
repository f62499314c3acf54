#pragma once

// Telling users about outages and changes (docs/sdesk-announce.md,
// docs/sdesk-subscribe.md): the addresses subscribed to a service's
// announcements in the store (`sdesk subscribe`; the configuration's
// [services.NAME] subscribers are not stored), and every announcement
// made. Written in the backend's transactions (Backend::announcements()).

#include "lib/model/ticket.hpp"
#include "lib/util/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::store {

// One stored subscription.
struct Subscription {
  std::string service;
  std::string address; // lower case
  util::Time added{};
  std::string added_by; // the actor
};

// One announcement as recorded.
struct Announcement {
  std::int64_t id = 0; // grows with each announcement
  std::string service;
  std::string subject;
  std::string body;
  std::optional<util::Time> from; // the window [from, to), both or neither
  std::optional<util::Time> to;
  std::optional<model::TicketId> change; // the change it announces (change schedule --announce)
  util::Time created{};
  std::string created_by; // the actor
  std::int64_t recipients = 0; // messages queued, one per subscriber
};

// Which announcements to list.
struct AnnouncementQuery {
  // When set: only those whose window contains this instant, and those
  // without a window made from `recent_since` up to this instant.
  std::optional<util::Time> current_at;
  util::Time recent_since{};
};

// Reads and writes subscriptions and announcements, in the current
// transaction of the backend's ticket store.
class AnnouncementStore {
public:
  AnnouncementStore() = default;
  AnnouncementStore(const AnnouncementStore&) = delete;
  AnnouncementStore& operator=(const AnnouncementStore&) = delete;
  virtual ~AnnouncementStore() = default;

  // Subscribes `address` to `service`; false when it was already.
  // Throws Error(store).
  virtual bool add_subscriber(std::string_view service, std::string_view address, util::Time at,
                              std::string_view by) = 0;

  // Removes the subscription; false when there was none. Throws Error(store).
  virtual bool remove_subscriber(std::string_view service, std::string_view address) = 0;

  // The stored subscriptions of `service` (all services when nothing),
  // sorted by service and address (bytes). Throws Error(store).
  virtual std::vector<Subscription> subscribers(const std::optional<std::string>& service) = 0;

  // Records `a` (its id is ignored) and returns its id. Throws
  // Error(store), also when its change names no ticket.
  virtual std::int64_t add_announcement(const Announcement& a) = 0;

  // The announcements `query` selects, oldest first. Throws Error(store).
  virtual std::vector<Announcement> announcements(const AnnouncementQuery& query) = 0;
};

} // namespace sdesk::store

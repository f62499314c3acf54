#pragma once

// Deliveries of outbox rows to their consumers (post-commit hooks today,
// e-mail notifications later): one row per (consumer, outbox row), with
// its attempts, when it is next due, when it was done and the last error
// (table `delivery`, migration 16). The outbox rows stay as they are; a
// consumer names itself ("hook:NAME", "mail") and adds its rows in the
// transaction that queues the outbox rows, so that nothing is lost between
// the commit and the delivery (at-least-once).

#include "lib/model/outbox.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::store {

// One delivery of one outbox row to one consumer.
struct Delivery {
  model::OutboxEntry entry; // the outbox row (its event_id is the key)
  std::string consumer;
  std::int64_t attempts = 0;    // failed attempts so far
  model::Time next_attempt{};   // due from then on, while not done
  std::optional<model::Time> done;
  std::optional<std::string> last_error;
};

// Reads and writes deliveries, in the current transaction of the backend's
// ticket store (Backend::deliveries()).
class DeliveryStore {
public:
  DeliveryStore() = default;
  DeliveryStore(const DeliveryStore&) = delete;
  DeliveryStore& operator=(const DeliveryStore&) = delete;
  virtual ~DeliveryStore() = default;

  // Adds a pending delivery of each outbox row `event_ids` to each of
  // `consumers`, due at `at`; a pair already there is left as it is.
  // Throws Error(store), also for an event id that is not in the outbox.
  virtual void add(std::span<const std::int64_t> event_ids, std::span<const std::string> consumers,
                   model::Time at) = 0;

  // The pending deliveries due at `now` (not done, next_attempt <= now)
  // to the consumers whose name starts with `consumer_prefix` ("hook:",
  // "mail"; "" for all), by outbox row then consumer, at most `limit`: so
  // that one consumer's backlog never hides another's due rows. Throws
  // Error(store).
  virtual std::vector<Delivery> due(model::Time now, std::size_t limit, std::string_view consumer_prefix) = 0;

  // Takes the pending delivery (`consumer`, `event_id`) if it is due at
  // `now`, by moving its next attempt to `until` (so that a second process
  // does not take it meanwhile); false when it is not due, done or absent.
  // Throws Error(store).
  virtual bool claim(const std::string& consumer, std::int64_t event_id, model::Time now,
                     model::Time until) = 0;

  // Records that the delivery was done at `at`. Throws Error(store).
  virtual void succeeded(const std::string& consumer, std::int64_t event_id, model::Time at) = 0;

  // Records a failed attempt: one more attempt, `error`, next due at
  // `next`. Throws Error(store).
  virtual void failed(const std::string& consumer, std::int64_t event_id, model::Time next,
                      const std::string& error) = 0;

  // Calls `visit` for each delivery of outbox row `event_id`, by consumer.
  // Throws Error(store).
  virtual void for_each_of(std::int64_t event_id, const std::function<void(const Delivery&)>& visit) = 0;
};

} // namespace sdesk::store

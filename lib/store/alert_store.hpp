#pragma once

// The state of monitoring event keys (docs/sdesk-event.md): one row per
// (source, key), written in the backend's transactions (Backend::alerts()).

#include "lib/model/alert.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sdesk::store {

// Which keys AlertStore::for_each visits.
struct AlertQuery {
  bool open_only = false;     // keys whose ticket is open (state firing)
  bool flapping_only = false; // keys that flap
  bool expiring = false;      // keys that flap or are in downtime (any of both)
};

// Reads and writes event keys, in the current transaction of the backend's
// ticket store.
class AlertStore {
public:
  AlertStore() = default;
  AlertStore(const AlertStore&) = delete;
  AlertStore& operator=(const AlertStore&) = delete;
  virtual ~AlertStore() = default;

  // The stored state of (`source`, `key`), or nothing. Throws Error(store).
  virtual std::optional<model::AlertKey> find(const std::string& source, const std::string& key) = 0;

  // Stores `key` (its source and key name the row), replacing a stored
  // state. Throws Error(store) when the store cannot write it, or when its
  // ticket_id names no ticket.
  virtual void put(const model::AlertKey& key) = 0;

  // Appends `event` to its key's history. Throws Error(store) when the
  // store cannot write it, or when its ticket_id names no ticket.
  virtual void append_event(const model::AlertEvent& event) = 0;

  // The history of (`source`, `key`), oldest first (empty for an unknown
  // key). Throws Error(store).
  virtual std::vector<model::AlertEvent> events(const std::string& source, const std::string& key) = 0;

  // Calls `visit` for every key `query` selects, by source then key (bytes).
  // Throws Error(store).
  virtual void for_each(const AlertQuery& query,
                        const std::function<void(const model::AlertKey&)>& visit) = 0;
};

} // namespace sdesk::store

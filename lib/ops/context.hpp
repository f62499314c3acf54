#pragma once

#include "lib/config/config.hpp"
#include "lib/store/backend.hpp"
#include "lib/store/ticket_store.hpp"
#include "lib/util/time.hpp"

#include <string>

namespace sdesk::ops {

class WriteHooks; // lib/ops/hooks.hpp

// What every use case needs: where tickets live, the configuration, the
// instant the command runs at (fixed by --now in tests) and who acts;
// `backend` hands out the other stores of the same connection (problems()),
// `store` is its tickets(); `hooks` are the site's hooks, which the write
// path runs (nothing: none, or --no-hooks).
struct Context {
  store::TicketStore& store;
  const config::Config& config;
  util::Time now;
  std::string actor;
  store::Backend& backend;
  WriteHooks* hooks; // no default: every Context names it (-Wmissing-field-initializers)
  // Whether `now` is the clock's (not --now or SDESK_NOW): then a change
  // that waited for another writer of its ticket acts at the time it got its
  // turn (apply_change), not before the change it waited for.
  bool clock;
};

} // namespace sdesk::ops

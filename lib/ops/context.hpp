#pragma once

#include "lib/config/config.hpp"
#include "lib/store/backend.hpp"
#include "lib/store/ticket_store.hpp"
#include "lib/util/time.hpp"

#include <string>

namespace sdesk::ops {

// What every use case needs: where tickets live, the configuration, the
// instant the command runs at (fixed by --now in tests) and who acts;
// `backend` hands out the other stores of the same connection (problems()),
// `store` is its tickets().
struct Context {
  store::TicketStore& store;
  const config::Config& config;
  util::Time now;
  std::string actor;
  store::Backend& backend;
};

} // namespace sdesk::ops

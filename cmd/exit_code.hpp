#pragma once

#include "lib/util/error.hpp"

namespace sdesk::cmd {

// The documented exit codes (docs/exit-codes.md). Scripts may rely on them.
enum ExitCode : int {
  k_exit_ok = 0,
  k_exit_check_failed = 1, // `sdesk verify`: a stored ticket breaks an invariant
  k_exit_usage = 2,
  k_exit_not_found = 3,
  k_exit_refused = 4,
  k_exit_store = 5,
  k_exit_config = 6,
  k_exit_data = 65,     // `sdesk event alertmanager`: a malformed payload (nothing stored)
  k_exit_internal = 70,
  k_exit_io = 74,
  k_exit_tempfail = 75, // `sdesk event`: the store is busy; the sender should retry
};

// An error the command wants to end with `code` rather than its kind's
// (`sdesk event` ends a busy store with 75, so that senders retry).
class ExitError : public Error {
public:
  ExitError(const Error& error, int code)
    : Error(error.kind(), error.what()),
      m_code(code)
  {
  }
  int code() const noexcept { return m_code; }

private:
  int m_code;
};

inline int exit_code(ErrorKind kind)
{
  switch (kind) {
  case ErrorKind::usage: return k_exit_usage;
  case ErrorKind::not_found: return k_exit_not_found;
  case ErrorKind::refused: return k_exit_refused;
  case ErrorKind::store: return k_exit_store;
  case ErrorKind::config: return k_exit_config;
  case ErrorKind::io: return k_exit_io;
  case ErrorKind::internal: return k_exit_internal;
  }
  return k_exit_internal;
}

} // namespace sdesk::cmd

#pragma once

#include <stdexcept>
#include <string>

namespace sdesk {

// What went wrong, as far as the caller (and the exit code) is concerned.
// Each kind maps to one documented exit code in cmd/exit_code.hpp.
enum class ErrorKind {
  usage,     // bad input: unknown field, bad date, bad value (exit 2)
  not_found, // the ticket, group, agent... named does not exist (exit 3)
  refused,   // a domain rule refused the action: invalid transition (exit 4)
  store,     // store missing, locked, corrupt or too new (exit 5)
  config,    // bad TOML, unknown key, wrong type, undefined reference (exit 6)
  io,        // reading input or writing output failed (exit 74)
  internal,  // a bug (exit 70)
};

// The only exception type sdesk throws. `what()` is a complete one-line
// message without the "sdesk: error: " prefix; it names what was wrong and,
// where there is a finite set, what is accepted.
class Error : public std::runtime_error {
public:
  Error(ErrorKind kind, const std::string& message)
    : std::runtime_error(message),
      m_kind(kind)
  {
  }

  ErrorKind kind() const noexcept { return m_kind; }

private:
  ErrorKind m_kind;
};

// Error(store) for a store that stayed locked by another process longer than
// store.busy_timeout: temporary, so `sdesk event` exits 75 for it (its sender
// retries) where every other command exits 5.
class StoreBusy : public Error {
public:
  explicit StoreBusy(const std::string& message)
    : Error(ErrorKind::store, message)
  {
  }
};

} // namespace sdesk

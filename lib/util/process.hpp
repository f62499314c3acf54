#pragma once

// Runs one program (a hook, the sendmail command): no shell, its input on
// standard input, its standard output and error collected, killed when it
// runs too long. Moved here from lib/hooks when mail out needed it too.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::util {

// How a run ended.
struct RunResult {
  int exit_code = -1;      // the exit status; -1 when killed by a signal
  bool timed_out = false;  // killed after the timeout
  std::string out;         // standard output (at most k_max_output bytes)
  std::string err;         // standard error (likewise)
};

// The most of each output stream that is kept; the rest is read and
// dropped.
inline constexpr std::size_t k_max_output = 1 << 20;

// Runs `path` (no arguments but its name, no shell) with `input` on its
// standard input and the environment of this process plus `extra_env`
// ("NAME=value", replacing a variable of the same name), in a process
// group of its own; kills the group (SIGKILL) after `timeout`. A hook that
// does not read its input is not an error (SIGPIPE is kept from this
// process while it runs). Throws Error(io) when it cannot be started
// (posix_spawn, pipe).
RunResult run_process(const std::string& path, const std::string& input,
                      const std::vector<std::string>& extra_env, std::chrono::milliseconds timeout);

// As above, with arguments: `argv[0]` is the program (a path; no search of
// PATH), the rest its arguments. `what` names it in the error when it
// cannot be started ("cannot run WHAT 'PATH': ..."). Throws Error(usage)
// for an empty `argv`.
RunResult run_process(const std::vector<std::string>& argv, const std::string& input,
                      const std::vector<std::string>& extra_env, std::chrono::milliseconds timeout,
                      std::string_view what);

} // namespace sdesk::util

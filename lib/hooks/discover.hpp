#pragma once

// Finding the hooks: executables in `<event>.d/` under each hooks
// directory (the system's, the user's, the configured one).

#include <string>
#include <string_view>
#include <vector>

namespace sdesk::hooks {

// The events a hook may be installed for, in the order they happen.
inline constexpr std::string_view k_events[] = {"pre-open", "pre-change", "post-commit"};

// One hook that runs.
struct Hook {
  std::string event; // "pre-open", "pre-change" or "post-commit"
  std::string name;  // its file name: the order it runs in, its consumer name
  std::string path;  // where it is
};

// A file or directory that looks like a hook but does not run, and why.
struct Ignored {
  std::string path;
  std::string reason; // "not executable", "unknown event name 'x' (accepted: ...)", ...
};

// The hooks found, and what was left out.
struct Found {
  std::vector<Hook> hooks;       // by event (k_events order), then name
  std::vector<Ignored> ignored;  // by path
};

// Looks in each directory of `dirs` (in order; a missing one is skipped)
// for `<event>.d/` directories and their files. A hook's name is its file
// name; the hooks of one event run in name order (bytes) whatever
// directory they are in, and a name found in a later directory replaces
// the same name in an earlier one (the user's or the configured directory
// overrides the system's). Left out, with the reason: a file that is not
// executable, a `*.d` directory whose event is unknown, a hidden file or
// one ending in '~' (an editor's backup), anything that is not a regular
// file. Never throws: an unreadable directory is an Ignored entry.
Found discover(const std::vector<std::string>& dirs);

// The hooks of `found` for `event`, in the order they run.
std::vector<const Hook*> hooks_for(const Found& found, std::string_view event);

} // namespace sdesk::hooks

#pragma once

// Shell completion: `sdesk __complete -- WORD... CURRENT` prints the
// candidates for CURRENT, the word being completed, given the words before
// it (docs/completion.md). Commands and options come from the CLI11
// definition itself; the values an option or positional takes are named
// where it is defined, with `offer`, or follow from its type name (GROUP,
// AGENT, KIND, LEVEL, STATUS, P, CODE, FILE, PATH, TYPE) or, for a
// positional, its name ("id": an open ticket id). So a new command
// completes with no change to the shell scripts.

#include "cmd/command.hpp"

#include <span>
#include <string>
#include <vector>

namespace CLI {
class Option;
}

namespace sdesk::cmd {

// What `sdesk __complete` offers as an option's (or positional's) value.
enum class Values {
  none,          // free text: nothing
  files,         // file names (the shell completes them)
  tickets,       // ids of open tickets in the store
  groups,        // [groups.NAME]
  agents,        // [agents.NAME]
  categories,    // desk.categories
  services,      // desk.services
  codes,         // desk.resolution_codes
  kinds,         // incident, request, change, problem
  levels,        // high, medium, low
  statuses,      // every status of every record type
  priorities,    // P1 .. the lowest of the priority matrix
  link_types,    // caused-by, causes, ...
  sort_fields,   // list --sort (each may start with - or +)
  report_fields, // report --by
};

// Tags `option` so that `sdesk __complete` offers `values` for it; returns
// `option`. The tag is a CLI11 validator that accepts everything and shows
// nothing in --help.
CLI::Option* offer(CLI::Option* option, Values values);

// The same with a fixed list of words (e.g. the formats an option accepts).
CLI::Option* offer(CLI::Option* option, const std::vector<std::string>& words);

// Prints the candidates for the last of `words` (the words after `sdesk`,
// the last one being completed, possibly empty) to standard output, one a
// line: "word" or "word<TAB>description"; a line ":files" asks the shell
// to complete file names as well. `app` has every command registered.
// Reads the configuration and (read-only) the store named by --db/--config
// among `words` or the environment; a configuration or store that cannot be
// read gives no candidates of its own. Never throws; returns 0.
int complete(CLI::App& app, std::span<const std::string> words);

} // namespace sdesk::cmd

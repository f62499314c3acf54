#pragma once

#include "cmd/optional_option.hpp"
#include "cmd/output.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace sdesk::cmd {

// How a command that changes a ticket reports the result.
struct ResultFlags {
  bool json = false;  // the ticket as JSON
  bool quiet = false; // the id alone
};

// Adds --json and -q/--quiet to `sub`: in a lean parse of `invocation`,
// only those its command line names (add_optional_flag).
inline void add_result_flags(CLI::App* sub, ResultFlags& flags, const Invocation& invocation)
{
  add_optional_flag(sub, invocation, "--json", flags.json, "Print the ticket as JSON");
  add_optional_flag(sub, invocation, "-q,--quiet", flags.quiet, "Print only the ticket id");
}

// Both flags, always.
inline void add_result_flags(CLI::App* sub, ResultFlags& flags)
{
  add_result_flags(sub, flags, Invocation{});
}

// Prints `ticket` as `flags` ask: JSON, the id alone, or a one-line summary.
inline int print_result(Output& out, const model::Ticket& ticket, const ResultFlags& flags)
{
  if (flags.json) {
    out.write(ticket_json(ticket));
  } else if (flags.quiet) {
    out.write(std::to_string(ticket.id) + "\n");
  } else {
    out.write(describe(ticket));
  }
  return 0;
}

// Keeps a command's parsed options alive until its run function is called.
template<typename Options>
std::shared_ptr<Options> make_options()
{
  return std::make_shared<Options>();
}

} // namespace sdesk::cmd

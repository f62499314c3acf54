#pragma once

// Registering the options that a lean parse may leave out (Invocation::wants):
// each costs about 15,000 instructions to register with CLI11, and most runs
// name two or three of a command's fifteen.

#include "cmd/command.hpp"

#include <CLI/CLI.hpp>

#include <string>

namespace sdesk::cmd {

// sub->add_option(names, value, help) with `type` as its type name, unless
// `invocation` is lean and its command line does not name the option: then
// nothing, and nullptr.
template<typename T>
CLI::Option* add_optional(CLI::App* sub, const Invocation& invocation, const std::string& names, T& value,
                          const std::string& help, const std::string& type)
{
  if (!invocation.wants(names)) {
    return nullptr;
  }
  return sub->add_option(names, value, help)->type_name(type);
}

// The same for a flag.
inline CLI::Option* add_optional_flag(CLI::App* sub, const Invocation& invocation, const std::string& names,
                                      bool& value, const std::string& help)
{
  return invocation.wants(names) ? sub->add_flag(names, value, help) : nullptr;
}

} // namespace sdesk::cmd

#include "cmd/command.hpp"

namespace sdesk::cmd {

namespace {

// Whether `word` names the option `name` ("--long" or "-x").
bool names_option(std::string_view word, std::string_view name)
{
  if (name.starts_with("--")) {
    return word == name || (word.starts_with(name) && word[name.size()] == '=');
  }
  // "-x", "-xVALUE" or a cluster ("-qx"): any letter may be the option's.
  // Counting a value's letters too only registers more than needed.
  return word.size() >= 2 && word[0] == '-' && word[1] != '-' &&
         word.find(name[1], 1) != std::string_view::npos;
}

} // namespace

bool Invocation::wants(std::string_view names) const
{
  if (!lean) {
    return true;
  }
  while (!names.empty()) {
    const auto comma = names.find(',');
    const std::string_view name = names.substr(0, comma);
    names.remove_prefix(comma == std::string_view::npos ? names.size() : comma + 1);
    if (!name.starts_with('-') || name.size() < 2) {
      return true; // a positional: never left out
    }
    for (const std::string_view word : words) {
      if (names_option(word, name)) {
        return true;
      }
    }
  }
  return false;
}

} // namespace sdesk::cmd

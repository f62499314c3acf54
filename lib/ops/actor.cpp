#include "lib/ops/actor.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <fmt/format.h>

namespace sdesk::ops {

namespace {

// A name given for the actor: every history event records it, so it must
// name someone, on one line (its encoding and size are checked with the
// events it is written in). Throws Error(usage) naming `source`.
void require_actor_name(std::string_view name, std::string_view source)
{
  constexpr std::string_view accepted = "(accepted: a user name on one line)";
  if (util::trim(name).empty()) {
    throw Error(ErrorKind::usage, fmt::format("{}: must not be empty {}", source, accepted));
  }
  if (name.find_first_of("\r\n") != std::string_view::npos) {
    throw Error(ErrorKind::usage, fmt::format("{}: must be a single line {}", source, accepted));
  }
}

} // namespace

Actor choose_actor(const std::optional<std::string>& requested, std::string_view source,
                   const std::string& login, const std::optional<store::ConnectedRole>& role)
{
  if (requested) {
    require_actor_name(*requested, source);
  }
  const auto always = [](bool fixed) { return [fixed] { return fixed; }; };
  if (!role) {
    return {requested.value_or(login), always(requested.has_value())};
  }
  if (!requested) { // the role: a default only for a role that acts for others
    return {role->name, [acts_for_others = role->acts_for_others] { return !acts_for_others(); }};
  }
  if (*requested == role->name) {
    return {role->name, always(true)};
  }
  if (role->acts_for_others()) {
    return {*requested, always(true)};
  }
  // On a server the history shows who really acted: the connected role.
  throw Error(ErrorKind::refused,
              fmt::format("{} {}: the connected role {} may act only as itself (a role that acts "
                          "for others is a member of sdesk_act_as: docs/postgresql.md)",
                          source, util::quote(*requested), util::quote(role->name)));
}

} // namespace sdesk::ops

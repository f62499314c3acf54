#include "lib/ops/actor.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <fmt/format.h>

namespace sdesk::ops {

Actor choose_actor(const std::optional<std::string>& requested, std::string_view source,
                   const std::string& login, const std::optional<store::ConnectedRole>& role)
{
  if (!role) {
    return {requested.value_or(login), requested.has_value()};
  }
  if (role->acts_for_others) {
    return {requested.value_or(role->name), requested.has_value()};
  }
  if (requested && *requested != role->name) {
    // On a server the history shows who really acted: the connected role.
    throw Error(ErrorKind::refused,
                fmt::format("{} {}: the connected role {} may act only as itself (a role that acts "
                            "for others is a member of sdesk_act_as: docs/postgresql.md)",
                            source, util::quote(*requested), util::quote(role->name)));
  }
  return {role->name, true};
}

} // namespace sdesk::ops

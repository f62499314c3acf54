#pragma once

// Who is recorded as acting: the one rule, for every command and backend.

#include "lib/store/backend.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace sdesk::ops {

// The actor a command records, and whether it was fixed (named, or set by
// the store's login) rather than the login-name default that `tick`
// replaces with its own name. `fixed` may ask the store (a role's rights),
// so only `tick` calls it.
struct Actor {
  std::string name;
  std::function<bool()> fixed;
};

// Decides the actor. `requested` is what --as or $SDESK_USER named (`source`
// says which, for the message), `login` the operating system's user name,
// `role` what the store says is connected (Backend::connected_role):
// - no role (a SQLite store): `requested`, else `login`;
// - a role that acts for others (member of sdesk_act_as, or of the store's
//   owner): `requested`, else the role;
// - any other role: the role itself; a `requested` name other than the
//   role's is refused, Error(refused) (exit 4).
// The role's rights are asked for only when `requested` names someone else,
// or when `fixed` is called. A `requested` name that is blank or more than
// one line is Error(usage), naming `source`.
Actor choose_actor(const std::optional<std::string>& requested, std::string_view source,
                   const std::string& login, const std::optional<store::ConnectedRole>& role);

} // namespace sdesk::ops

#pragma once

// The one syntax rule for a bare e-mail address that sdesk stores and
// mails to (a service's subscribers): LOCAL@DOMAIN, nothing a header could
// misread. Not RFC 5322's whole grammar: no display names, comments, quoted
// local parts or address literals, which subscribers never need.

#include <optional>
#include <string>
#include <string_view>

namespace sdesk::util {

// The longest address accepted, in bytes (RFC 5321's path limit less <>).
inline constexpr std::size_t k_max_address = 254;

// What is wrong with `address` as a bare address: empty, too long, not one
// '@' with text on both sides, white space, control characters or one of
// <>()[],;:"\ in it, a domain with an empty label; nothing when it is fine.
std::optional<std::string> address_problem(std::string_view address);

// `address` as stored and compared: lower case (ASCII). Check it first.
std::string normalise_address(std::string_view address);

} // namespace sdesk::util

#pragma once

// iCalendar (RFC 5545) text primitives: escaping of TEXT values, content
// line folding and UTC date-times. Used by `sdesk change calendar --format
// ics`; no sdesk knowledge.

#include "lib/util/time.hpp"

#include <string>
#include <string_view>

namespace sdesk::util {

// `text` as an RFC 5545 TEXT value (3.3.11): backslash, ';' and ',' escaped
// with a backslash, a line break (LF, CRLF or CR) as "\n"; other control
// characters (which TEXT does not allow) dropped.
std::string ics_escape(std::string_view text);

// The content line `line` (without its line break) folded at 75 octets
// (3.1): CRLF and one space before each continuation, never inside a UTF-8
// sequence; each line, the last included, ends with CRLF.
std::string ics_fold(std::string_view line);

// `t` as an RFC 5545 UTC date-time: "20261110T100000Z".
std::string ics_time(Time t);

} // namespace sdesk::util

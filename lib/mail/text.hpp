#pragma once

// Text helpers of the mail reader, with no MIME library: reply prefixes,
// HTML to text, charset conversion to UTF-8. Pure functions (tested in
// tests/unit/mail/text_test.cpp).

#include <string>
#include <string_view>

namespace sdesk::mail {

// `subject` without its reply and forward prefixes ("Re:", "RE[2]:",
// "AW:", "SV:", "Fwd:", "WG:", "TR:", ...), repeated ones too, and with its
// white space (tabs, line breaks of folding) collapsed to single spaces.
std::string strip_reply_prefixes(std::string_view subject);

// Whether `subject` starts with a forward prefix ("Fwd:", "FW:", "WG:",
// "TR:", "RV:", "ENC:", "VB:", "Doorst:"), after any reply prefixes.
bool is_forward(std::string_view subject);

// Readable text from `html`: tags dropped, script and style contents
// dropped, block elements (p, div, br, li, tr, h1..h6) as line breaks,
// character references decoded; at most one empty line in a row.
std::string html_to_text(std::string_view html);

// `bytes` as valid UTF-8: kept when they are, else each invalid byte
// replaced by U+FFFD.
std::string repair_utf8(std::string_view bytes);

// `text` with the C1 control characters U+0080..U+009F replaced by the
// Windows-1252 characters of the same byte values (a header declared
// ISO-8859-1 that is really Windows-1252: "=96" is an en dash); the five
// bytes Windows-1252 leaves undefined are dropped.
std::string c1_as_windows_1252(std::string_view text);

// `text` with CRLF and lone CR as LF, control characters other than tab and
// LF removed, trailing white space on the whole text trimmed.
std::string normalise_text(std::string_view text);

} // namespace sdesk::mail

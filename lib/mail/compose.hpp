#pragma once

// Writing one RFC 5322 message (mail out, docs/sdesk-mail.md): header
// values made safe and encoded (RFC 2047 for text that is not ASCII), the
// body as UTF-8 quoted-printable. Pure: no I/O, no GMime. Nothing a ticket
// says can start a header of its own: text goes through one_line() and
// compose() refuses a value that still holds CR or LF.

#include <string>
#include <string_view>
#include <vector>

namespace sdesk::mail {

// One header of an outgoing message. `value` is what goes after "Name: ",
// already encoded (printable ASCII, no CR or LF).
struct OutHeader {
  std::string name;
  std::string value;
};

// `text` on one line: CR, LF, tab and every other control character
// become a space, so that text from a ticket can never end a header and
// start another.
std::string one_line(std::string_view text);

// `text` (UTF-8) as unstructured header text: itself when it is printable
// ASCII, else RFC 2047 encoded words (=?UTF-8?B?...?=), none over 75
// characters and none splitting a character. Control characters become
// spaces first (one_line).
std::string encode_text(std::string_view text);

// Whether `address` is a plain addr-spec sdesk puts in a header:
// local@domain, printable ASCII without spaces, quotes, brackets, commas,
// semicolons, colons or backslashes, one '@' with something on each side.
bool is_plain_address(std::string_view address);

// "Display Name <address>" (the name encoded with encode_text, quoted when
// it has specials), or the address alone when `name` is empty. `address`
// must be plain (is_plain_address).
std::string format_mailbox(std::string_view name, std::string_view address);

// `text` (UTF-8, LF or CRLF line ends) as quoted-printable with LF line
// ends: lines of at most 76 characters.
std::string quoted_printable(std::string_view text);

// The whole message: `headers` in order (each folded at white space to
// lines of about 78 characters), then MIME-Version, Content-Type
// text/plain; charset=utf-8 and Content-Transfer-Encoding:
// quoted-printable, a blank line and `body` encoded. LF line ends (what
// `sendmail -t` reads). Throws Error(usage) for a header name that is not
// letters, digits and '-', or a value with CR, LF or a byte outside
// printable ASCII and tab.
std::string compose(const std::vector<OutHeader>& headers, std::string_view body);

} // namespace sdesk::mail

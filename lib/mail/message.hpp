#pragma once

// One e-mail message as sdesk reads it (docs/sdesk-mail.md): the headers
// that decide which ticket it belongs to and whether it is automatic, its
// text in UTF-8, and its attachments. parse_message() (reader.cpp) is the
// only code that knows GMime, which does the MIME work behind it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::mail {

// The header sdesk puts on every message it sends (mail out), naming the
// desk's address; mail that carries it is sdesk's own, or another sdesk's,
// and is never answered (a loop).
inline constexpr const char* k_loop_header = "X-Sdesk-Loop";

// A mailbox: "Ann Example <ann@example.org>".
struct Address {
  std::string name;    // the display name, decoded (may be empty)
  std::string address; // local@domain as written (compare with same_address)
};

// A part that is not the message's text: a file, an attached message.
struct Attachment {
  std::string name;         // decoded (RFC 2047/2231); never empty ("attachment-N")
  std::string content_type; // "application/pdf"
  std::string content;      // the decoded bytes
};

// What sdesk reads from one message.
struct Message {
  std::optional<Address> from;
  std::vector<Address> to;
  std::vector<Address> cc;
  std::string subject;                    // decoded, UTF-8, one line, without reply prefixes
  bool forwarded = false;                 // the subject started with a forward prefix (Fwd:)
  std::optional<std::string> message_id;  // without the angle brackets
  std::optional<std::string> in_reply_to; // the first id of In-Reply-To
  std::vector<std::string> references;    // oldest first
  std::optional<std::string> auto_submitted; // the header's value, lower case
  std::optional<std::string> precedence;     // the header's value, lower case
  std::optional<std::string> loop;           // k_loop_header's value, lower case
  // Return-Path: the address inside the brackets; "" for a null return
  // path ("<>"); nothing without the header.
  std::optional<std::string> return_path;
  std::string text;        // the text/plain part, else text made from the HTML; UTF-8
  bool text_from_html = false;
  std::vector<Attachment> attachments;
};

// Parses `raw`, one RFC 5322 message (CRLF or LF line ends). Lenient about
// the MIME structure as real mail needs (a part that cannot be decoded is
// skipped); every text is valid UTF-8 whatever the charsets declared.
// Throws Error(usage) "mail: ..." when `raw` is no message at all: no
// header, or no From address. Initialises GMime on its first call in a
// process.
Message parse_message(std::string_view raw);

// Whether two addresses name the same mailbox (the domain and, as mail
// systems treat it in practice, the local part compared without case).
bool same_address(std::string_view a, std::string_view b);

} // namespace sdesk::mail

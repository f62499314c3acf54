// libFuzzer target: one e-mail message (lib/mail, GMime underneath), as
// `sdesk mail receive` reads it. Besides crashes and sanitizer reports, a
// finding is any text that comes out as invalid UTF-8 or a subject or
// attachment name over more than one line.

#include "tests/fuzz/fuzz_support.hpp"

#include "lib/mail/message.hpp"
#include "lib/mail/text.hpp"
#include "lib/util/utf8.hpp"

#include <cstdlib>

namespace {

void require_utf8(std::string_view text, bool one_line)
{
  if (sdesk::util::find_invalid_utf8(text) || (one_line && text.find('\n') != std::string_view::npos)) {
    std::abort();
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text = sdesk::fuzz::text_of(data, size);
  try {
    const sdesk::mail::Message m = sdesk::mail::parse_message(text);
    require_utf8(m.subject, true);
    require_utf8(m.text, false);
    require_utf8(m.from->address, true);
    for (const auto& a : m.attachments) {
      require_utf8(a.name, true);
    }
  } catch (const sdesk::Error&) {
  }
  require_utf8(sdesk::mail::html_to_text(sdesk::mail::repair_utf8(text)), false);
  require_utf8(sdesk::mail::strip_reply_prefixes(sdesk::mail::repair_utf8(text)), true);
  return 0;
}

#include "lib/mail/text.hpp"

#include <doctest/doctest.h>

using namespace sdesk::mail;

TEST_SUITE("mail::text")
{
  TEST_CASE("reply and forward prefixes are stripped in the languages mail clients use")
  {
    CHECK(strip_reply_prefixes("Re: printer") == "printer");
    CHECK(strip_reply_prefixes("RE: AW: Re: printer") == "printer");
    CHECK(strip_reply_prefixes("RE[2]: printer") == "printer");
    CHECK(strip_reply_prefixes("AW: WG: SV: Fwd: FW: TR: printer") == "printer");
    CHECK(strip_reply_prefixes("Aw : printer") == "printer");
    CHECK(strip_reply_prefixes("  Re:\r\n  printer   on fire ") == "printer on fire");
    CHECK(strip_reply_prefixes("Reset: password") == "Reset: password"); // not a prefix
    CHECK(strip_reply_prefixes("Re: ") == "");
    CHECK(strip_reply_prefixes("RE[x]: a") == "RE[x]: a");
  }

  TEST_CASE("a forward is told by its first prefix that is a forward one")
  {
    CHECK(is_forward("Fwd: printer"));
    CHECK(is_forward("Re: WG: printer"));
    CHECK(is_forward("TR: printer"));
    CHECK_FALSE(is_forward("Re: printer"));
    CHECK_FALSE(is_forward("Forwarding rules"));
  }

  TEST_CASE("HTML becomes text: tags, scripts and styles dropped, blocks as lines, references decoded")
  {
    CHECK(html_to_text("<p>Hello</p><p>World</p>") == "Hello\n\nWorld");
    CHECK(html_to_text("a<br>b<br/>c") == "a\nb\nc");
    CHECK(html_to_text("<ul><li>one</li><li>two</li></ul>") == "one\ntwo");
    CHECK(html_to_text("<head><title>t</title><style>p{}</style></head><script>x()</script>body") == "body");
    CHECK(html_to_text("5&nbsp;min &amp; &lt;b&gt; &#233; &#xE9; &euro;") == "5 min & <b> \xC3\xA9 \xC3\xA9 \xE2\x82\xAC");
    CHECK(html_to_text("<!-- hidden -->shown") == "shown");
    CHECK(html_to_text("a &bogus; b") == "a &bogus; b");
    CHECK(html_to_text("unterminated <b") == "unterminated");
  }

  TEST_CASE("invalid UTF-8 is replaced, C1 controls read as Windows-1252, control characters dropped")
  {
    CHECK(repair_utf8("ok \xC3\xA9") == "ok \xC3\xA9");
    CHECK(repair_utf8("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
    CHECK(c1_as_windows_1252("a \xC2\x96 b \xC2\x80") == "a \xE2\x80\x93 b \xE2\x82\xAC");
    CHECK(c1_as_windows_1252("\xC2\x81x") == "x");
    CHECK(normalise_text("a\r\nb\rc\x01\x1B[31m\n\n") == "a\nb\nc[31m");
  }
}

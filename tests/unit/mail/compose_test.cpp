#include "lib/mail/compose.hpp"
#include "lib/mail/message.hpp"

#include "lib/util/error.hpp"

#include <doctest/doctest.h>

using namespace sdesk;

TEST_SUITE("mail::compose")
{
  TEST_CASE("one_line turns every control character into a space")
  {
    CHECK(mail::one_line("a\r\nBcc: x@evil\tb\x7f") == "a  Bcc: x@evil b ");
    CHECK(mail::one_line("plain") == "plain");
  }

  TEST_CASE("encode_text: ASCII stays, other text becomes encoded words that split no character")
  {
    CHECK(mail::encode_text("Printer jammed") == "Printer jammed");
    CHECK(mail::encode_text("Drucker kaputt – dringend") == "=?UTF-8?B?RHJ1Y2tlciBrYXB1dHQg4oCTIGRyaW5nZW5k?=");
    const std::string long_text(40, 'a');
    const std::string encoded = mail::encode_text(long_text + "äöü" + long_text);
    CHECK(encoded.find('\n') == std::string::npos);
    std::size_t words = 0;
    for (std::size_t at = encoded.find("=?UTF-8?B?"); at != std::string::npos; at = encoded.find("=?UTF-8?B?", at + 1)) {
      const auto end = encoded.find("?=", at + 10);
      REQUIRE(end != std::string::npos);
      CHECK(end + 2 - at <= 75);
      ++words;
    }
    CHECK(words == 2);
    // A line break in the text is a space, never a new header line.
    CHECK(mail::encode_text("é\r\nBcc: x@evil") == "=?UTF-8?B?w6kgIEJjYzogeEBldmls?=");
  }

  TEST_CASE("is_plain_address takes local@domain only")
  {
    CHECK(mail::is_plain_address("ann@example.org"));
    CHECK(mail::is_plain_address("a.b+12@example.org"));
    CHECK_FALSE(mail::is_plain_address("ann"));
    CHECK_FALSE(mail::is_plain_address("@example.org"));
    CHECK_FALSE(mail::is_plain_address("ann@"));
    CHECK_FALSE(mail::is_plain_address("ann@x@y"));
    CHECK_FALSE(mail::is_plain_address("ann@example.org\nBcc: x@evil"));
    CHECK_FALSE(mail::is_plain_address("Ann <ann@example.org>"));
    CHECK_FALSE(mail::is_plain_address("ann@example.org, bob@example.org"));
  }

  TEST_CASE("format_mailbox quotes or encodes the name")
  {
    CHECK(mail::format_mailbox("", "ann@example.org") == "ann@example.org");
    CHECK(mail::format_mailbox("alice", "alice@example.org") == "alice <alice@example.org>");
    CHECK(mail::format_mailbox("Smith, J.", "j@example.org") == "\"Smith, J.\" <j@example.org>");
    CHECK(mail::format_mailbox("Jürgen", "j@example.org") == "=?UTF-8?B?SsO8cmdlbg==?= <j@example.org>");
  }

  TEST_CASE("quoted_printable keeps lines short and encodes what must be")
  {
    CHECK(mail::quoted_printable("a=b\nüx \n") == "a=3Db\n=C3=BCx=20\n");
    const std::string qp = mail::quoted_printable(std::string(200, 'x'));
    std::size_t start = 0;
    while (start < qp.size()) {
      auto end = qp.find('\n', start);
      if (end == std::string::npos) {
        end = qp.size();
      }
      CHECK(end - start <= 76);
      start = end + 1;
    }
    CHECK(mail::quoted_printable("crlf\r\nend") == "crlf\nend");
  }

  TEST_CASE("compose writes the headers, folds long ones, refuses a line break in a value")
  {
    const std::string m = mail::compose({{"From", "desk@example.org"}, {"Subject", "hello"}}, "body\n");
    CHECK(m == "From: desk@example.org\nSubject: hello\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
               "Content-Transfer-Encoding: quoted-printable\n\nbody\n");
    std::string refs;
    for (int i = 0; i < 10; ++i) {
      refs += (i ? " <" : "<") + std::string("id") + std::to_string(i) + "@desk.example.org>";
    }
    const std::string folded = mail::compose({{"References", refs}}, "");
    CHECK(folded.find("\n <id") != std::string::npos);
    CHECK(folded.substr(0, folded.find('\n')).size() <= 78);
    CHECK_THROWS_AS(mail::compose({{"Subject", "a\r\nBcc: x@evil"}}, ""), Error);
    CHECK_THROWS_AS(mail::compose({{"Subject", "a\nBcc: x@evil"}}, ""), Error);
    CHECK_THROWS_AS(mail::compose({{"Bad Name", "x"}}, ""), Error);
  }

  TEST_CASE("a composed message reads back with its headers and text")
  {
    const std::string m = mail::compose({{"From", "desk@example.org"},
                                         {"To", "ann@example.org"},
                                         {"Subject", mail::encode_text("[sdesk #7] Drucker – kaputt")},
                                         {"Message-ID", "<sdesk.7.abc@example.org>"},
                                         {"In-Reply-To", "<first@user.example>"},
                                         {"References", "<first@user.example> <sdesk.7.x@example.org>"},
                                         {"Auto-Submitted", "auto-generated"},
                                         {mail::k_loop_header, "desk@example.org"}},
                                        "Grüße,\nline two with a long tail " + std::string(100, 'z') + "\n");
    const mail::Message back = mail::parse_message(m);
    CHECK(back.subject == "[sdesk #7] Drucker – kaputt");
    CHECK(back.message_id == "sdesk.7.abc@example.org");
    CHECK(back.in_reply_to == "first@user.example");
    CHECK(back.references == std::vector<std::string>{"first@user.example", "sdesk.7.x@example.org"});
    CHECK(back.auto_submitted == "auto-generated");
    CHECK(back.loop == "desk@example.org");
    CHECK(back.text.find("Grüße,\nline two with a long tail " + std::string(100, 'z')) == 0);
  }
}

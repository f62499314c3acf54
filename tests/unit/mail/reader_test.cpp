// The mail reader on the hand-written fixtures of tests/fixtures/mail
// (tests/cli/mail_receive.sh reads the same files end to end).

#include "lib/mail/message.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace sdesk;

namespace {

std::string fixture(const std::string& name)
{
  // The repository: $SDESK_SOURCE_DIR (set by ctest), else from this file's path.
  const char* root = std::getenv("SDESK_SOURCE_DIR");
  const std::filesystem::path path =
    (root ? std::filesystem::path(root) : std::filesystem::path(__FILE__).parent_path() / "../../..")
    / "tests/fixtures/mail" / name;
  std::ifstream file(path, std::ios::binary);
  REQUIRE_MESSAGE(file, path.string());
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

} // namespace

TEST_SUITE("mail::parse_message")
{
  TEST_CASE("Outlook: RFC 2047 names and subject in ISO-8859-1, QP text, RFC 2231 attachment name")
  {
    const auto m = mail::parse_message(fixture("outlook_new.eml"));
    REQUIRE(m.from.has_value());
    CHECK(m.from->address == "Juergen.Mueller@example.com");
    CHECK(m.from->name == "M\xC3\xBCller, J\xC3\xBCrgen");
    CHECK(m.subject == "Drucker im 3. OG druckt nicht mehr \xE2\x80\x93 dringend"); // =96 as Windows-1252
    CHECK(m.message_id == "AM0PR07MB4321A1B2C3D4E5F6@AM0PR07MB4321.eurprd07.prod.outlook.com");
    REQUIRE(m.cc.size() == 1);
    CHECK(m.cc[0].address == "anna.schmidt@example.com");
    CHECK(m.text.find("seit heute fr\xC3\xBCh nichts mehr") != std::string::npos);
    CHECK(m.text.find("Viele Gr\xC3\xBC\xC3\x9F" "e") != std::string::npos);
    CHECK_FALSE(m.text_from_html);
    REQUIRE(m.attachments.size() == 1);
    CHECK(m.attachments[0].name == "Fehlerprotokoll M\xC3\xA4rz.txt");
    CHECK(m.attachments[0].content_type == "text/plain");
    CHECK(m.attachments[0].content == "Druckerwarteschlange angehalten\nFehler 0x0000011b\n");
    CHECK(m.return_path == "juergen.mueller@example.com");
    CHECK_FALSE(m.auto_submitted.has_value());
  }

  TEST_CASE("Outlook reply: Windows-1252 body, In-Reply-To and References in order")
  {
    const auto m = mail::parse_message(fixture("outlook_reply.eml"));
    CHECK(m.subject == "[sdesk #1] Drucker im 3. OG druckt nicht mehr");
    CHECK(m.in_reply_to == "AM0PR07MB4321A1B2C3D4E5F6@AM0PR07MB4321.eurprd07.prod.outlook.com");
    REQUIRE(m.references.size() == 2);
    CHECK(m.references[1] == "sdesk.1.1.out@example.org");
    CHECK(m.text.find("89,90 \xE2\x82\xAC gekostet \xE2\x80\x93 bitte \xE2\x80\x9E" "schnell\xE2\x80\x9C") !=
          std::string::npos);
  }

  TEST_CASE("Gmail: base64 UTF-8 text preferred over its HTML alternative")
  {
    const auto m = mail::parse_message(fixture("gmail_reply.eml"));
    CHECK(m.subject == "[sdesk #1] Drucker im 3. OG druckt nicht mehr");
    CHECK(m.text.rfind("Ich habe das gleiche Problem im 2. OG \xE2\x80\x94 auch der Scanner h\xC3\xA4ngt.", 0) == 0);
    CHECK(m.in_reply_to == "AM0PR07MB4321F9E8D7C6B5A4@AM0PR07MB4321.eurprd07.prod.outlook.com");
    CHECK(m.attachments.empty());
  }

  TEST_CASE("HTML only: text made from the HTML")
  {
    const auto m = mail::parse_message(fixture("html_only.eml"));
    CHECK(m.text_from_html);
    CHECK(m.subject == "VPN \xC5\x82\xC4\x85" "czy si\xC4\x99 tylko na 5 minut");
    CHECK(m.text == "Hello,\n\nthe VPN drops after 5 minutes & I have to reconnect \xE2\x80\x93 since Monday.\n\n"
                    "Client: 5.1\nWindows\xC2\xA0" "11\n\nThanks\nKasia \xF0\x9F\x98\x80");
  }

  TEST_CASE("8-bit ISO-8859-1 and Windows-1252 labelled ISO-8859-1 become UTF-8")
  {
    CHECK(mail::parse_message(fixture("latin1_8bit.eml")).text ==
          "Bonjour, ma bo\xC3\xAEte aux lettres est pleine depuis la mise \xC3\xA0 jour. \xC3\x80 bient\xC3\xB4t.");
    CHECK(mail::parse_message(fixture("cp1252_as_latin1.eml")).text ==
          "The scanner says \xE2\x80\x9Cpaper jam\xE2\x80\x9D \xE2\x80\x93 the repair quote is 120 \xE2\x82\xAC.");
  }

  TEST_CASE("automatic mail: the headers that tell it are read")
  {
    const auto reply = mail::parse_message(fixture("auto_reply.eml"));
    CHECK(reply.auto_submitted == "auto-replied");
    const auto bounce = mail::parse_message(fixture("bounce_dsn.eml"));
    CHECK(bounce.return_path == "");
    CHECK(bounce.from->address == "MAILER-DAEMON@mx.example.org");
    CHECK(bounce.text.find("could not\nbe delivered") != std::string::npos);
    CHECK(mail::parse_message(fixture("list_bulk.eml")).precedence == "bulk");
  }

  TEST_CASE("forwards are told apart from replies")
  {
    CHECK(mail::parse_message(fixture("forward.eml")).forwarded);
    CHECK_FALSE(mail::parse_message(fixture("gmail_reply.eml")).forwarded);
  }

  TEST_CASE("broken MIME is read as far as it goes; every text is UTF-8")
  {
    const auto m = mail::parse_message(fixture("broken_mime.eml"));
    CHECK(m.text.find("My laptop will not boot.") == 0);
    REQUIRE(m.attachments.size() == 1);
    CHECK(m.attachments[0].name == "dump.bin");
  }

  TEST_CASE("what is no message is refused as usage, for the quarantine")
  {
    CHECK_THROWS_AS(mail::parse_message(fixture("not_mail.eml")), Error);
    CHECK_THROWS_AS(mail::parse_message(""), Error);
    CHECK_THROWS_AS(mail::parse_message("Subject: no sender\r\n\r\nbody\r\n"), Error);
    try {
      mail::parse_message("Subject: no sender\r\n\r\nbody\r\n");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::usage);
    }
  }

  TEST_CASE("addresses are the same mailbox without regard to case")
  {
    CHECK(mail::same_address("Ann@Example.org", "ann@example.org "));
    CHECK_FALSE(mail::same_address("ann@example.org", "anna@example.org"));
  }
}

#include "lib/util/edit_form.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using util::FormField;

namespace {

util::EditForm open_form()
{
  util::EditForm form;
  form.has_title = true;
  form.fields = {{"Kind", "incident"}, {"Priority", ""}, {"Group", "service-desk"}};
  form.hints = {"Title on the first line, details below.", "An empty title aborts."};
  return form;
}

} // namespace

TEST_SUITE("util::edit_form")
{
  TEST_CASE("rendered: title, text, hints, fields")
  {
    CHECK(util::render_form(open_form(), "VPN down", "since 9:00") ==
          "VPN down\n\nsince 9:00\n\n# Title on the first line, details below.\n# An empty title aborts.\n"
          "Kind: incident\nPriority:\nGroup: service-desk\n");
    util::EditForm comment;
    comment.hints = {"A comment."};
    CHECK(util::render_form(comment, "", "") == "\n\n# A comment.\n");
  }

  TEST_CASE("a rendered form parses back to what it was made of")
  {
    const auto form = open_form();
    const auto parsed = util::parse_form(util::render_form(form, "VPN down", "line 1\n\nline 3"), form);
    CHECK(parsed.title == "VPN down");
    CHECK(parsed.text == "line 1\n\nline 3");
    CHECK(parsed.fields == std::vector<FormField>{{"Kind", "incident"}, {"Group", "service-desk"}});
  }

  TEST_CASE("comments dropped, names without regard to case, empty values unset")
  {
    const auto parsed = util::parse_form(
      "\n  Printer jam  \n# hint\nDetails: see below\nmore\n\n# hint\nkind: request\nPRIORITY: P2\nGroup:\r\n",
      open_form());
    CHECK(parsed.title == "Printer jam");
    CHECK(parsed.text == "Details: see below\nmore"); // a field-like line inside the text stays text
    CHECK(parsed.fields == std::vector<FormField>{{"Kind", "request"}, {"Priority", "P2"}});
  }

  TEST_CASE("an empty result: no title, no text")
  {
    const auto form = open_form();
    const auto parsed = util::parse_form("# all gone\n\nKind: incident\n", form);
    CHECK(parsed.title.empty());
    CHECK(parsed.text.empty());
  }

  TEST_CASE("an unknown field is refused, naming the accepted ones")
  {
    try {
      util::parse_form("Title\n\nKind: incident\nColour: red\n", open_form());
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::usage);
      CHECK(std::string(e.what()) == "Colour: unknown field 'Colour' (accepted: Kind, Priority, Group)");
    }
  }

  TEST_CASE("a form without fields: every line is text")
  {
    util::EditForm form;
    CHECK(util::parse_form("Note: call back\n# hint\n", form).text == "Note: call back");
  }
}

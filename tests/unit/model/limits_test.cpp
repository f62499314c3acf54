#include "lib/model/limits.hpp"

#include "lib/util/error.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace sdesk;
using namespace sdesk::model;

namespace {

// The message of the Error(usage) `f` throws, or "" when it throws none.
template<typename F>
std::string usage_error(F f)
{
  try {
    f();
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::usage);
    return e.what();
  }
  return "";
}

} // namespace

TEST_SUITE("model::limits")
{
  TEST_CASE("every kind of text has one limit")
  {
    CHECK(limit(Limited::title) == 1024);
    CHECK(limit(Limited::long_text) == 1024 * 1024);
    CHECK(limit(Limited::short_text) == 256);
    CHECK(limit(Limited::tag) == 64);
    CHECK(limit(Limited::tags) == 64);
    CHECK(limit(Limited::import_record) == 16 * 1024 * 1024);
    CHECK(limit_of_field("title") == Limited::title);
    CHECK(limit_of_field("description") == Limited::long_text);
    CHECK(limit_of_field("resolution_note") == Limited::long_text);
    CHECK(limit_of_field("requester") == Limited::short_text);
  }

  TEST_CASE("check_text refuses text over the limit and text that is not UTF-8")
  {
    CHECK(usage_error([] { check_text("title", std::string(1024, 'x'), Limited::title); }).empty());
    CHECK(usage_error([] { check_text("title", std::string(1025, 'x'), Limited::title); })
          == "title: too long, 1025 bytes (accepted: at most 1024 bytes; see docs/limits.md)");
    CHECK(usage_error([] { check_text("title", "bad \xff", Limited::title); })
          == "title: not valid UTF-8 at byte 5 (accepted: UTF-8 text)");
    CHECK(usage_error([] { check_text("title", "café", Limited::title); }).empty());
    using namespace std::string_view_literals;
    CHECK(usage_error([] { check_text("note", "one\0two"sv, Limited::long_text); })
          == "note: a NUL byte at byte 4 (accepted: UTF-8 text without NUL)");
    // A title and a short text are one line; long text may have many.
    CHECK(usage_error([] { check_text("title", "one\ntwo", Limited::title); }) == "title: must be one line");
    CHECK(usage_error([] { check_text("category", "one\rtwo", Limited::short_text); })
          == "category: must be one line");
    CHECK(usage_error([] { check_text("description", "one\r\ntwo", Limited::long_text); }).empty());
  }

  TEST_CASE("check_texts checks every text of a ticket and of an event")
  {
    Ticket t;
    t.title = "ok";
    CHECK(usage_error([&] { check_texts(t); }).empty());
    t.requester = "\xc3(";
    CHECK(usage_error([&] { check_texts(t); }).starts_with("requester: not valid UTF-8"));
    t.requester.reset();
    t.tags.assign(65, "x");
    CHECK(usage_error([&] { check_texts(t); }).starts_with("tags: 65 tags (accepted: at most 64"));
    t.tags = {std::string(65, 't')};
    CHECK(usage_error([&] { check_texts(t); }).starts_with("tags: too long, 65 bytes"));

    Event e;
    e.actor = "alice";
    e.action = model::Action::comment;
    e.note = std::string(1024 * 1024 + 1, 'x');
    CHECK(usage_error([&] { check_texts(e); }).starts_with("comment: too long"));
    e.note = "fine";
    e.actor = "\xff";
    CHECK(usage_error([&] { check_texts(e); }).starts_with("actor: not valid UTF-8"));
    e.actor = "alice";
    e.field = "title";
    e.old_value = "\xff"; // what was stored before is not checked
    e.new_value = std::string(1025, 'x');
    CHECK(usage_error([&] { check_texts(e); }).starts_with("title: too long, 1025 bytes"));
  }

  TEST_CASE("docs/limits.md gives the figures of k_limits")
  {
    // The repository: $SDESK_SOURCE_DIR (set by ctest), else from this file's path.
    const char* root = std::getenv("SDESK_SOURCE_DIR");
    const std::filesystem::path path =
      (root ? std::filesystem::path(root) : std::filesystem::path(__FILE__).parent_path() / "../../..")
      / "docs/limits.md";
    std::ifstream file(path);
    REQUIRE_MESSAGE(file, path.string());
    std::stringstream text;
    text << file.rdbuf();
    for (const Limit& row : k_limits) {
      const std::string unit = row.what == Limited::tags ? "tags" : "bytes";
      const std::string line = "| " + std::string(row.name) + " | " + std::to_string(row.max) + " " + unit + " |";
      CHECK_MESSAGE(text.str().find(line) != std::string::npos, line);
    }
  }
}

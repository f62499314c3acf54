#include "tests/unit/io/reader_test_support.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using io::Field;
using io::Format;

TEST_SUITE("io::CsvReader")
{
  TEST_CASE("quoted fields hold commas, doubled quotes and line breaks; CRLF ends records")
  {
    test::ReadAll all("ref,title,description,created\r\n"
                      "A-1,\"Printer, floor 3\",\"say \"\"hi\"\"\",2026-01-05T10:00:00Z\r\n"
                      "A-2,VPN,\"line one\r\nline two\",2026-01-06\r\n");
    const auto records = all.read(Format::csv);
    REQUIRE(records.size() == 2);
    CHECK(records[0].ticket.ref == "A-1");
    CHECK(records[0].ticket.title == "Printer, floor 3");
    CHECK(records[0].ticket.description == "say \"hi\"");
    CHECK(records[0].line == 2);
    CHECK(records[1].ticket.description == "line one\nline two");
    CHECK(records[1].line == 3);
    CHECK(records[1].ticket.created == std::chrono::sys_days{std::chrono::January / 6 / 2026});
  }

  TEST_CASE("a record after a multi-line field reports its own first line")
  {
    // The multi-line field is a description: a title is one line (limits.md).
    test::ReadAll all("title,description,created\nfirst,\"a\nb\nc\",2026-01-01\nsecond,,2026-01-01\n\n"
                      "third,,2026-01-01");
    const auto records = all.read(Format::csv);
    REQUIRE(records.size() == 3);
    CHECK(records[1].line == 5);
    CHECK(records[2].line == 7); // a blank line is skipped; no final newline needed
    CHECK(records[2].ticket.title == "third");
  }

  TEST_CASE("an empty cell clears a nullable field and leaves the others unset")
  {
    test::ReadAll all("\xEF\xBB\xBFtitle,assignee,priority,created\nx,,,2026-01-01\n");
    const auto records = all.read(Format::csv);
    REQUIRE(records.size() == 1);
    CHECK(records[0].has(Field::assignee));
    CHECK_FALSE(records[0].ticket.assignee);
    CHECK_FALSE(records[0].has(Field::priority));
  }

  TEST_CASE("--map renames and skips columns")
  {
    test::ReadAll all("Number,Short description,Opened,Location\nINC1,Disk full,2026-01-01 09:30,Room 4\n",
                      {"Number=ref", "Short description=title", "Opened=created", "Location="});
    const auto records = all.read(Format::csv);
    REQUIRE(records.size() == 1);
    CHECK(records[0].ticket.ref == "INC1");
    CHECK(records[0].ticket.title == "Disk full");
    CHECK(records[0].ticket.created
          == std::chrono::sys_days{std::chrono::January / 1 / 2026} + std::chrono::minutes{570});
  }

  TEST_CASE("errors name the line and the field")
  {
    CHECK(test::read_error("title,priorty\nx,P1\n", Format::csv)
          == "line 1: unknown field 'priorty' (did you mean 'priority'?); accepted: "
             + util::join(io::accepted_field_names(), ", ")
             + " (rename with --map COLUMN=FIELD, skip with --map COLUMN=)");
    CHECK(test::read_error("title,priority\nx,P1\ny,P9\n", Format::csv)
          == "line 3: field 'priority': bad value 'P9' (accepted: P1 to P4)");
    CHECK(test::read_error("title,created\nx,yesterday\n", Format::csv)
          == "line 2: field 'created': bad date/time 'yesterday' (accepted: YYYY-MM-DD, "
             "YYYY-MM-DDTHH:MM[:SS] with optional Z or +HH:MM)");
    CHECK(test::read_error("title,status\nx,clsoed\n", Format::csv)
          == "line 2: field 'status': unknown value 'clsoed' (did you mean 'closed'?) (accepted: "
             "new, assigned, in_progress, pending, resolved, closed)");
    CHECK(test::read_error("title,kind\nx\n", Format::csv) == "line 2: 1 fields, but the header has 2");
    CHECK(test::read_error("title\n\"open\nnever closed\n", Format::csv)
          == "line 2: field 1: quoted field not closed before the end of input");
    CHECK(test::read_error("title\n\"a\"b\n", Format::csv)
          == "line 2: field 1: text after a closing quote (quote the whole field and double the "
             "quotes inside)");
    CHECK(test::read_error("title,name\nx,y\n", Format::csv, {"name=title"})
          == "line 1: columns 'title' and 'name' are both field 'title'");
    CHECK(test::read_error("title,events\nx,y\n", Format::csv).starts_with("line 2: field 'events': "));
  }

  TEST_CASE("--map refuses unknown fields and malformed pairs")
  {
    CHECK_THROWS_WITH_AS(io::FieldMap({"a=titel"}),
                         doctest::Contains("--map: unknown field 'titel' (did you mean 'title'?)"),
                         Error);
    CHECK_THROWS_WITH_AS(io::FieldMap({"title"}), doctest::Contains("--map: bad value 'title'"),
                         Error);
  }

  TEST_CASE("a leading ' that export added for spreadsheets is dropped, once")
  {
    test::ReadAll all("title,requester,category,created\n"
                      "'=2+5,'@x,''quoted,2026-01-01\n"
                      "\"'=HYPERLINK(\"\"u\"\",\"\"v\"\")\",'-1+2,'a,2026-01-01\n"
                      "-5,'',it's,2026-01-01\n");
    const auto records = all.read(Format::csv);
    REQUIRE(records.size() == 3);
    CHECK(records[0].ticket.title == "=2+5");
    CHECK(records[0].ticket.requester == "@x");
    CHECK(records[0].ticket.category == "'quoted");
    CHECK(records[1].ticket.title == "=HYPERLINK(\"u\",\"v\")");
    CHECK(records[1].ticket.requester == "-1+2");
    CHECK(records[1].ticket.category == "'a"); // not something export adds: kept
    CHECK(records[2].ticket.title == "-5");
    CHECK(records[2].ticket.requester == "'");
    CHECK(records[2].ticket.category == "it's");
  }

  TEST_CASE("text that is not UTF-8 or over its limit names the line and field")
  {
    CHECK(test::read_error("title,created\nbad \xff,2026-01-01\n", Format::csv)
          == "line 2: field 'title': not valid UTF-8 at byte 5 (accepted: UTF-8 text)");
    CHECK(test::read_error("title,created\n" + std::string(1025, 't') + ",2026-01-01\n", Format::csv)
          == "line 2: field 'title': too long, 1025 bytes (accepted: at most 1024 bytes; see "
             "docs/limits.md)");
    std::string tags = "1";
    for (int i = 2; i <= 65; ++i) {
      tags += "," + std::to_string(i);
    }
    CHECK(test::read_error("title,tags,created\nx,\"" + tags + "\",2026-01-01\n", Format::csv)
          == "line 2: field 'tags': 65 tags (accepted: at most 64; see docs/limits.md)");
  }
}

#include "tests/unit/io/reader_test_support.hpp"
#include "tests/unit/time_support.hpp"

#include "lib/io/writer.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using io::Field;
using io::Format;

TEST_SUITE("io links")
{
  TEST_CASE("JSON Lines: links and the record's id are read")
  {
    test::ReadAll all(
      R"({"id":7,"title":"a","created":"2026-11-02","links":[{"type":"causes","target":9,"target_ref":null},)"
      R"({"type":"Relates-To","target_ref":"INC-1","title":"ignored"}]})"
      "\n"
      R"({"id":"X-9","title":"b","created":"2026-11-02","links":null})");
    const auto records = all.read(Format::jsonl);
    REQUIRE(records.size() == 2);
    CHECK(records[0].source_id == 7);
    REQUIRE(records[0].links.size() == 2);
    CHECK(records[0].links[0].type == "causes");
    CHECK(records[0].links[0].target == 9);
    CHECK_FALSE(records[0].links[0].target_ref);
    CHECK(records[0].links[1].target_ref == "INC-1");
    CHECK_FALSE(records[0].links[1].target);
    CHECK_FALSE(records[1].source_id); // not an integer: ignored
    CHECK(records[1].links.empty());
    CHECK(records[1].has(Field::links));
  }

  TEST_CASE("JSON Lines: bad links name the line and the field")
  {
    CHECK(test::read_error(R"({"title":"a","links":[{"type":"cause","target":1}]})", Format::jsonl)
            .starts_with("line 1: field 'links[0].type': unknown value 'cause' (did you mean 'causes'?)"));
    CHECK(test::read_error(R"({"title":"a","links":[{"type":"causes"}]})", Format::jsonl)
            .starts_with("line 1: field 'links[0]': missing target"));
    CHECK(test::read_error(R"({"title":"a","links":[{"type":"causes","target":"7"}]})", Format::jsonl)
          == "line 1: field 'links[0].target': expected an integer or null");
    CHECK(test::read_error(R"({"title":"a","links":[{"type":"causes","to":7}]})", Format::jsonl)
          == "line 1: field 'links[0].to': unknown (accepted: type, target, target_ref)");
    CHECK(test::read_error(R"({"title":"a","links":{"type":"causes"}})", Format::jsonl)
            .starts_with("line 1: field 'links': expected an array"));
  }

  TEST_CASE("CSV carries no links; its id column is still accepted")
  {
    CHECK(test::read_error("title,links\na,causes:1\n", Format::csv)
            .starts_with("line 2: field 'links': only JSON Lines input can carry links"));
    test::ReadAll all("id,title,created\nINC-7,a,2026-11-02\n12,b,2026-11-02\n");
    const auto records = all.read(Format::csv);
    REQUIRE(records.size() == 2);
    CHECK_FALSE(records[0].source_id);
    CHECK(records[1].source_id == 12);
  }

  TEST_CASE("export writes links after events, only when there are some")
  {
    const test::ScopedTz utc("UTC");
    model::Ticket t;
    t.id = 3;
    t.title = "x";
    std::string plain;
    io::append_jsonl(plain, t, {});
    CHECK(plain.find("\"links\"") == std::string::npos);
    const std::vector<model::LinkedTicket> links{{"causes", 7, std::nullopt, "seven"},
                                                 {"relates-to", 9, "INC-9", "nine"}};
    std::string out;
    io::append_jsonl(out, t, {}, links);
    CHECK(out.ends_with(R"(,"events":[],"links":[{"type":"causes","target":7,"target_ref":null},)"
                        R"({"type":"relates-to","target":9,"target_ref":"INC-9"}]})"
                        "\n"));
  }
}

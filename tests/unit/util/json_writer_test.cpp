#include "lib/util/csv.hpp"
#include "lib/util/json_writer.hpp"

#include <doctest/doctest.h>

using namespace sdesk::util;

TEST_SUITE("util::JsonWriter")
{
  TEST_CASE("nested objects and arrays get commas in the right places")
  {
    JsonWriter json;
    json.begin_object().key("a").value(std::int64_t{1}).key("b").begin_array();
    json.value("x").null().value(true).end_array();
    json.key("c").value(std::optional<std::string>{}).end_object();
    CHECK(json.str() == R"({"a":1,"b":["x",null,true],"c":null})");
  }

  TEST_CASE("strings are escaped")
  {
    JsonWriter json;
    json.value(std::string_view("q\"b\\n\nt\t\x01"));
    CHECK(json.str() == R"("q\"b\\n\nt\t\u0001")");
  }

  TEST_CASE("bytes that are not UTF-8 become U+FFFD, so the output is always JSON")
  {
    std::string out;
    append_json_string(out, "caf\xc3\xa9 bad \xff\xc3( \xed\xa0\x80");
    CHECK(out == R"("café bad \ufffd\ufffd( \ufffd\ufffd\ufffd")");
  }

  TEST_CASE("CSV quotes only when needed")
  {
    std::string out;
    append_csv_record(out, {"plain", "a,b", "say \"hi\"", "two\nlines", ""});
    CHECK(out == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\n");
  }
}

#include "lib/util/csv.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace sdesk::util;

namespace {

std::string record(const std::vector<std::string>& fields)
{
  std::string out;
  append_csv_record(out, fields);
  return out;
}

} // namespace

TEST_SUITE("util::csv")
{
  TEST_CASE("append_csv_record quotes what RFC 4180 needs")
  {
    CHECK(record({"a", "b c", ""}) == "a,b c,\n");
    CHECK(record({"x,y", "say \"hi\"", "two\nlines"}) == "\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\n");
  }

  TEST_CASE("append_csv_record neutralises cells a spreadsheet would run as formulas")
  {
    CHECK(record({"=HYPERLINK(\"http://x\",\"y\")"}) == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n");
    CHECK(record({"=2+5", "+1", "-x", "@SUM(A1)", "\tx", "\rx"})
          == "'=2+5,'+1,'-x,'@SUM(A1),'\tx,\"'\rx\"\n");
    CHECK(record({"'quoted"}) == "''quoted\n"); // so that the importer can undo it
    CHECK(record({"a=b", "1+1", "x@y"}) == "a=b,1+1,x@y\n");
    // Plain negative numbers stay numbers; anything more is neutralised.
    CHECK(record({"-12", "-1.5", "-1+2", "-", "-1.", "-.5"}) == "-12,-1.5,'-1+2,'-,'-1.,'-.5\n");
  }

  TEST_CASE("unescape_csv_cell undoes exactly what the writer added")
  {
    for (const std::string value : {"=2+5", "+1", "-x", "@a", "\tx", "\rx", "'", "'quoted", "''",
                                    "'=x", "-12", "plain", "", "'a", "it's"}) {
      std::string out;
      append_csv_record(out, {value});
      std::string cell = out.substr(0, out.size() - 1);
      if (cell.size() >= 2 && cell.front() == '"') { // a quoted cell: unquote
        cell = cell.substr(1, cell.size() - 2);
      }
      CHECK(unescape_csv_cell(cell) == value);
    }
    CHECK(unescape_csv_cell("'a") == "'a"); // not something the writer adds
    CHECK(unescape_csv_cell("'") == "'");
  }
}

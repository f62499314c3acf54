#include "lib/ops/read_ahead.hpp"
#include "lib/util/error.hpp"

#include <atomic>
#include <string>
#include <vector>

#include <doctest/doctest.h>

using namespace sdesk;

namespace {

// A source of `count` records numbered by line, throwing at line `bad`
// (0: never).
ops::ReadAhead::Source numbered(std::size_t count, std::size_t bad = 0,
                                std::atomic<std::size_t>* produced = nullptr)
{
  return [count, bad, produced, line = std::size_t{0}](io::ImportRecord& record) mutable {
    if (line == count) {
      return false;
    }
    ++line;
    if (line == bad) {
      throw Error(ErrorKind::usage, "line " + std::to_string(line) + ": broken");
    }
    record.line = line;
    record.ticket.title = "ticket " + std::to_string(line);
    if (produced) {
      ++*produced;
    }
    return true;
  };
}

std::vector<std::size_t> lines_of(ops::ReadAhead& ahead)
{
  std::vector<std::size_t> lines;
  io::ImportRecord record;
  while (ahead.next(record)) {
    CHECK(record.ticket.title == "ticket " + std::to_string(record.line));
    lines.push_back(record.line);
  }
  return lines;
}

std::vector<std::size_t> iota(std::size_t count)
{
  std::vector<std::size_t> lines;
  for (std::size_t i = 1; i <= count; ++i) {
    lines.push_back(i);
  }
  return lines;
}

} // namespace

TEST_SUITE("ops::ReadAhead")
{
  TEST_CASE("records come out in input order, across batch boundaries")
  {
    for (const std::size_t count : {0, 1, 3, 4, 5, 1000}) {
      CAPTURE(count);
      ops::ReadAhead ahead(numbered(count), 4);
      CHECK(lines_of(ahead) == iota(count));
      io::ImportRecord record;
      CHECK_FALSE(ahead.next(record)); // and stays at the end
    }
  }

  TEST_CASE("an error comes out after every record before it, once")
  {
    ops::ReadAhead ahead(numbered(100, 7), 4);
    io::ImportRecord record;
    std::vector<std::size_t> lines;
    CHECK_THROWS_WITH_AS(
      [&] {
        while (ahead.next(record)) {
          lines.push_back(record.line);
        }
      }(),
      "line 7: broken", Error);
    CHECK(lines == iota(6));
    CHECK_FALSE(ahead.next(record));
  }

  TEST_CASE("a reader that stops early does not wait for the rest of the input")
  {
    std::atomic<std::size_t> produced{0};
    {
      ops::ReadAhead ahead(numbered(1'000'000, 0, &produced), 8);
      io::ImportRecord record;
      REQUIRE(ahead.next(record));
      CHECK(record.line == 1);
    } // destroyed mid-input: must stop and join
    CHECK(produced.load() < 100);
  }
}

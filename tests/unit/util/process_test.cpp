#include "lib/util/process.hpp"

#include "lib/util/error.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace sdesk;
using namespace std::chrono_literals;

TEST_SUITE("util::run_process")
{
  TEST_CASE("passes standard input, collects standard output and error and the exit status")
  {
    const auto r = util::run_process("/bin/sh", "echo out; echo err >&2; exit 3\n", {}, 5s);
    CHECK(r.out == "out\n");
    CHECK(r.err == "err\n");
    CHECK(r.exit_code == 3);
    CHECK_FALSE(r.timed_out);
  }

  TEST_CASE("adds to the environment, replacing a variable of the same name")
  {
    const auto r = util::run_process("/bin/sh", "echo \"$HOME/$SDESK_TEST_X\"\n",
                                      {"HOME=/nowhere", "SDESK_TEST_X=1"}, 5s);
    CHECK(r.out == "/nowhere/1\n");
  }

  TEST_CASE("kills a run that takes longer than the timeout, with what it started")
  {
    const auto start = std::chrono::steady_clock::now();
    const auto r = util::run_process("/bin/sh", "sleep 10 & sleep 10\n", {}, 300ms);
    CHECK(r.timed_out);
    CHECK(std::chrono::steady_clock::now() - start < 5s);
  }

  TEST_CASE("a program that does not read its input is not an error")
  {
    const std::string big(1 << 20, 'x'); // more than a pipe holds
    const auto r = util::run_process("/bin/true", big, {}, 5s);
    CHECK(r.exit_code == 0);
    CHECK_FALSE(r.timed_out);
  }

  TEST_CASE("a program that cannot be started is Error(io)")
  {
    CHECK_THROWS_AS(util::run_process("/nonexistent/hook", "", {}, 1s), Error);
  }

  TEST_CASE("arguments reach the program; the error names what could not be run")
  {
    const auto r = util::run_process(std::vector<std::string>{"/bin/sh", "-c", "echo \"$0|$1\"", "a b", "c"}, "",
                                     {}, 5s, "sendmail");
    CHECK(r.exit_code == 0);
    CHECK(r.out == "a b|c\n");
    try {
      util::run_process(std::vector<std::string>{"/nonexistent/sendmail", "-t"}, "", {}, 1s, "the sendmail command");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(std::string(e.what()).find("cannot run the sendmail command '/nonexistent/sendmail'") != std::string::npos);
    }
    CHECK_THROWS_AS(util::run_process(std::vector<std::string>{}, "", {}, 1s, "x"), Error);
  }
}

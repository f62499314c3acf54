#include "lib/io/input.hpp"

#include "lib/model/limits.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

using namespace sdesk;

namespace {

const std::size_t k_max = model::limit(model::Limited::import_record);

// The message of the Error(usage) reading every line of `input` throws, or
// "" when it reads to the end.
std::string read_error(io::Input& input)
{
  try {
    std::string_view line;
    while (input.next_line(line)) {
    }
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::usage);
    return e.what();
  }
  return "";
}

} // namespace

TEST_SUITE("io::Input")
{
  TEST_CASE("a line of exactly the import limit is read; one byte more is refused with its number")
  {
    const std::string fits = "first\n" + std::string(k_max, 'x') + "\r\nlast";
    auto ok = io::Input::from_text(fits);
    CHECK(read_error(ok).empty());
    const std::string over = "first\n" + std::string(k_max + 1, 'x') + "\nlast\n";
    auto bad = io::Input::from_text(over);
    CHECK(read_error(bad) == "line 2: longer than 16777216 bytes (accepted: see docs/limits.md)");
    auto last = io::Input::from_text("a\n" + std::string(k_max + 1, 'x'));
    CHECK(read_error(last).starts_with("line 2: longer than"));
  }

  TEST_CASE("reading a file refuses a line longer than the limit while it is still reading it")
  {
    const auto path = std::filesystem::temp_directory_path()
                      / ("sdesk-input-test-" + std::to_string(getpid()));
    {
      std::ofstream file(path, std::ios::binary);
      file << "ok\n";
      const std::string block(1 << 20, 'y');
      for (int i = 0; i < 40; ++i) { // 40 MiB, no line break
        file << block;
      }
    }
    auto input = io::Input::open(path.string());
    CHECK(read_error(input) == "line 2: longer than 16777216 bytes (accepted: see docs/limits.md)");
    CHECK(input.position() == 3); // only the first line was handed out
    std::filesystem::remove(path);
  }
}

#include "lib/hooks/discover.hpp"
#include "lib/hooks/runner.hpp"
#include "tests/unit/temp_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace sdesk;
namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& path, bool executable)
{
  fs::create_directories(path.parent_path());
  std::ofstream(path) << "#!/bin/sh\n";
  fs::permissions(path, executable ? fs::perms::owner_all : fs::perms::owner_read | fs::perms::owner_write);
}

} // namespace

TEST_SUITE("hooks::discover")
{
  TEST_CASE("hooks run by event, then name, across directories; a later directory replaces a name")
  {
    test::TempDir dir;
    const auto sys = dir.path / "sys";
    const auto usr = dir.path / "usr";
    write_file(sys / "pre-open.d" / "20-b", true);
    write_file(sys / "pre-open.d" / "10-a", true);
    write_file(usr / "pre-open.d" / "15-user", true);
    write_file(usr / "pre-open.d" / "20-b", true);
    write_file(usr / "post-commit.d" / "05-first", true);
    const auto found = hooks::discover({sys.string(), usr.string(), (dir.path / "missing").string()});
    REQUIRE(found.hooks.size() == 4);
    CHECK(found.hooks[0].name == "10-a");
    CHECK(found.hooks[1].name == "15-user");
    CHECK(found.hooks[2].name == "20-b");
    CHECK(found.hooks[2].path == (usr / "pre-open.d" / "20-b").string());
    CHECK(found.hooks[3].event == "post-commit");
    CHECK(found.ignored.empty());
    CHECK(hooks::hooks_for(found, "pre-change").empty());
  }

  TEST_CASE("files that are not executable, backups and unknown events are ignored with the reason")
  {
    test::TempDir dir;
    write_file(dir.path / "pre-change.d" / "10-off", false);
    write_file(dir.path / "pre-change.d" / "10-on~", true);
    write_file(dir.path / "pre-commit.d" / "10-x", true);
    fs::create_directories(dir.path / "pre-change.d" / "sub");
    const auto found = hooks::discover({dir.path.string()});
    CHECK(found.hooks.empty());
    REQUIRE(found.ignored.size() == 4);
    CHECK(found.ignored[0].reason == "not executable");
    CHECK(found.ignored[1].reason == "hidden or a backup file");
    CHECK(found.ignored[2].reason == "not a regular file");
    CHECK(found.ignored[3].reason.starts_with("unknown event name 'pre-commit'"));
  }
}

TEST_SUITE("hooks::retry_delay")
{
  TEST_CASE("doubles from one minute up to one hour")
  {
    CHECK(hooks::retry_delay(1) == std::chrono::seconds{60});
    CHECK(hooks::retry_delay(2) == std::chrono::seconds{120});
    CHECK(hooks::retry_delay(6) == std::chrono::seconds{1920});
    CHECK(hooks::retry_delay(7) == std::chrono::seconds{3600});
    CHECK(hooks::retry_delay(100) == std::chrono::seconds{3600});
  }
}

#include "lib/store/file_access.hpp"
#include "lib/store/open.hpp"
#include "lib/util/error.hpp"
#include "tests/unit/store/store_error.hpp"
#include "tests/unit/temp_dir.hpp"

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include <doctest/doctest.h>

using namespace sdesk;
namespace fs = std::filesystem;

namespace {

constexpr std::chrono::milliseconds k_timeout{200};

using test::TempDir;

using test::store_error;

void write_file(const fs::path& path, const std::string& text)
{
  std::ofstream(path) << text;
}

} // namespace

TEST_SUITE("store::diagnose_store_access")
{
  TEST_CASE("a missing store: 'does not exist' only where it must exist")
  {
    TempDir dir;
    const auto path = (dir.path / "desk.db").string();
    CHECK(store::diagnose_store_access(path, true)
          == "it does not exist (create one with 'sdesk init')");
    CHECK(store::diagnose_store_access(path, false).empty()); // the directory is writable
    CHECK(store::diagnose_store_access((dir.path / "no" / "desk.db").string(), true)
          == "it does not exist (create one with 'sdesk init')");
  }

  TEST_CASE("links and odd files are named")
  {
    TempDir dir;
    const auto path = (dir.path / "desk.db").string();
    store::init_store(path, {});
    CHECK(store::diagnose_store_access(path, true).empty());

    fs::create_symlink(path, dir.path / "alias.db");
    const auto alias = (dir.path / "alias.db").string();
    CHECK(store::diagnose_store_access(alias, true)
            .starts_with("'" + alias + "' is a symbolic link"));

    fs::create_symlink(dir.path / "elsewhere", path + "-wal");
    CHECK(store::diagnose_store_access(path, true)
            .starts_with("'" + path + "-wal' is a symbolic link"));
    fs::remove(path + "-wal");

    fs::create_directory(path + "-shm");
    CHECK(store::diagnose_store_access(path, true) == "'" + path + "-shm' is not a regular file");
  }
}

TEST_SUITE("store::open_store")
{
  TEST_CASE("an empty file is refused and stays empty; init makes it a store")
  {
    TempDir dir;
    const auto path = dir.path / "empty.db";
    write_file(path, "");
    const auto message = store_error([&] { store::open_store(path.string(), k_timeout); });
    CHECK(message
          == "'" + path.string() + "' is empty, not an sdesk store (create one with 'sdesk init')");
    CHECK(fs::file_size(path) == 0);
    CHECK_FALSE(fs::exists(path.string() + "-wal"));
    CHECK(store::init_store(path.string(), {}).created);
    CHECK(store::open_store(path.string(), k_timeout));
  }

  TEST_CASE("a store named through a link is refused; a link above it is followed")
  {
    TempDir dir;
    const auto path = dir.path / "desk.db";
    store::init_store(path.string(), {});
    fs::create_symlink(path, dir.path / "alias.db");
    const auto message =
      store_error([&] { store::open_store((dir.path / "alias.db").string(), k_timeout); });
    CHECK(message.find("is a symbolic link") != std::string::npos);
    fs::create_directory_symlink(dir.path, dir.path / "up");
    CHECK(store::open_store((dir.path / "up" / "desk.db").string(), k_timeout));
  }
}

TEST_SUITE("store::init_store")
{
  TEST_CASE("a link as the store is refused and its target left as it was")
  {
    TempDir dir;
    const auto target = dir.path / "target";
    write_file(target, "secret\n");
    fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write);
    const auto store_dir = dir.path / "srv";
    fs::create_directory(store_dir);
    fs::create_symlink(target, store_dir / "desk.db");
    store::InitOptions shared;
    shared.shared = true;
    const auto message =
      store_error([&] { store::init_store((store_dir / "desk.db").string(), shared); });
    CHECK(message.find("is a symbolic link") != std::string::npos);
    struct stat info{};
    REQUIRE(stat(target.c_str(), &info) == 0);
    CHECK((info.st_mode & 07777) == 0600);
    CHECK(fs::file_size(target) == 7);
  }

  TEST_CASE("a new store leaves no temporary file behind")
  {
    TempDir dir;
    CHECK(store::init_store((dir.path / "desk.db").string(), {}).created);
    int files = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path)) {
      ++files;
    }
    CHECK(files == 1);
  }
}

#include "lib/store/open.hpp"

#include "lib/store/schema.hpp"
#include "lib/store/sqlite_store.hpp"
#include "lib/util/error.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(std::string_view what, const std::string& path)
{
  throw Error(ErrorKind::store, fmt::format("cannot {} '{}': {}", what, path, std::strerror(errno)));
}

std::optional<gid_t> lookup_group(const std::optional<std::string>& name)
{
  if (!name) {
    return std::nullopt;
  }
  const struct group* entry = getgrnam(name->c_str());
  if (!entry) {
    throw Error(ErrorKind::usage, fmt::format("--group: no such group '{}'", *name));
  }
  return entry->gr_gid;
}

// Creates `dir` with `mode` (chmod'ed explicitly so the umask cannot weaken
// a shared setup) and missing parents with `parent_mode`. Returns whether
// `dir` itself was created.
bool make_directories(const fs::path& dir, mode_t mode, mode_t parent_mode, std::optional<gid_t> gid)
{
  if (dir.empty() || fs::exists(dir)) {
    return false;
  }
  make_directories(dir.parent_path(), parent_mode, parent_mode, std::nullopt);
  if (mkdir(dir.c_str(), mode) != 0 && errno != EEXIST) {
    fail("create directory", dir);
  }
  if (gid && chown(dir.c_str(), static_cast<uid_t>(-1), *gid) != 0) {
    fail("change the group of", dir);
  }
  if (chmod(dir.c_str(), mode) != 0) {
    fail("set the mode of", dir);
  }
  return true;
}

// A shared store's directory must let the group create WAL files, and pass
// its group on to them (setgid).
void share_directory(const fs::path& dir, std::optional<gid_t> gid)
{
  struct stat info{};
  if (stat(dir.c_str(), &info) != 0) {
    fail("read", dir);
  }
  if ((info.st_mode & S_IWOTH) != 0) {
    // Anyone could create or replace the -wal/-shm files next to the store.
    throw Error(ErrorKind::usage,
                fmt::format("refusing to share a store in the world-writable directory '{}'; "
                            "give it a directory of its own (e.g. /srv/sdesk/desk.db)",
                            dir.string()));
  }
  if (gid && info.st_gid != *gid && chown(dir.c_str(), static_cast<uid_t>(-1), *gid) != 0) {
    fail("change the group of", dir);
  }
  const mode_t wanted = (info.st_mode & 07777) | S_IRWXG | S_ISGID;
  if (wanted != (info.st_mode & 07777) && chmod(dir.c_str(), wanted) != 0) {
    fail("make group-writable (setgid) the directory", dir);
  }
}

// Creates (or fixes) the database file itself with the right mode and group
// before SQLite opens it; SQLite gives its -wal and -shm files the same mode.
void prepare_file(const fs::path& file, mode_t mode, std::optional<gid_t> gid)
{
  const int fd = open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, mode);
  if (fd < 0) {
    fail("create", file);
  }
  const bool ok = fchmod(fd, mode) == 0
                  && (!gid || fchown(fd, static_cast<uid_t>(-1), *gid) == 0);
  close(fd);
  if (!ok) {
    fail("set the mode or group of", file);
  }
}

} // namespace

std::unique_ptr<TicketStore> open_store(const std::string& path,
                                        std::chrono::milliseconds busy_timeout)
{
  auto db = Database::open(path, OpenMode::read_write, busy_timeout);
  migrate(db);
  return std::make_unique<SqliteStore>(std::move(db));
}

InitResult init_store(const std::string& path, const InitOptions& options)
{
  const fs::path file = fs::absolute(path);
  const auto gid = lookup_group(options.group);
  if (options.group && !options.shared) {
    throw Error(ErrorKind::usage, "--group: only for a shared store (add --shared)");
  }
  const mode_t dir_mode = options.shared ? 02770 : 0700;
  const mode_t parent_mode = options.shared ? 0755 : 0700;
  const mode_t file_mode = options.shared ? 0660 : 0600;
  make_directories(file.parent_path(), dir_mode, parent_mode, gid);
  if (options.shared) {
    share_directory(file.parent_path(), gid);
  }
  const bool existed = fs::exists(file);
  if (!existed || options.shared) {
    prepare_file(file, file_mode, gid);
  }
  auto db = Database::open(file.string(), OpenMode::read_write, options.busy_timeout);
  const int found = migrate(db);
  return {!existed || found == 0, latest_schema_version()};
}

} // namespace sdesk::store

#include "lib/store/open.hpp"

#include "lib/store/pg_backend.hpp"
#include "lib/store/pg_schema.hpp"
#include "lib/store/schema.hpp"
#include "lib/store/sqlite_backend.hpp"
#include "lib/store/store_uri.hpp"
#include "lib/store/writer_queue.hpp"
#include "lib/util/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vector>

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

// An open file descriptor, closed on destruction; move-only.
class Fd {
public:
  explicit Fd(int fd = -1)
    : m_fd(fd)
  {
  }
  Fd(Fd&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
  {
  }
  Fd& operator=(Fd&& other) noexcept
  {
    std::swap(m_fd, other.m_fd);
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd()
  {
    if (m_fd >= 0) {
      close(m_fd);
    }
  }

  int get() const { return m_fd; }

private:
  int m_fd;
};

[[noreturn]] void refuse(const std::string& message)
{
  throw Error(ErrorKind::store, message);
}

[[noreturn]] void refuse_link(const fs::path& path)
{
  refuse(fmt::format("'{}' is a symbolic link; init never follows one for the store, its "
                     "directory or its -wal and -shm files (name the real path)",
                     path.string()));
}

struct stat status_of(const Fd& fd, const fs::path& path)
{
  struct stat info{};
  if (fstat(fd.get(), &info) != 0) {
    fail("read", path);
  }
  return info;
}

// Gives the open file or directory `mode` and `gid`, each only if it
// differs: through the descriptor, so a link swapped in meanwhile is never
// what changes.
void set_mode(const Fd& fd, const fs::path& path, mode_t mode, std::optional<gid_t> gid)
{
  const struct stat info = status_of(fd, path);
  if (gid && info.st_gid != *gid && fchown(fd.get(), static_cast<uid_t>(-1), *gid) != 0) {
    fail("change the group of", path);
  }
  if ((info.st_mode & 07777) != mode && fchmod(fd.get(), mode) != 0) {
    fail("set the mode of", path);
  }
}

// Opens the directory `dir` without following a link in its last component,
// for changing its mode; or, if `follow`, only as a base for openat (O_PATH:
// no read permission needed). Throws Error(store) for a link or another
// failure.
Fd open_directory(const fs::path& dir, bool follow)
{
  const int flags = follow ? O_PATH : O_RDONLY | O_NOFOLLOW;
  const int fd = open(dir.c_str(), flags | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    const int saved = errno;
    if (fs::is_symlink(fs::symlink_status(dir))) {
      refuse_link(dir);
    }
    errno = saved;
    fail("open the directory", dir);
  }
  return Fd(fd);
}

// Creates the missing directories up to `dir`: `dir` with `mode` and `gid`,
// its missing parents with `parent_mode` (both set explicitly so the umask
// cannot weaken a shared setup). Returns whether `dir` itself was created.
bool make_directories(const fs::path& dir, mode_t mode, mode_t parent_mode, std::optional<gid_t> gid)
{
  if (dir.empty() || fs::exists(fs::symlink_status(dir))) {
    return false;
  }
  make_directories(dir.parent_path(), parent_mode, parent_mode, std::nullopt);
  if (mkdir(dir.c_str(), mode) != 0) {
    if (errno == EEXIST) {
      return false; // made meanwhile by another init
    }
    fail("create directory", dir);
  }
  set_mode(open_directory(dir, false), dir, mode, gid);
  return true;
}

// A shared store's directory must let the group create WAL files, and pass
// its group on to them (setgid). Returns the mode it must get.
mode_t shared_directory_mode(const struct stat& info, const fs::path& dir)
{
  if ((info.st_mode & S_IWOTH) != 0) {
    // Anyone could create or replace the -wal/-shm files next to the store.
    throw Error(ErrorKind::usage,
                fmt::format("refusing to share a store in the world-writable directory '{}'; "
                            "give it a directory of its own (e.g. /srv/sdesk/desk.db)",
                            dir.string()));
  }
  return (info.st_mode & 07777) | S_IRWXG | S_ISGID;
}

// Checks an existing store, -wal or -shm file opened without following a
// link: a regular file; if init is `changing` its mode, also one with no
// other name (a hard link would carry the change to another file) and, if
// `own`, owned by the caller unless the caller is root (-wal and -shm
// belong to whichever member created them).
void check_file(const Fd& fd, const fs::path& path, bool changing, bool own)
{
  const struct stat info = status_of(fd, path);
  if (!S_ISREG(info.st_mode)) {
    refuse(fmt::format("'{}' is not a regular file", path.string()));
  }
  if (!changing) {
    return;
  }
  if (info.st_nlink != 1) {
    refuse(fmt::format("'{}' has {} hard links; init changes the mode of a store only when it "
                       "has no other name",
                       path.string(), info.st_nlink));
  }
  if (own && info.st_uid != geteuid() && geteuid() != 0) {
    refuse(fmt::format("'{}' belongs to another user (uid {}); run init as its owner or as root",
                       path.string(), info.st_uid));
  }
}

// Opens `name` in the directory `dir_fd` read-only without following a
// link. Returns an invalid Fd when it does not exist; throws Error(store)
// for a link or another failure.
Fd open_in(const Fd& dir_fd, const fs::path& path)
{
  const int fd = openat(dir_fd.get(), path.filename().c_str(),
                        O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0 && errno == ELOOP) {
    refuse_link(path);
  }
  if (fd < 0 && errno != ENOENT) {
    fail("open", path);
  }
  return Fd(fd);
}

// Moves the finished store `temp` to `file` in `dir_fd` unless `file`
// exists. Returns false (and removes `temp`) when it does.
bool place(const Fd& dir_fd, const fs::path& temp, const fs::path& file)
{
  const auto from = temp.filename();
  const auto to = file.filename();
  int rc = renameat2(dir_fd.get(), from.c_str(), dir_fd.get(), to.c_str(), RENAME_NOREPLACE);
  if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) { // a file system without it
    rc = linkat(dir_fd.get(), from.c_str(), dir_fd.get(), to.c_str(), 0);
    if (rc == 0 || errno == EEXIST) {
      const int saved = errno;
      unlinkat(dir_fd.get(), from.c_str(), 0);
      errno = saved;
    }
  }
  if (rc != 0 && errno == EEXIST) {
    unlinkat(dir_fd.get(), from.c_str(), 0);
    return false;
  }
  if (rc != 0) {
    fail("create", file);
  }
  return true;
}

// Creates a new store at `file`: under a temporary name in `dir_fd`, set
// up completely, then moved into place only if `file` still does not
// exist, so that no command ever sees a half-made (empty) store, even one
// started while the default store is created on first use. Returns false
// when another process created `file` first.
bool create_store(const Fd& dir_fd, const fs::path& file, mode_t mode, std::optional<gid_t> gid,
                  std::chrono::milliseconds busy_timeout)
{
  const fs::path temp =
    file.parent_path() / fmt::format(".{}.init-{}", file.filename().string(), getpid());
  unlinkat(dir_fd.get(), temp.filename().c_str(), 0); // left by a killed init with our pid
  const Fd fd(openat(dir_fd.get(), temp.filename().c_str(),
                     O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
  if (fd.get() < 0) {
    fail("create", temp);
  }
  // The schema is written through the writers' queue of the temporary name,
  // which no other process knows: its lock file goes with it.
  const auto temp_lock = fs::path(WriterQueue::lock_file_of(temp.filename().string()));
  try {
    set_mode(fd, temp, mode, gid);
    {
      auto db = Database::open(temp.string(), OpenMode::read_write, busy_timeout);
      migrate(db);
    } // closing checkpoints the WAL into the file and removes it
    unlinkat(dir_fd.get(), temp_lock.c_str(), 0);
    return place(dir_fd, temp, file);
  } catch (...) {
    unlinkat(dir_fd.get(), temp_lock.c_str(), 0);
    unlinkat(dir_fd.get(), temp.filename().c_str(), 0);
    throw;
  }
}

// The -wal and -shm files next to the store, opened without following a
// link and checked; absent ones are left out.
std::vector<std::pair<Fd, fs::path>> open_side_files(const Fd& dir_fd, const fs::path& file,
                                                     bool changing)
{
  std::vector<std::pair<Fd, fs::path>> found;
  for (const char* suffix : {"-wal", "-shm"}) {
    const fs::path side = file.string() + suffix;
    Fd fd = open_in(dir_fd, side);
    if (fd.get() >= 0) {
      check_file(fd, side, changing, false);
      found.emplace_back(std::move(fd), side);
    }
  }
  return found;
}

} // namespace

std::unique_ptr<Backend> open_store(const std::string& path,
                                    std::chrono::milliseconds busy_timeout)
{
  if (is_store_uri(path)) {
    auto conn = PgConnection::open(path, busy_timeout);
    pg_upgrade(conn);
    return std::make_unique<PgBackend>(std::move(conn));
  }
  auto db = Database::open(path, OpenMode::read_write, busy_timeout);
  upgrade(db);
  return std::make_unique<SqliteBackend>(std::move(db));
}

InitResult init_store(const std::string& path, const InitOptions& options)
{
  if (is_store_uri(path)) {
    if (options.shared || options.group) {
      // Who may use a server's store is the server's business (roles, grants).
      throw Error(ErrorKind::usage, fmt::format("--{}: only for a store file (a PostgreSQL "
                                                "store's users are its roles)",
                                                options.shared ? "shared" : "group"));
    }
    auto conn = PgConnection::open(path, options.busy_timeout);
    const int found = pg_migrate(conn);
    return {found == 0, pg_schema_version()};
  }
  const fs::path file = fs::absolute(path);
  const fs::path dir = file.parent_path();
  const auto gid = lookup_group(options.group);
  if (options.group && !options.shared) {
    throw Error(ErrorKind::usage, "--group: only for a shared store (add --shared)");
  }
  const mode_t parent_mode = options.shared ? 0755 : 0700;
  const mode_t file_mode = options.shared ? 0660 : 0600;
  make_directories(dir, options.shared ? 02770 : 0700, parent_mode, gid);

  // Everything is checked before anything changes, and nothing is reached
  // through a link: init may run as root on a directory a group writes.
  const Fd dir_fd = open_directory(dir, !options.shared);
  const mode_t dir_mode =
    options.shared ? shared_directory_mode(status_of(dir_fd, dir), dir) : 0;
  open_side_files(dir_fd, file, options.shared);
  Fd file_fd = open_in(dir_fd, file);
  if (file_fd.get() < 0) {
    if (create_store(dir_fd, file, file_mode, gid, options.busy_timeout)) {
      if (options.shared) {
        set_mode(dir_fd, dir, dir_mode, gid);
      }
      return {true, latest_schema_version()};
    }
    file_fd = open_in(dir_fd, file); // made meanwhile: check it as any existing store
    if (file_fd.get() < 0) {
      fail("open", file);
    }
  }
  check_file(file_fd, file, options.shared, true);
  auto db = Database::open(file.string(), OpenMode::read_write, options.busy_timeout);
  check_store(db);

  if (options.shared) {
    set_mode(dir_fd, dir, dir_mode, gid);
    set_mode(file_fd, file, file_mode, gid);
    // Again: SQLite may have created them while checking the store.
    for (const auto& [fd, side] : open_side_files(dir_fd, file, true)) {
      set_mode(fd, side, file_mode, gid);
    }
  }
  // An existing empty file (as from mktemp) is set up in place: named
  // explicitly, it is init's to make a store.
  const int found = migrate(db);
  return {found == 0, latest_schema_version()};
}

} // namespace sdesk::store

#include "lib/store/file_access.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

std::string directory_of(const std::string& path)
{
  const std::string dir = std::filesystem::path(path).parent_path().string();
  return dir.empty() ? "." : dir;
}

// What keeps this process from doing `mode` (R_OK, W_OK...) to `file`, as
// the effective user; empty if nothing.
std::string access_problem(const std::string& file, int mode, std::string_view what)
{
  if (faccessat(AT_FDCWD, file.c_str(), mode, AT_EACCESS) == 0) {
    return {};
  }
  switch (errno) {
  case EACCES:
  case EPERM:
    return fmt::format("permission denied: {}'{}'", what, file);
  case EROFS:
    return fmt::format("read-only file system ({}'{}')", what, file);
  default:
    return fmt::format("{}'{}': {}", what, file, std::strerror(errno));
  }
}

std::string link_problem(const std::string& file)
{
  return fmt::format("'{}' is a symbolic link; sdesk does not follow a link to or next to the "
                     "store (name the store file itself)",
                     file);
}

// The -wal or -shm file: SQLite opens it read-write without following a
// link, or creates it in the store's directory.
std::string side_file_problem(const std::string& file, const std::string& dir)
{
  struct stat info{};
  if (lstat(file.c_str(), &info) != 0) {
    if (errno != ENOENT) {
      return access_problem(file, F_OK, "");
    }
    const auto problem = access_problem(dir, W_OK | X_OK, "directory ");
    return problem.empty() ? problem
                           : fmt::format("{} (SQLite creates '{}' there)", problem, file);
  }
  if (S_ISLNK(info.st_mode)) {
    return link_problem(file);
  }
  if (!S_ISREG(info.st_mode)) {
    return fmt::format("'{}' is not a regular file", file);
  }
  return access_problem(file, R_OK | W_OK, "");
}

} // namespace

std::string diagnose_store_access(const std::string& path, bool must_exist)
{
  const std::string dir = directory_of(path);
  struct stat info{};
  if (lstat(path.c_str(), &info) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) {
      if (must_exist) {
        return "it does not exist (create one with 'sdesk init')";
      }
      return access_problem(dir, W_OK | X_OK, "directory ");
    }
    if (errno == EACCES) {
      return fmt::format("permission denied: a directory on the way to '{}'", path);
    }
    return std::strerror(errno);
  }
  if (S_ISLNK(info.st_mode)) {
    return link_problem(path);
  }
  if (!S_ISREG(info.st_mode)) {
    return fmt::format("'{}' is not a regular file", path);
  }
  if (auto problem = access_problem(path, R_OK | W_OK, ""); !problem.empty()) {
    return problem;
  }
  for (const char* suffix : {"-wal", "-shm"}) {
    if (auto problem = side_file_problem(path + suffix, dir); !problem.empty()) {
      return problem;
    }
  }
  return {};
}

} // namespace sdesk::store

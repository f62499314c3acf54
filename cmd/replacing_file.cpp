#include "cmd/replacing_file.hpp"

#include "lib/util/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

// How many fresh names to try before giving up: a clash means someone is
// creating files of those names on purpose.
constexpr int k_attempts = 16;

} // namespace

ReplacingFile::ReplacingFile(std::string path)
  : m_path(std::move(path))
{
  std::random_device random;
  for (int attempt = 0; attempt < k_attempts; ++attempt) {
    m_temporary = fmt::format("{}.tmp.{:08x}{:08x}", m_path, random(), random());
    m_fd = ::open(m_temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (m_fd >= 0 || errno != EEXIST) {
      break;
    }
  }
  if (m_fd < 0) {
    throw Error(ErrorKind::io, fmt::format("--output: cannot create '{}': {}", m_temporary,
                                           std::strerror(errno)));
  }
}

ReplacingFile::~ReplacingFile()
{
  if (m_fd >= 0) {
    ::close(m_fd);
    std::remove(m_temporary.c_str());
  }
}

void ReplacingFile::write(std::string_view bytes)
{
  while (!bytes.empty()) {
    const ssize_t written = ::write(m_fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      fail(errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

void ReplacingFile::commit()
{
  const int fd = std::exchange(m_fd, -1);
  if (::close(fd) != 0 || std::rename(m_temporary.c_str(), m_path.c_str()) != 0) {
    const int error = errno;
    std::remove(m_temporary.c_str());
    fail(error);
  }
}

void ReplacingFile::fail(int error) const
{
  throw Error(ErrorKind::io, fmt::format("--output: cannot write '{}': {}", m_path, std::strerror(error)));
}

} // namespace sdesk::cmd

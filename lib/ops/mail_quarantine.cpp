#include "lib/ops/mail_quarantine.hpp"

#include "lib/util/error.hpp"
#include "lib/util/sha256.hpp"
#include "lib/util/strings.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sdesk::ops {

std::string quarantine(const std::string& dir, std::string_view raw, util::Time now)
{
  if (dir.empty()) {
    throw Error(ErrorKind::io, "mail.quarantine: no directory for mail that cannot be read");
  }
  std::error_code ec;
  const std::filesystem::path path(dir);
  if (path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), ec);
  }
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    throw Error(ErrorKind::io, fmt::format("quarantine {}: {}", util::quote(dir), std::strerror(errno)));
  }
  const std::string name =
    fmt::format("{}/{}-{}.eml", dir, std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count(),
                util::to_hex(util::sha256(raw)).substr(0, 16));
  const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return name; // the same bytes in the same second: kept already
    }
    throw Error(ErrorKind::io, fmt::format("quarantine {}: {}", util::quote(name), std::strerror(errno)));
  }
  std::size_t done = 0;
  while (done < raw.size()) {
    const auto n = ::write(fd, raw.data() + done, raw.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(name.c_str());
      throw Error(ErrorKind::io, fmt::format("quarantine {}: {}", util::quote(name), why));
    }
    done += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  if (::close(fd) != 0 || !synced) {
    throw Error(ErrorKind::io, fmt::format("quarantine {}: {}", util::quote(name), std::strerror(errno)));
  }
  return name;
}

} // namespace sdesk::ops

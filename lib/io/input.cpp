#include "lib/io/input.hpp"

#include "lib/model/limits.hpp"
#include "lib/util/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace sdesk::io {

namespace {

constexpr std::size_t k_initial_capacity = std::size_t{4} << 20;

} // namespace

Input Input::open(const std::string& path)
{
  if (path == "-") {
    return Input(STDIN_FILENO, false, "standard input", 0);
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw Error(ErrorKind::io, fmt::format("cannot open '{}': {}", path, std::strerror(errno)));
  }
  struct stat info {};
  const bool regular = fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
  if (!regular && S_ISDIR(info.st_mode)) {
    ::close(fd);
    throw Error(ErrorKind::io, fmt::format("cannot read '{}': it is a directory", path));
  }
  return Input(fd, true, path, regular ? static_cast<std::uint64_t>(info.st_size) : 0);
}

Input Input::from_text(std::string_view text, std::string name)
{
  Input input(-1, false, std::move(name), text.size());
  if (text.size() > input.m_capacity) {
    input.m_buffer.reset(new char[text.size() + k_padding]);
    input.m_capacity = text.size();
  }
  std::memcpy(input.m_buffer.get(), text.data(), text.size());
  std::memset(input.m_buffer.get() + text.size(), 0, k_padding);
  input.m_end = text.size();
  input.m_eof = true;
  return input;
}

Input::Input(int fd, bool owned, std::string name, std::uint64_t size)
  : m_fd(fd),
    m_owned(owned),
    m_name(std::move(name)),
    m_size(size),
    m_buffer(new char[k_initial_capacity + k_padding]),
    m_capacity(k_initial_capacity)
{
}

Input::Input(Input&& other) noexcept
  : m_fd(other.m_fd),
    m_owned(other.m_owned),
    m_name(std::move(other.m_name)),
    m_size(other.m_size),
    m_position(other.m_position),
    m_buffer(std::move(other.m_buffer)),
    m_capacity(other.m_capacity),
    m_begin(other.m_begin),
    m_end(other.m_end),
    m_eof(other.m_eof),
    m_keep(other.m_keep),
    m_kept(std::move(other.m_kept)),
    m_lines(other.m_lines)
{
  other.m_owned = false;
}

Input& Input::operator=(Input&& other) noexcept
{
  if (this != &other) {
    if (m_owned) {
      ::close(m_fd);
    }
    m_fd = other.m_fd;
    m_owned = other.m_owned;
    m_name = std::move(other.m_name);
    m_size = other.m_size;
    m_position = other.m_position;
    m_buffer = std::move(other.m_buffer);
    m_capacity = other.m_capacity;
    m_begin = other.m_begin;
    m_end = other.m_end;
    m_eof = other.m_eof;
    m_keep = other.m_keep;
    m_kept = std::move(other.m_kept);
    m_lines = other.m_lines;
    other.m_owned = false;
  }
  return *this;
}

Input::~Input()
{
  if (m_owned) {
    ::close(m_fd);
  }
}

bool Input::fill()
{
  if (m_eof) {
    return false;
  }
  // Keep the unconsumed bytes, at the front; grow when they fill the buffer.
  const std::size_t kept = m_end - m_begin;
  if (m_begin > 0) {
    std::memmove(m_buffer.get(), m_buffer.get() + m_begin, kept);
    m_begin = 0;
    m_end = kept;
  }
  if (m_end == m_capacity) {
    const std::size_t capacity = m_capacity * 2;
    std::unique_ptr<char[]> bigger(new char[capacity + k_padding]);
    std::memcpy(bigger.get(), m_buffer.get(), m_end);
    m_buffer = std::move(bigger);
    m_capacity = capacity;
  }
  for (;;) {
    const ssize_t got = ::read(m_fd, m_buffer.get() + m_end, m_capacity - m_end);
    if (got > 0) {
      m_end += static_cast<std::size_t>(got);
      std::memset(m_buffer.get() + m_end, 0, k_padding);
      return true;
    }
    if (got == 0) {
      m_eof = true;
      std::memset(m_buffer.get() + m_end, 0, k_padding);
      return false;
    }
    if (errno != EINTR) {
      throw Error(ErrorKind::io, fmt::format("cannot read '{}': {}", m_name, std::strerror(errno)));
    }
  }
}

void Input::keep(std::string_view line)
{
  if (m_keep) {
    m_kept.append(line);
    m_kept += '\n';
  }
}

void Input::fail_long_line() const
{
  throw Error(ErrorKind::usage,
              fmt::format("line {}: longer than {} bytes (accepted: see docs/limits.md)", m_lines + 1,
                          model::limit(model::Limited::import_record)));
}

bool Input::next_line(std::string_view& line)
{
  const std::size_t max = model::limit(model::Limited::import_record);
  std::size_t scanned = m_begin;
  for (;;) {
    const char* start = m_buffer.get() + m_begin;
    const void* newline = std::memchr(m_buffer.get() + scanned, '\n', m_end - scanned);
    if (newline != nullptr) {
      const std::size_t length = static_cast<std::size_t>(static_cast<const char*>(newline) - start);
      line = std::string_view(start, length);
      if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
      }
      if (line.size() > max) {
        fail_long_line();
      }
      ++m_lines;
      m_begin += length + 1;
      m_position += length + 1;
      keep(line);
      return true;
    }
    const std::size_t offset = m_end - m_begin; // already scanned, relative to m_begin
    if (offset > max + 1) { // "+ 1": room for a CR before the LF
      fail_long_line(); // stop reading: the line is too long whatever follows
    }
    if (!fill()) {
      if (m_begin == m_end) {
        return false;
      }
      line = std::string_view(m_buffer.get() + m_begin, m_end - m_begin);
      if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
      }
      if (line.size() > max) {
        fail_long_line();
      }
      ++m_lines;
      m_position += m_end - m_begin;
      m_begin = m_end;
      keep(line);
      return true;
    }
    scanned = m_begin + offset;
  }
}

std::string Input::read_rest(std::size_t max_bytes)
{
  while (m_end - m_begin < max_bytes && fill()) {
  }
  std::string rest(m_buffer.get() + m_begin, std::min(max_bytes, m_end - m_begin));
  m_position += rest.size();
  m_begin += rest.size();
  return rest;
}

std::string_view Input::peek(std::size_t count)
{
  while (m_end - m_begin < count && fill()) {
  }
  return std::string_view(m_buffer.get() + m_begin, std::min(count, m_end - m_begin));
}

} // namespace sdesk::io

#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace sdesk::io {

// An input file (or standard input) read line by line through one large
// buffer, without a copy per line.
class Input {
public:
  // Bytes readable after the end of every line handed out, so parsers that
  // read ahead need no copy.
  static constexpr std::size_t k_padding = 64;

  // Opens `path`, or standard input for "-". Throws Error(io) naming the
  // file when it cannot be opened.
  static Input open(const std::string& path);

  // An input holding `text` (tests, and text already in memory).
  static Input from_text(std::string_view text, std::string name = "text");

  Input(Input&&) noexcept;
  Input& operator=(Input&&) noexcept;
  ~Input();

  // The name for messages: the path, or "standard input".
  const std::string& name() const { return m_name; }

  // The file's size in bytes when known (a regular file), else 0.
  std::uint64_t size() const { return m_size; }

  // Bytes consumed so far (handed out as lines).
  std::uint64_t position() const { return m_position; }

  // The next line, without its "\n" or "\r\n", in `line`; false at the end.
  // A final line without "\n" counts. The view is valid until the next call.
  // Throws Error(io) when reading fails, and Error(usage) "line N: longer
  // than M bytes ..." as soon as a line is longer than the import limit
  // (model/limits.hpp), without reading the rest of it.
  bool next_line(std::string_view& line);

  // Everything not yet consumed, to the end of the input or to `max_bytes`
  // (whichever comes first), as it is (line ends included); reads no more
  // than it returns, give or take a buffer. Throws Error(io) naming the
  // input when reading fails.
  std::string read_rest(std::size_t max_bytes);

  // Up to `count` bytes ahead of the next line, without consuming them (to
  // sniff the format).
  std::string_view peek(std::size_t count);

  // From now on, keeps a copy of each line next_line() hands out, so that a
  // refused record can be quoted (import --rejects). Off by default: it
  // costs a copy of the input.
  void keep_lines() { m_keep = true; }

  // The lines handed out since the last call (each followed by "\n"), and
  // forgets them. Empty unless keep_lines() was called.
  std::string take_kept_lines() { return std::exchange(m_kept, {}); }

private:
  Input(int fd, bool owned, std::string name, std::uint64_t size);
  // Reads more input after the data already buffered; false at the end.
  bool fill();
  // Copies `line` to m_kept when keeping lines.
  void keep(std::string_view line);
  // Throws the error for a line over the import limit.
  [[noreturn]] void fail_long_line() const;

  int m_fd = -1;
  bool m_owned = false;
  std::string m_name;
  std::uint64_t m_size = 0;
  std::uint64_t m_position = 0;
  std::unique_ptr<char[]> m_buffer;
  std::size_t m_capacity = 0; // usable bytes, not counting the padding
  std::size_t m_begin = 0;    // first unconsumed byte
  std::size_t m_end = 0;      // one past the last buffered byte
  bool m_eof = false;
  bool m_keep = false;
  std::string m_kept; // lines handed out, with keep_lines()
  std::size_t m_lines = 0;    // lines handed out
};

} // namespace sdesk::io

#pragma once

// The file behind `--output FILE` (report, export): written under a
// temporary name beside FILE and renamed onto it by commit(), so a reader
// (or a mailer in cron) sees the old file or the whole new one, never half.

#include <string>
#include <string_view>

namespace sdesk::cmd {

class ReplacingFile {
public:
  // Creates the temporary file: a fresh name in FILE's directory, created
  // exclusively and without following links (the directory may be shared:
  // whoever can write it must not be able to plant a link sdesk writes
  // through), with the mode the umask leaves of 0666. Throws Error(io).
  explicit ReplacingFile(std::string path);
  ReplacingFile(const ReplacingFile&) = delete;
  ReplacingFile& operator=(const ReplacingFile&) = delete;
  // Removes the temporary file unless committed.
  ~ReplacingFile();

  // Appends `bytes`. Throws Error(io) "--output: cannot write 'FILE': ...".
  void write(std::string_view bytes);

  // Renames the temporary file onto FILE (a link at FILE is replaced, not
  // followed). Throws Error(io); the temporary file is then removed.
  void commit();

private:
  [[noreturn]] void fail(int error) const;

  std::string m_path;
  std::string m_temporary;
  int m_fd = -1;
};

} // namespace sdesk::cmd

#include "cmd/editor.hpp"

#include "lib/util/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace editing {

namespace {

std::string env_or_empty(const char* name)
{
  const char* value = std::getenv(name);
  return value ? value : "";
}

// $VISUAL (unless the terminal is dumb), $EDITOR, else `editor` (Debian's
// alternative) if it is on PATH, else `vi`.
std::string editor_command()
{
  const std::string term = env_or_empty("TERM");
  if (const auto visual = env_or_empty("VISUAL"); !visual.empty() && term != "dumb") {
    return visual;
  }
  if (const auto editor = env_or_empty("EDITOR"); !editor.empty()) {
    return editor;
  }
  const std::string path = env_or_empty("PATH");
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto end = std::min(path.find(':', start), path.size());
    const std::string dir = path.substr(start, end - start);
    if (!dir.empty() && ::access((dir + "/editor").c_str(), X_OK) == 0) {
      return "editor";
    }
    start = end + 1;
  }
  return "vi";
}

// A private file in $TMPDIR (else /tmp), made with mkstemps: mode 0600,
// O_EXCL, a random name.
class EditFile {
public:
  EditFile()
  {
    std::string dir = env_or_empty("TMPDIR");
    if (dir.empty()) {
      dir = "/tmp";
    }
    m_path = dir + "/sdesk-edit-XXXXXX.txt";
    m_fd = ::mkstemps(m_path.data(), 4);
    if (m_fd < 0) {
      throw Error(ErrorKind::io, fmt::format("cannot create a file for the editor in '{}': {}", dir,
                                             std::strerror(errno)));
    }
  }
  EditFile(const EditFile&) = delete;
  EditFile& operator=(const EditFile&) = delete;
  ~EditFile()
  {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    if (!m_kept) {
      ::unlink(m_path.c_str());
    }
  }

  void write(const std::string& text)
  {
    std::size_t done = 0;
    while (done < text.size()) {
      const ssize_t n = ::write(m_fd, text.data() + done, text.size() - done);
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n <= 0) {
        throw Error(ErrorKind::io, fmt::format("cannot write '{}': {}", m_path, std::strerror(errno)));
      }
      done += static_cast<std::size_t>(n);
    }
    ::close(m_fd);
    m_fd = -1;
  }

  // The file's contents after editing (editors may replace the file).
  std::string read() const
  {
    std::FILE* file = std::fopen(m_path.c_str(), "rb");
    if (!file) {
      throw Error(ErrorKind::io, fmt::format("cannot read '{}': {}", m_path, std::strerror(errno)));
    }
    std::string text;
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
      text.append(buffer, n);
    }
    std::fclose(file);
    return text;
  }

  const std::string& path() const { return m_path; }
  void keep() { m_kept = true; }

private:
  std::string m_path;
  int m_fd = -1;
  bool m_kept = false;
};

// Runs `editor` on `path` through /bin/sh, so that "code --wait" works, as
// git does; waits for it.
void run_editor(const std::string& editor, const std::string& path)
{
  const pid_t pid = ::fork();
  if (pid < 0) {
    throw Error(ErrorKind::io, fmt::format("cannot start editor '{}': {}", editor, std::strerror(errno)));
  }
  if (pid == 0) {
    const std::string script = editor + " \"$@\"";
    ::execl("/bin/sh", "sh", "-c", script.c_str(), editor.c_str(), path.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      throw Error(ErrorKind::io, fmt::format("editor '{}': {}", editor, std::strerror(errno)));
    }
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw Error(ErrorKind::io,
                fmt::format("editor '{}' failed ({}); nothing stored", editor,
                            WIFEXITED(status) ? fmt::format("exit status {}", WEXITSTATUS(status))
                                              : fmt::format("signal {}", WTERMSIG(status))));
  }
}

} // namespace

} // namespace editing

bool on_terminal()
{
  return ::isatty(STDIN_FILENO) == 1 && ::isatty(STDOUT_FILENO) == 1;
}

void compose(const util::EditForm& form, const std::string& title, const std::string& text,
             const std::string& what, const std::function<void(const util::EditedForm&)>& use)
{
  editing::EditFile file;
  file.write(util::render_form(form, title, text));
  editing::run_editor(editing::editor_command(), file.path());
  const std::string edited = file.read();
  const auto kept = [&file](const Error& e) {
    file.keep();
    return Error(e.kind(), fmt::format("{} (your text is kept in {})", e.what(), file.path()));
  };
  util::EditedForm parsed;
  try {
    parsed = util::parse_form(edited, form);
  } catch (const Error& e) {
    throw kept(e);
  }
  if (form.has_title ? parsed.title.empty() : parsed.text.empty()) {
    throw Error(ErrorKind::usage, fmt::format("empty {}; nothing stored", what));
  }
  try {
    use(parsed);
  } catch (const Error& e) {
    throw kept(e);
  }
}

} // namespace sdesk::cmd

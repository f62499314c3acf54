#include "lib/util/process.hpp"

#include "lib/util/error.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

extern char** environ; // POSIX: the process environment, handed to the hook

namespace sdesk::util {

namespace {

// A pipe whose ends close with the object.
class Pipe {
public:
  Pipe()
  {
    if (::pipe2(m_fds, O_CLOEXEC) != 0) {
      throw Error(ErrorKind::io, fmt::format("cannot run a program: pipe: {}", std::strerror(errno)));
    }
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  ~Pipe()
  {
    close_read();
    close_write();
  }
  int read_end() const { return m_fds[0]; }
  int write_end() const { return m_fds[1]; }
  void close_read() { close_fd(m_fds[0]); }
  void close_write() { close_fd(m_fds[1]); }

private:
  static void close_fd(int& fd)
  {
    if (fd >= 0) {
      ::close(fd);
      fd = -1;
    }
  }
  int m_fds[2] = {-1, -1};
};

// Blocks SIGPIPE in this thread for the life of the object, so that
// writing to a hook that exited without reading fails with EPIPE instead of
// ending sdesk; a SIGPIPE raised meanwhile is taken before unblocking.
class SigpipeBlock {
public:
  SigpipeBlock()
  {
    sigemptyset(&m_pipe);
    sigaddset(&m_pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &m_pipe, &m_old);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;
  ~SigpipeBlock()
  {
    const timespec zero{0, 0};
    while (sigtimedwait(&m_pipe, nullptr, &zero) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
  }

private:
  sigset_t m_pipe{};
  sigset_t m_old{};
};

// The environment of this process with `extra` added (replacing).
std::vector<std::string> environment(const std::vector<std::string>& extra)
{
  std::vector<std::string> env;
  for (char** p = environ; p != nullptr && *p != nullptr; ++p) {
    const std::string_view entry(*p);
    const auto name = entry.substr(0, entry.find('=') + 1);
    bool replaced = false;
    for (const std::string& e : extra) {
      replaced = replaced || e.starts_with(name);
    }
    if (!replaced) {
      env.emplace_back(entry);
    }
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

// Milliseconds left until `deadline` (0 when past it).
int remaining_ms(std::chrono::steady_clock::time_point deadline)
{
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
    deadline - std::chrono::steady_clock::now());
  return left.count() > 0 ? static_cast<int>(std::min<long long>(left.count(), 60000)) : 0;
}

// Appends what `fd` has to `to` (up to k_max_output); false at the end.
bool drain(int fd, std::string& to)
{
  char buffer[8192];
  const ssize_t n = ::read(fd, buffer, sizeof buffer);
  if (n > 0) {
    const std::size_t room = k_max_output - std::min(k_max_output, to.size());
    to.append(buffer, std::min(room, static_cast<std::size_t>(n)));
    return true;
  }
  return n < 0 && (errno == EINTR || errno == EAGAIN);
}

} // namespace

RunResult run_process(const std::string& path, const std::string& input,
                      const std::vector<std::string>& extra_env, std::chrono::milliseconds timeout)
{
  return run_process(std::vector<std::string>{path}, input, extra_env, timeout, "hook");
}

RunResult run_process(const std::vector<std::string>& args, const std::string& input,
                      const std::vector<std::string>& extra_env, std::chrono::milliseconds timeout,
                      std::string_view what)
{
  if (args.empty()) {
    throw Error(ErrorKind::usage, fmt::format("cannot run {}: no program named", what));
  }
  const std::string& path = args.front();
  SigpipeBlock no_sigpipe;
  Pipe in;
  Pipe out;
  Pipe err;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read_end(), 0);
  posix_spawn_file_actions_adddup2(&actions, out.write_end(), 1);
  posix_spawn_file_actions_adddup2(&actions, err.write_end(), 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none;
  sigemptyset(&none);
  sigset_t pipe_default;
  sigemptyset(&pipe_default);
  sigaddset(&pipe_default, SIGPIPE);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &pipe_default);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);

  const std::vector<std::string> env = environment(extra_env);
  std::vector<char*> envp;
  for (const std::string& e : env) {
    envp.push_back(const_cast<char*>(e.c_str()));
  }
  envp.push_back(nullptr);
  std::vector<char*> argv;
  for (const std::string& a : args) {
    argv.push_back(const_cast<char*>(a.c_str()));
  }
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, path.c_str(), &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    throw Error(ErrorKind::io, fmt::format("cannot run {} '{}': {}", what, path, std::strerror(rc)));
  }
  in.close_read();
  out.close_write();
  err.close_write();
  ::fcntl(in.write_end(), F_SETFL, O_NONBLOCK);

  RunResult result;
  std::size_t written = 0;
  if (input.empty()) {
    in.close_write();
  }
  bool out_open = true;
  bool err_open = true;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (out_open || err_open) {
    pollfd fds[3];
    nfds_t count = 0;
    const auto watch = [&](int fd, short events) {
      fds[count++] = {fd, events, 0};
    };
    if (out_open) {
      watch(out.read_end(), POLLIN);
    }
    if (err_open) {
      watch(err.read_end(), POLLIN);
    }
    if (in.write_end() >= 0) {
      watch(in.write_end(), POLLOUT);
    }
    const int left = remaining_ms(deadline);
    if (left == 0) {
      result.timed_out = true;
      break;
    }
    const int ready = ::poll(fds, count, left);
    if (ready < 0 && errno != EINTR) {
      break;
    }
    for (nfds_t i = 0; i < count && ready > 0; ++i) {
      if (fds[i].revents == 0) {
        continue;
      }
      if (fds[i].fd == in.write_end()) {
        const ssize_t n = ::write(in.write_end(), input.data() + written, input.size() - written);
        if (n > 0) {
          written += static_cast<std::size_t>(n);
        }
        if ((n < 0 && errno != EAGAIN && errno != EINTR) || written == input.size()) {
          in.close_write(); // done, or the hook stopped reading (EPIPE)
        }
      } else if (fds[i].fd == out.read_end()) {
        out_open = drain(out.read_end(), result.out);
      } else {
        err_open = drain(err.read_end(), result.err);
      }
    }
  }
  in.close_write();
  int status = 0;
  if (result.timed_out) {
    ::kill(-pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    return result;
  }
  // Output closed: the hook (or all it started) is done or about to be.
  while (true) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR)) {
      break;
    }
    if (remaining_ms(deadline) == 0) {
      result.timed_out = true;
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return result;
    }
    ::usleep(1000);
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

} // namespace sdesk::util

#include "lib/store/writer_queue.hpp"

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <optional>
#include <utility>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

namespace sdesk::store {

namespace {

using Clock = std::chrono::steady_clock;

// Ticket t is the lock on the byte at k_ticket_base + t of the lock file
// (past its content, the 8-byte counter; locks need no data there).
constexpr std::int64_t k_ticket_base = 4096;
// A counter beyond this is taken for garbage and restarted.
constexpr std::int64_t k_max_ticket = std::int64_t{1} << 48;

extern "C" void on_alarm(int /*signal*/) {}

// While alive, SIGALRM is unblocked and interrupts blocking system calls
// (no SA_RESTART): the real-time timer sends it once `timeout` has passed,
// then every 10 ms, so that a signal that arrives just before the blocking
// call starts cannot leave that call blocked. Restores the previous
// handler, signal mask and timer.
class AlarmScope {
public:
  explicit AlarmScope(std::chrono::milliseconds timeout)
  {
    struct sigaction action{};
    action.sa_handler = on_alarm;
    sigemptyset(&action.sa_mask);
    sigaction(SIGALRM, &action, &m_old_action);
    sigset_t alarm_only;
    sigemptyset(&alarm_only);
    sigaddset(&alarm_only, SIGALRM);
    sigprocmask(SIG_UNBLOCK, &alarm_only, &m_old_mask);
    itimerval timer{};
    timer.it_value.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    timer.it_value.tv_usec = static_cast<suseconds_t>(timeout.count() % 1000 * 1000);
    timer.it_interval.tv_usec = 10'000;
    setitimer(ITIMER_REAL, &timer, &m_old_timer);
  }

  AlarmScope(const AlarmScope&) = delete;
  AlarmScope& operator=(const AlarmScope&) = delete;

  ~AlarmScope()
  {
    const itimerval off{};
    setitimer(ITIMER_REAL, &off, nullptr); // a signal already sent was handled by now
    sigprocmask(SIG_SETMASK, &m_old_mask, nullptr);
    sigaction(SIGALRM, &m_old_action, nullptr);
    if (m_old_timer.it_value.tv_sec != 0 || m_old_timer.it_value.tv_usec != 0) {
      setitimer(ITIMER_REAL, &m_old_timer, nullptr);
    }
  }

private:
  struct sigaction m_old_action{};
  sigset_t m_old_mask{};
  itimerval m_old_timer{};
};

// Whether an existing lock file may order this store's writers: it must be
// a regular file, and belong to the store's owner, to this user or to the
// store's group. Otherwise a stranger who can create files in the directory
// (a store in a sticky, world-writable one) could hold a lock all writers
// wait for.
bool trustworthy(const struct stat& lock, const struct stat& store)
{
  return S_ISREG(lock.st_mode)
         && (lock.st_uid == store.st_uid || lock.st_uid == geteuid()
             || lock.st_gid == store.st_gid);
}

// The outcome of wait_until().
enum class Wait {
  done,      // the lock is held
  timed_out, // the deadline passed first
  failed,    // the lock cannot be had at all (no OFD locks, ENOLCK)
};

// Runs `attempt(false)` (a non-blocking try), then, while it would block
// and the deadline is ahead, `attempt(true)` (a blocking wait) under an
// alarm armed in `alarm` on first need. `attempt` returns 0 when it got
// the lock, else -1 with errno set.
template <class Attempt>
Wait wait_until(Clock::time_point deadline, std::optional<AlarmScope>& alarm, Attempt attempt)
{
  if (attempt(false) == 0) {
    return Wait::done;
  }
  if (errno != EWOULDBLOCK && errno != EAGAIN && errno != EACCES) {
    return Wait::failed;
  }
  for (;;) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (left <= std::chrono::milliseconds::zero()) {
      return Wait::timed_out;
    }
    if (!alarm) {
      alarm.emplace(left);
    }
    if (attempt(true) == 0) {
      return Wait::done;
    }
    if (errno != EINTR) {
      return Wait::failed;
    }
  }
}

// An open-file-description lock (fcntl `command`: F_OFD_SETLK or
// F_OFD_SETLKW) of `type` on tickets [first, first + count) (count 0: to
// the end). Returns fcntl's result.
int lock_range(int fd, int command, short type, std::int64_t first, std::int64_t count)
{
  struct flock range{};
  range.l_type = type;
  range.l_whence = SEEK_SET;
  range.l_start = static_cast<off_t>(k_ticket_base + first);
  range.l_len = static_cast<off_t>(count);
  return fcntl(fd, command, &range);
}

// Takes the next ticket: the counter in the file's first 8 bytes, plus one
// (a missing or implausible counter starts again at 1). Returns -1 when the
// file cannot be read or written. The caller holds the file's flock.
std::int64_t next_ticket(int fd)
{
  std::int64_t last = 0;
  if (pread(fd, &last, sizeof last, 0) != static_cast<ssize_t>(sizeof last) || last < 0
      || last >= k_max_ticket) {
    last = 0;
  }
  const std::int64_t ticket = last + 1;
  if (pwrite(fd, &ticket, sizeof ticket, 0) != static_cast<ssize_t>(sizeof ticket)) {
    return -1;
  }
  return ticket;
}

} // namespace

WriterQueue::WriterQueue(std::string store_path)
  : m_path(store_path.empty() ? std::string() : lock_file_of(store_path)),
    m_store_path(std::move(store_path))
{
}

WriterQueue::WriterQueue(WriterQueue&& other) noexcept
  : m_path(std::move(other.m_path)),
    m_store_path(std::move(other.m_store_path)),
    m_fd(std::exchange(other.m_fd, -1)),
    m_unusable(other.m_unusable),
    m_held(std::exchange(other.m_held, false))
{
}

WriterQueue& WriterQueue::operator=(WriterQueue&& other) noexcept
{
  if (this != &other) {
    if (m_fd >= 0) {
      close(m_fd);
    }
    m_path = std::move(other.m_path);
    m_store_path = std::move(other.m_store_path);
    m_fd = std::exchange(other.m_fd, -1);
    m_unusable = other.m_unusable;
    m_held = std::exchange(other.m_held, false);
  }
  return *this;
}

WriterQueue::~WriterQueue()
{
  if (m_fd >= 0) {
    close(m_fd);
  }
}

bool WriterQueue::open_file()
{
  if (m_fd >= 0) {
    return true;
  }
  if (m_unusable || m_path.empty()) {
    return false;
  }
  m_unusable = true; // until proven otherwise
  struct stat store{};
  if (stat(m_store_path.c_str(), &store) != 0) {
    return false;
  }
  // Read and write: the ticket counter and its lock need both. O_NONBLOCK:
  // a FIFO put in its place must not hang the open.
  const int flags = O_RDWR | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK;
  const mode_t mode = store.st_mode & 0666;
  int fd = open(m_path.c_str(), flags); // the common case: it exists
  if (fd < 0 && errno == ENOENT) {
    fd = open(m_path.c_str(), flags | O_CREAT | O_EXCL, mode);
    if (fd >= 0) {
      // Ours: undo the umask, and give it the store's group (a shared
      // store's setgid directory already did). Should either fail, other
      // users go without the queue, as they would without the file.
      if (fchmod(fd, mode) != 0 || fchown(fd, static_cast<uid_t>(-1), store.st_gid) != 0) {
        errno = 0;
      }
    } else if (errno == EEXIST) { // another writer created it meanwhile
      fd = open(m_path.c_str(), flags);
    }
  }
  if (fd < 0) {
    return false;
  }
  struct stat lock{};
  if (fstat(fd, &lock) != 0 || !trustworthy(lock, store)) {
    close(fd);
    return false;
  }
  m_fd = fd;
  m_unusable = false;
  return true;
}

bool WriterQueue::enter(std::chrono::milliseconds timeout)
{
  if (m_held || !open_file()) {
    return true;
  }
  const auto deadline = Clock::now() + timeout;
  std::optional<AlarmScope> alarm;
  // 1. A ticket: the next number, under the file's flock (held for a few
  //    system calls), and this writer's byte locked before the flock goes.
  const Wait mutex = wait_until(deadline, alarm, [this](bool block) {
    return flock(m_fd, block ? LOCK_EX : LOCK_EX | LOCK_NB);
  });
  if (mutex != Wait::done) {
    return mutex == Wait::failed; // failed: no queue to be had (ENOLCK)
  }
  const std::int64_t ticket = next_ticket(m_fd);
  const bool ticketed = ticket > 0 && lock_range(m_fd, F_OFD_SETLK, F_WRLCK, ticket, 1) == 0;
  flock(m_fd, LOCK_UN);
  if (!ticketed) {
    return true;
  }
  m_held = true;
  // 2. The turn: every earlier ticket's byte released (done, given up or
  //    its process gone). Read-locking the range below one's own ticket
  //    waits for exactly those, in ticket order: no later writer can pass.
  const Wait turn = wait_until(deadline, alarm, [this, ticket](bool block) {
    return lock_range(m_fd, block ? F_OFD_SETLKW : F_OFD_SETLK, F_RDLCK, 0, ticket);
  });
  if (turn == Wait::timed_out) {
    leave();
    return false;
  }
  return true; // Wait::failed: SQLite's lock alone decides
}

void WriterQueue::leave() noexcept
{
  if (m_held) {
    lock_range(m_fd, F_OFD_SETLK, F_UNLCK, 0, 0); // everything, to the end of the range
    m_held = false;
  }
}

} // namespace sdesk::store

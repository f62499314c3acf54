#pragma once

#include <chrono>
#include <string>

namespace sdesk::store {

// The queue of a store's writers, first come, first served, on a small
// file next to the store, `PATH.lock`. A writer takes a ticket (a counter
// in the file, incremented under a flock(2) held for a few system calls)
// and write-locks the byte of its ticket; then it waits, with a read lock
// over the bytes of all smaller tickets (fcntl F_OFD_SETLKW), until every
// writer before it has released its byte; then it runs BEGIN IMMEDIATE.
// Waiting writers sleep in the kernel and no newcomer can pass them.
// SQLite's busy handler instead polls with sleeps growing to 100 ms, so
// under heavy contention a late poller can lose every race until it times
// out (docs/shared-store.md, bench/README.md). The kernel releases the
// locks of a process that exits, however it ends. Readers never queue.
//
// The queue is only about order and fairness: SQLite's own lock still
// guarantees that one writer at a time changes the store. Where the lock
// file cannot be created or opened (a read-only directory, a file of
// another type or owner in its place), a writer goes straight to SQLite's
// lock, as without the queue. Move-only; closing releases the locks.
class WriterQueue {
public:
  // A queue for the store file `store_path`; an empty path (an in-memory
  // database) has none. Opens nothing yet.
  explicit WriterQueue(std::string store_path);

  WriterQueue(WriterQueue&& other) noexcept;
  WriterQueue& operator=(WriterQueue&& other) noexcept;
  WriterQueue(const WriterQueue&) = delete;
  WriterQueue& operator=(const WriterQueue&) = delete;
  ~WriterQueue();

  // Waits at most `timeout` to be the first in the queue (a zero timeout:
  // only if nobody is ahead). Returns false when the time ran out, having
  // left the queue; true when it is this writer's turn, or when the store
  // has no usable queue. Creates the lock file on first use with the store
  // file's permission bits and group (umask notwithstanding), never
  // following a symbolic link. While waiting, SIGALRM and the real-time interval timer
  // are borrowed and restored afterwards (sdesk uses neither otherwise).
  bool enter(std::chrono::milliseconds timeout);

  // Leaves the queue, letting the next writer in; no-op if not in it.
  void leave() noexcept;

  // The lock file's path ("" when the store has none).
  const std::string& path() const { return m_path; }

  // The lock file of the store file `store_path`: "PATH.lock".
  static std::string lock_file_of(const std::string& store_path) { return store_path + ".lock"; }

private:
  // Opens (creating if needed) the lock file; false if it cannot be used.
  bool open_file();

  std::string m_path; // the lock file
  std::string m_store_path;
  int m_fd = -1;
  bool m_unusable = false; // open_file() failed once: do not retry
  bool m_held = false;
};

} // namespace sdesk::store

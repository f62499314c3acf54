#include "lib/store/writer_queue.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <doctest/doctest.h>

using namespace sdesk;
namespace fs = std::filesystem;

namespace {

using std::chrono::milliseconds;

// A fresh temporary directory holding an empty store file, removed
// afterwards. Queues on one path in one process behave as in different
// processes: their locks belong to open file descriptions.
struct QueueDir {
  QueueDir()
  {
    std::string pattern = (fs::temp_directory_path() / "sdesk-queue-XXXXXX").string();
    dir = mkdtemp(pattern.data());
    store = (dir / "desk.db").string();
    std::ofstream(store).put('\0');
  }
  ~QueueDir() { fs::remove_all(dir); }

  // The last ticket handed out (the lock file's counter), 0 if none.
  std::int64_t last_ticket() const
  {
    std::int64_t last = 0;
    std::ifstream(store + ".lock", std::ios::binary)
      .read(reinterpret_cast<char*>(&last), sizeof last);
    return last;
  }

  fs::path dir;
  std::string store;
};

} // namespace

TEST_SUITE("store::WriterQueue")
{
  TEST_CASE("one writer at a time; a writer that gives up leaves the queue")
  {
    QueueDir d;
    store::WriterQueue first(d.store);
    store::WriterQueue second(d.store);
    CHECK(first.enter(milliseconds{0}));
    CHECK_FALSE(second.enter(milliseconds{0}));
    CHECK_FALSE(second.enter(milliseconds{30})); // waits, then gives up
    first.leave();
    CHECK(second.enter(milliseconds{0}));
    CHECK_FALSE(first.enter(milliseconds{0}));
    second.leave();
    CHECK(first.enter(milliseconds{0}));
    first.leave();
    first.leave(); // no-op
  }

  TEST_CASE("a newcomer never passes a writer that is waiting")
  {
    QueueDir d;
    store::WriterQueue holder(d.store);
    REQUIRE(holder.enter(milliseconds{0}));
    store::WriterQueue waiter(d.store);
    bool waiter_entered = false;
    std::thread thread([&] { waiter_entered = waiter.enter(milliseconds{60'000}); });
    for (int i = 0; i < 100'000 && d.last_ticket() < 2; ++i) { // until the waiter has its ticket
      std::this_thread::sleep_for(std::chrono::microseconds{100});
    }
    REQUIRE(d.last_ticket() == 2);
    holder.leave();
    // Whether or not the waiter has woken yet, it comes first.
    store::WriterQueue newcomer(d.store);
    CHECK_FALSE(newcomer.enter(milliseconds{0}));
    thread.join();
    CHECK(waiter_entered);
    CHECK_FALSE(newcomer.enter(milliseconds{0}));
    waiter.leave();
    CHECK(newcomer.enter(milliseconds{0}));
  }

  TEST_CASE("the lock file has the store's mode whatever the umask")
  {
    QueueDir d;
    chmod(d.store.c_str(), 0640);
    const mode_t old_umask = umask(077);
    store::WriterQueue queue(d.store);
    CHECK(queue.enter(milliseconds{0}));
    umask(old_umask);
    struct stat info{};
    REQUIRE(lstat(queue.path().c_str(), &info) == 0);
    CHECK(S_ISREG(info.st_mode));
    CHECK((info.st_mode & 07777) == 0640);
  }

  TEST_CASE("a symbolic link in the lock file's place is not followed: no queue")
  {
    QueueDir d;
    const fs::path target = d.dir / "target";
    fs::create_symlink(target, d.store + ".lock");
    store::WriterQueue first(d.store);
    store::WriterQueue second(d.store);
    CHECK(first.enter(milliseconds{0}));
    CHECK(second.enter(milliseconds{0})); // both go straight to SQLite's lock
    CHECK_FALSE(fs::exists(target));
  }

  TEST_CASE("an in-memory database has no queue")
  {
    store::WriterQueue queue("");
    CHECK(queue.path().empty());
    CHECK(queue.enter(milliseconds{0}));
    queue.leave();
  }
}

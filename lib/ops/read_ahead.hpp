#pragma once

// ReadAhead: produces items (import records) on a second thread while the
// caller consumes the previous ones, so that on two cores parsing JSON or
// CSV, and whatever else the source does, costs (almost) no wall time.
// Items come out in the order the source made them, and an exception the
// source throws comes out where it happened: after every item before it.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace sdesk::ops {

template <class Item>
class ReadAhead {
public:
  // Fills the next item; false at the end of the input; may throw. Runs on
  // the reading thread only.
  using Source = std::function<bool(Item&)>;

  // Starts reading `source` in batches of `batch` items, at most two
  // batches ahead of the caller.
  explicit ReadAhead(Source source, std::size_t batch = 512)
    : m_source(std::move(source)),
      m_batch_size(batch == 0 ? 1 : batch),
      m_thread([this] { read(); })
  {
  }

  // Stops the reading thread (it finishes the item it is making) and waits
  // for it.
  ~ReadAhead()
  {
    {
      std::lock_guard lock(m_mutex);
      m_stop = true;
    }
    m_changed.notify_all();
    m_thread.join();
  }

  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;

  // Moves the next item into `item`; false at the end of the input.
  // Rethrows the source's exception once the items before it are taken.
  bool next(Item& item)
  {
    while (m_taken == m_current.items.size()) {
      if (m_current.error) {
        std::rethrow_exception(std::exchange(m_current.error, nullptr));
      }
      if (m_current.last) {
        return false;
      }
      {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_ready.empty(); });
        m_current = std::move(m_ready.front());
        m_ready.pop_front();
      }
      m_changed.notify_all();
      m_taken = 0;
    }
    item = std::move(m_current.items[m_taken++]);
    return true;
  }

private:
  static constexpr std::size_t k_batches_ahead = 2;

  struct Batch {
    std::vector<Item> items;
    std::exception_ptr error; // after the items: the source threw
    bool last = false;        // no batch follows
  };

  void read()
  {
    for (;;) {
      Batch batch;
      batch.items.resize(m_batch_size);
      std::size_t filled = 0;
      try {
        while (filled < m_batch_size && m_source(batch.items[filled])) {
          ++filled;
        }
        batch.last = filled < m_batch_size;
      } catch (...) {
        batch.error = std::current_exception();
        batch.last = true;
      }
      batch.items.resize(filled);
      const bool last = batch.last;
      {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_stop || m_ready.size() < k_batches_ahead; });
        if (m_stop) {
          return;
        }
        m_ready.push_back(std::move(batch));
      }
      m_changed.notify_all();
      if (last) {
        return;
      }
    }
  }

  Source m_source;
  std::size_t m_batch_size;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<Batch> m_ready; // filled by the reading thread
  bool m_stop = false;
  Batch m_current; // being taken by next()
  std::size_t m_taken = 0;
  std::thread m_thread; // last: starts once everything above exists
};

} // namespace sdesk::ops

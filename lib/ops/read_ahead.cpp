#include "lib/ops/read_ahead.hpp"

#include <utility>

namespace sdesk::ops {

namespace {

constexpr std::size_t k_batches_ahead = 2;

} // namespace

ReadAhead::ReadAhead(Source source, std::size_t batch)
  : m_source(std::move(source)),
    m_batch_size(batch == 0 ? 1 : batch),
    m_thread([this] { read(); })
{
}

ReadAhead::~ReadAhead()
{
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_changed.notify_all();
  m_thread.join();
}

void ReadAhead::read()
{
  for (;;) {
    Batch batch;
    batch.records.resize(m_batch_size);
    std::size_t filled = 0;
    try {
      while (filled < m_batch_size && m_source(batch.records[filled])) {
        ++filled;
      }
      batch.last = filled < m_batch_size;
    } catch (...) {
      batch.error = std::current_exception();
      batch.last = true;
    }
    batch.records.resize(filled);
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

bool ReadAhead::next(io::ImportRecord& record)
{
  while (m_taken == m_current.records.size()) {
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
  record = std::move(m_current.records[m_taken++]);
  return true;
}

} // namespace sdesk::ops

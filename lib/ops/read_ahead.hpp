#pragma once

// ReadAhead: parses import records on a second thread while the caller
// stores the previous ones, so that on two cores parsing JSON or CSV costs
// (almost) no wall time. Records come out in input order, and an error the
// source throws comes out where it happened: after every record before it.

#include "lib/io/record.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sdesk::ops {

class ReadAhead {
public:
  // Fills the next record; false at the end of the input; may throw.
  using Source = std::function<bool(io::ImportRecord&)>;

  // Starts reading `source` (which is then used by the reading thread only)
  // in batches of `batch` records, at most two batches ahead.
  explicit ReadAhead(Source source, std::size_t batch = 512);

  // Stops the reading thread (it finishes the record it is parsing) and
  // waits for it.
  ~ReadAhead();

  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;

  // Moves the next record into `record`; false at the end of the input.
  // Rethrows the source's exception once the records before it are taken.
  bool next(io::ImportRecord& record);

private:
  struct Batch {
    std::vector<io::ImportRecord> records;
    std::exception_ptr error; // after the records: the source threw
    bool last = false;        // no batch follows
  };

  void read();

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

#pragma once

#include "bench/gen_lifecycle.hpp"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <vector>

namespace sdesk::bench {

// `n` arrival instants in [start, start + days), sorted: a Poisson process
// whose rate follows hour-of-day (UTC) and weekday profiles, grows 20% over
// the period, dips over the year-end holidays and in August, and varies
// from day to day (about one day in a hundred brings an incident storm).
// Given the count, such a process is `n` independent draws from its
// normalised rate.
std::vector<model::Time> arrivals(Rng& rng, std::int64_t n, model::Time start, std::int64_t days);

// One step for the store writer: append `events` (history of tickets
// already stored), then insert `ticket`, if any, which must get id
// `expected_id`.
struct WriteOp {
  std::vector<model::Event> events;
  std::optional<model::Ticket> ticket;
  model::TicketId expected_id = 0;
};

// Orders simulated tickets and their later actions by time, as they would
// reach a real store: a ticket is inserted at its creation, after every
// earlier action of older tickets. Ids are predicted (1, 2, ... in a fresh
// store) so that this can run ahead of the writer, on another thread.
class Scheduler {
public:
  // Takes ticket number `next_id`, created at `created`; returns the write
  // for it and for every action due up to its creation.
  WriteOp add(SimulatedTicket simulated);

  // The write for every action still pending.
  WriteOp finish();

private:
  struct Pending {
    model::Time at;
    std::uint64_t seq; // ties: older tickets first, then action order
    std::vector<model::Event> events;
  };
  static bool later(const Pending& a, const Pending& b);
  void take_due(model::Time until, std::vector<model::Event>& out);

  std::vector<Pending> m_heap;
  std::vector<model::Event> m_open_events; // of the ticket added last
  std::uint64_t m_seq = 0;
  model::TicketId m_next_id = 1;
};

// A bounded queue of write batches from the simulation thread to the writer.
class BatchQueue {
public:
  explicit BatchQueue(std::size_t capacity) : m_capacity(capacity) {}

  // Blocks while the queue is full; drops the batch once the queue is closed.
  void push(std::vector<WriteOp> batch);

  // Ends the stream (either side may); with `error`, pop() rethrows it.
  void close(std::exception_ptr error = nullptr);

  // The next batch, or nothing once the stream has ended.
  std::optional<std::vector<WriteOp>> pop();

private:
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<std::vector<WriteOp>> m_batches;
  std::size_t m_capacity;
  bool m_closed = false;
  std::exception_ptr m_error;
};

} // namespace sdesk::bench

#include "bench/gen_schedule.hpp"

#include <algorithm>
#include <array>
#include <chrono>

namespace sdesk::bench {

namespace {

using model::Time;

// Relative arrival rates by hour of day (UTC) and day of week (Monday first).
constexpr std::array<double, 24> k_hour_weights{
  0.05, 0.03, 0.02, 0.02, 0.03, 0.08, 0.3, 0.9, 1.6, 1.8, 1.7, 1.5,
  1.0,  1.3,  1.6,  1.5,  1.3,  1.0,  0.6, 0.35, 0.25, 0.2, 0.15, 0.1};
constexpr std::array<double, 7> k_weekday_weights{1.15, 1.1, 1.05, 1.0, 0.85, 0.15, 0.1};

double day_weight(Rng& rng, std::int64_t epoch_day, double progress)
{
  const auto date = std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{epoch_day}}};
  const auto month = static_cast<unsigned>(date.month());
  const auto day_of_month = static_cast<unsigned>(date.day());
  double w = k_weekday_weights[static_cast<std::size_t>((epoch_day + 3) % 7)]; // day 0 was a Thursday
  w *= 1.0 + 0.2 * progress;
  if ((month == 12 && day_of_month >= 24) || (month == 1 && day_of_month == 1)) {
    w *= 0.4;
  } else if (month == 8) {
    w *= 0.85;
  }
  return w * rng.uniform(0.8, 1.2) * (rng.chance(0.01) ? 2.0 : 1.0);
}

} // namespace

std::vector<Time> arrivals(Rng& rng, std::int64_t n, Time start, std::int64_t days)
{
  std::vector<double> cumulative;
  cumulative.reserve(static_cast<std::size_t>(days) * 24);
  double total = 0;
  const auto first_day = start.time_since_epoch().count() / 86400;
  for (std::int64_t d = 0; d < days; ++d) {
    const double w = day_weight(rng, first_day + d, static_cast<double>(d) / static_cast<double>(days));
    for (const double h : k_hour_weights) {
      total += w * h;
      cumulative.push_back(total);
    }
  }
  std::vector<Time> times;
  times.reserve(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    const auto slot =
      std::upper_bound(cumulative.begin(), cumulative.end(), rng.uniform() * total) - cumulative.begin();
    times.push_back(start + std::chrono::hours{slot}
                    + std::chrono::seconds{static_cast<std::int64_t>(rng.uniform(0, 3600))});
  }
  std::sort(times.begin(), times.end());
  return times;
}

bool Scheduler::later(const Pending& a, const Pending& b)
{
  return a.at != b.at ? a.at > b.at : a.seq > b.seq;
}

void Scheduler::take_due(Time until, std::vector<model::Event>& out)
{
  while (!m_heap.empty() && m_heap.front().at <= until) {
    std::pop_heap(m_heap.begin(), m_heap.end(), later);
    auto& events = m_heap.back().events;
    std::move(events.begin(), events.end(), std::back_inserter(out));
    m_heap.pop_back();
  }
}

WriteOp Scheduler::add(SimulatedTicket simulated)
{
  WriteOp op;
  op.events = std::move(m_open_events);
  take_due(simulated.ticket.created, op.events);
  op.expected_id = m_next_id++;

  m_open_events = std::move(simulated.actions.front().events);
  for (auto& e : m_open_events) {
    e.ticket_id = op.expected_id;
  }
  for (std::size_t i = 1; i < simulated.actions.size(); ++i) {
    auto& action = simulated.actions[i];
    for (auto& e : action.events) {
      e.ticket_id = op.expected_id;
    }
    m_heap.push_back({action.at, m_seq++, std::move(action.events)});
    std::push_heap(m_heap.begin(), m_heap.end(), later);
  }
  op.ticket = std::move(simulated.ticket);
  return op;
}

WriteOp Scheduler::finish()
{
  WriteOp op;
  op.events = std::move(m_open_events);
  m_open_events.clear();
  take_due(Time::max(), op.events);
  return op;
}

void BatchQueue::push(std::vector<WriteOp> batch)
{
  std::unique_lock lock(m_mutex);
  m_changed.wait(lock, [this] { return m_batches.size() < m_capacity || m_closed; });
  if (m_closed) {
    return; // the writer gave up
  }
  m_batches.push_back(std::move(batch));
  m_changed.notify_all();
}

void BatchQueue::close(std::exception_ptr error)
{
  const std::lock_guard lock(m_mutex);
  m_closed = true;
  m_error = error;
  m_changed.notify_all();
}

std::optional<std::vector<WriteOp>> BatchQueue::pop()
{
  std::unique_lock lock(m_mutex);
  m_changed.wait(lock, [this] { return !m_batches.empty() || m_closed; });
  if (m_batches.empty()) {
    if (m_error) {
      std::rethrow_exception(m_error);
    }
    return std::nullopt;
  }
  auto batch = std::move(m_batches.front());
  m_batches.pop_front();
  m_changed.notify_all();
  return batch;
}

} // namespace sdesk::bench

// sdesk_bench_gen: fills a new store with realistic tickets for the
// benchmarks (bench/run.sh, bench/README.md).
//
//   sdesk_bench_gen --tickets N [--years Y] [--seed S] [--end DATE] PATH
//
// Everything goes through the TicketStore interface the commands use
// (insert, append) in one transaction, in the store's bulk-load mode (as
// `sdesk import` uses it) with its statements prepared once; history rows
// come from model::initial_fields, model::diff and sla::refresh as in
// lib/ops. One thread simulates tickets while the main thread writes.

#include "bench/gen_schedule.hpp"
#include "lib/config/config.hpp"
#include "lib/store/open.hpp"
#include "lib/util/error.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>

namespace sdesk::bench {

namespace {

using model::Time;

struct Options {
  std::int64_t tickets = 0;
  double years = 3;
  std::uint64_t seed = 1;
  std::string end = "2026-11-01";
  std::string path;
};

constexpr std::size_t k_batch_tickets = 256;

// The simulation thread: every ticket, in creation order, as write batches.
void simulate_all(const std::vector<Time>& times, const Timeline& timeline, std::uint64_t seed,
                  BatchQueue& queue)
{
  try {
    Scheduler scheduler;
    std::vector<WriteOp> batch;
    for (std::size_t i = 0; i < times.size(); ++i) {
      // One random stream per ticket, so a ticket does not depend on the others.
      std::uint64_t stream = seed ^ (0x5DE5C0FFEEULL + i * 0x100000001B3ULL);
      Rng rng(Rng::splitmix(stream));
      batch.push_back(scheduler.add(simulate_ticket(rng, times[i], timeline)));
      if (batch.size() == k_batch_tickets) {
        queue.push(std::move(batch));
        batch.clear();
      }
    }
    batch.push_back(scheduler.finish());
    queue.push(std::move(batch));
    queue.close();
  } catch (...) {
    queue.close(std::current_exception());
  }
}

struct Written {
  std::int64_t tickets = 0;
  std::int64_t events = 0;
};

// The writer: applies batches to `store` until the stream ends.
Written write_all(store::TicketStore& store, BatchQueue& queue, std::int64_t total, bool progress)
{
  Written written;
  std::vector<model::Event> events;
  while (auto batch = queue.pop()) {
    // A batch's events are appended at once, after its tickets: the same
    // rows in the same order (an event names a ticket inserted before it),
    // one call instead of one per step (a round trip each on a server).
    events.clear();
    for (auto& op : *batch) {
      events.insert(events.end(), std::make_move_iterator(op.events.begin()),
                    std::make_move_iterator(op.events.end()));
      if (op.ticket) {
        const auto id = store.insert(*op.ticket);
        if (id != op.expected_id) {
          throw Error(ErrorKind::internal,
                      fmt::format("ticket stored as {}, expected {}: the store was not empty", id,
                                  op.expected_id));
        }
        ++written.tickets;
      }
    }
    if (!events.empty()) {
      store.append(events);
      written.events += static_cast<std::int64_t>(events.size());
    }
    if (progress) {
      fmt::print(stderr, "\rsdesk_bench_gen: {}/{} tickets", written.tickets, total);
    }
  }
  return written;
}

Time parse_end(const std::string& text)
{
  // A date alone is midnight UTC, so a seed gives the same store in any TZ.
  return util::parse_time(text.size() == 10 ? text + "T00:00Z" : text, "--end");
}

int generate(const Options& o)
{
  if (std::filesystem::exists(o.path)) {
    throw Error(ErrorKind::usage, fmt::format("'{}' exists; the generator only creates new stores", o.path));
  }
  const auto started = std::chrono::steady_clock::now();
  const bool progress = isatty(STDERR_FILENO) == 1;
  const Time end = parse_end(o.end);
  const auto days = std::max<std::int64_t>(1, std::llround(o.years * 365));
  const Time start = end - std::chrono::days{days};
  // The built-in configuration: groups, resolution codes, the SLA policy.
  const config::Config config = config::load_text("", "(bench)");
  // Still open: about 5% of tickets, mostly recent ones.
  const Timeline timeline{end, 0.05 * static_cast<double>(days) * 86400, config.sla};
  Rng rng(o.seed);
  const auto times = arrivals(rng, o.tickets, start, days);

  store::init_store(o.path, {});
  auto backend = store::open_store(o.path, std::chrono::seconds{5});
  store::TicketStore* ticket_store = &backend->tickets();

  BatchQueue queue(16);
  std::jthread simulation(simulate_all, std::cref(times), std::cref(timeline), o.seed, std::ref(queue));
  Written written;
  try {
    store::Transaction tx(*ticket_store, store::TxMode::write);
    ticket_store->begin_bulk_load();
    written = write_all(*ticket_store, queue, o.tickets, progress);
    if (progress) {
      fmt::print(stderr, "\rsdesk_bench_gen: indexing, committing and checkpointing...");
    }
    ticket_store->finish_bulk_load();
    tx.commit();
    backend.reset(); // the last connection to close checkpoints the WAL into the file
  } catch (...) {
    queue.close();
    throw;
  }
  if (progress) {
    fmt::print(stderr, "\r{:60}\r", "");
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  fmt::print("{}: {} tickets, {} history rows, {} to {}, seed {}, {:.1f} s\n", o.path, written.tickets,
             written.events, util::format_time_utc(start), util::format_time_utc(end), o.seed,
             took.count());
  return 0;
}

} // namespace

} // namespace sdesk::bench

int main(int argc, char** argv)
{
  sdesk::bench::Options o;
  CLI::App app{"Fills a new sdesk store with realistic tickets for benchmarks", "sdesk_bench_gen"};
  app.add_option("--tickets", o.tickets, "How many tickets")->required()->check(CLI::PositiveNumber);
  app.add_option("--years", o.years, "Period the tickets are spread over, ending at --end")
    ->check(CLI::PositiveNumber);
  app.add_option("--seed", o.seed, "Random seed; the same seed gives the same store");
  app.add_option("--end", o.end, "End of the period (ISO 8601; a date alone is midnight UTC)");
  app.add_option("path", o.path, "Store file to create (must not exist)")->required();
  CLI11_PARSE(app, argc, argv);
  try {
    return sdesk::bench::generate(o);
  } catch (const std::exception& e) {
    fmt::print(stderr, "sdesk_bench_gen: error: {}\n", e.what());
    return 1;
  }
}

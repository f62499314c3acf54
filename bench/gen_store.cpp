// sdesk_bench_gen: fills a fresh store with realistic tickets for the
// benchmarks (bench/run.sh, bench/README.md).
//
//   sdesk_bench_gen --tickets N [--years Y] [--seed S] [--end DATE] PATH
//
// Everything goes through the TicketStore interface the commands use
// (insert, append), in one transaction; history rows come from
// model::initial_fields and model::diff as in lib/ops.

#include "bench/gen_lifecycle.hpp"
#include "lib/store/open.hpp"
#include "lib/store/sqlite_store.hpp"
#include "lib/util/error.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
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

// Relative arrival rates by hour of day (UTC) and day of week (Monday first).
constexpr std::array<double, 24> k_hour_weights{
  0.05, 0.03, 0.02, 0.02, 0.03, 0.08, 0.3, 0.9, 1.6, 1.8, 1.7, 1.5,
  1.0,  1.3,  1.6,  1.5,  1.3,  1.0,  0.6, 0.35, 0.25, 0.2, 0.15, 0.1};
constexpr std::array<double, 7> k_weekday_weights{1.15, 1.1, 1.05, 1.0, 0.85, 0.15, 0.1};

// `n` arrival instants in [start, start + days), sorted: a Poisson process
// whose rate follows the hour and weekday profiles, grows 20% over the
// period, dips over the year-end holidays and in August, and varies from
// day to day (a few days bring an incident storm). Given the count, such a
// process is `n` independent draws from its normalised rate.
std::vector<Time> arrivals(Rng& rng, std::int64_t n, Time start, std::int64_t days)
{
  std::vector<double> cumulative;
  cumulative.reserve(static_cast<std::size_t>(days) * 24);
  double total = 0;
  const auto first_day = start.time_since_epoch().count() / 86400;
  for (std::int64_t d = 0; d < days; ++d) {
    const auto date = std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{first_day + d}}};
    const auto month = static_cast<unsigned>(date.month());
    const auto day_of_month = static_cast<unsigned>(date.day());
    double w = k_weekday_weights[static_cast<std::size_t>((first_day + d + 3) % 7)];
    w *= 1.0 + 0.2 * static_cast<double>(d) / static_cast<double>(days);
    if ((month == 12 && day_of_month >= 24) || (month == 1 && day_of_month == 1)) {
      w *= 0.4;
    } else if (month == 8) {
      w *= 0.85;
    }
    w *= rng.uniform(0.8, 1.2) * (rng.chance(0.01) ? 2.0 : 1.0);
    for (const double h : k_hour_weights) {
      total += w * h;
      cumulative.push_back(total);
    }
  }
  std::vector<Time> times;
  times.reserve(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    const auto slot = std::upper_bound(cumulative.begin(), cumulative.end(), rng.uniform() * total)
                      - cumulative.begin();
    times.push_back(start + std::chrono::hours{slot}
                    + std::chrono::seconds{static_cast<std::int64_t>(rng.uniform(0, 3600))});
  }
  std::sort(times.begin(), times.end());
  return times;
}

// Later actions of tickets already stored, written when their time comes so
// that history rows are in time order, as in a real store.
struct Pending {
  Time at;
  std::uint64_t seq;
  model::TicketId id;
  std::vector<model::Event> events;
};

bool later(const Pending& a, const Pending& b)
{
  return a.at != b.at ? a.at > b.at : a.seq > b.seq;
}

class Writer {
public:
  explicit Writer(store::TicketStore& store) : m_store(store) {}

  // Writes every pending action up to and including `until`.
  void flush(Time until)
  {
    while (!m_heap.empty() && m_heap.front().at <= until) {
      std::pop_heap(m_heap.begin(), m_heap.end(), later);
      Pending next = std::move(m_heap.back());
      m_heap.pop_back();
      write(next.id, next.events);
    }
  }

  void add(SimulatedTicket simulated)
  {
    const auto id = m_store.insert(simulated.ticket);
    write(id, simulated.actions.front().events);
    for (std::size_t i = 1; i < simulated.actions.size(); ++i) {
      auto& action = simulated.actions[i];
      m_heap.push_back({action.at, m_seq++, id, std::move(action.events)});
      std::push_heap(m_heap.begin(), m_heap.end(), later);
    }
  }

  std::int64_t events() const { return m_events; }

private:
  void write(model::TicketId id, std::vector<model::Event>& events)
  {
    for (auto& e : events) {
      e.ticket_id = id;
    }
    m_store.append(events);
    m_events += static_cast<std::int64_t>(events.size());
  }

  store::TicketStore& m_store;
  std::vector<Pending> m_heap;
  std::uint64_t m_seq = 0;
  std::int64_t m_events = 0;
};

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
  const Timeline timeline{end, 0.05 * static_cast<double>(days) * 86400};

  Rng rng(o.seed);
  const auto times = arrivals(rng, o.tickets, start, days);

  store::init_store(o.path, {});
  auto ticket_store = store::open_store(o.path, std::chrono::seconds{5});
  // Bulk-load settings for this one connection; the file stays in WAL mode.
  auto& db = dynamic_cast<store::SqliteStore&>(*ticket_store).database();
  db.exec("PRAGMA cache_size=-262144");
  if (const char* extra = std::getenv("GEN_PRAGMAS")) { db.exec(extra); }

  Writer writer(*ticket_store);
  std::chrono::duration<double> sim_time{0};
  store::Transaction tx(*ticket_store, store::TxMode::write);
  for (std::size_t i = 0; i < times.size(); ++i) {
    std::uint64_t stream = o.seed ^ (0xA5A5A5A5ULL + i);
    Rng ticket_rng(Rng::splitmix(stream));
    const auto s0 = std::chrono::steady_clock::now();
    auto simulated = simulate_ticket(ticket_rng, times[i], timeline);
    sim_time += std::chrono::steady_clock::now() - s0;
    writer.flush(times[i]);
    writer.add(std::move(simulated));
    if (progress && i % 10000 == 0) {
      fmt::print(stderr, "\rsdesk_bench_gen: {}/{} tickets", i, times.size());
    }
  }
  writer.flush(end);
  if (progress) {
    fmt::print(stderr, "\rsdesk_bench_gen: committing...                    ");
  }
  fmt::print(stderr, "sim {:.2f} s\n", sim_time.count());
  const auto c0 = std::chrono::steady_clock::now();
  tx.commit();
  ticket_store.reset();
  fmt::print(stderr, "commit+close {:.2f} s\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - c0).count());
  ticket_store.reset(); // closing checkpoints the WAL into the file
  if (progress) {
    fmt::print(stderr, "\r{:50}\r", "");
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  fmt::print("{}: {} tickets, {} history rows, {} to {}, seed {}, {:.1f} s\n", o.path, o.tickets,
             writer.events(), util::format_time_utc(start), util::format_time_utc(end), o.seed,
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
  app.add_option("--end", o.end, "End of the period (ISO 8601; a date is midnight UTC)");
  app.add_option("path", o.path, "Store file to create (must not exist)")->required();
  CLI11_PARSE(app, argc, argv);
  try {
    return sdesk::bench::generate(o);
  } catch (const std::exception& e) {
    fmt::print(stderr, "sdesk_bench_gen: error: {}\n", e.what());
    return 1;
  }
}

// sdesk_bench_load: a concurrent load for bench/load.sh. Forks WRITERS lanes
// that start together; each runs COMMAND OPENS times in a row (one process
// per run, as a script would) and records its exit status and wall time.
// Prints the number of commands, the failures by exit status and the
// latency median, p90, p99 and maximum.
//
//   sdesk_bench_load WRITERS OPENS COMMAND [ARGS...]
//
// In ARGS, "{w}" becomes the lane number and "{i}" the run number within
// the lane. The commands' standard output goes to /dev/null; their standard
// error is the driver's.
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

// One command's outcome, in memory shared by the lanes and the driver.
struct Record {
  int status = -1;       // as from waitpid; -1: never ran
  std::int64_t nanos = 0; // wall time from spawn to exit
};

// Monotonic time in nanoseconds.
std::int64_t now_ns()
{
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return std::int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

// `text` with every "{w}" replaced by `lane` and "{i}" by `run`.
std::string expand(std::string text, int lane, int run)
{
  for (const auto& [key, value] : {std::pair{std::string("{w}"), std::to_string(lane)},
                                   std::pair{std::string("{i}"), std::to_string(run)}}) {
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at)) {
      text.replace(at, key.size(), value);
      at += value.size();
    }
  }
  return text;
}

// Parses a positive count; exits with usage on anything else.
int count_arg(const char* text)
{
  int value = 0;
  const std::string_view view(text);
  const auto [end, ec] = std::from_chars(view.data(), view.data() + view.size(), value);
  if (ec != std::errc() || end != view.data() + view.size() || value <= 0) {
    std::fprintf(stderr, "sdesk_bench_load: bad count '%s'\n", text);
    std::exit(2);
  }
  return value;
}

// Runs lane `lane`: waits until `start_fd` reaches end of file, then runs the
// command `runs` times, filling records[0, runs).
[[noreturn]] void run_lane(int lane, int runs, int start_fd, char** command, Record* records)
{
  char byte = 0;
  while (read(start_fd, &byte, 1) > 0) {
  }
  close(start_fd);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  for (int run = 0; run < runs; ++run) {
    std::vector<std::string> words;
    for (char** arg = command; *arg; ++arg) {
      words.push_back(expand(*arg, lane, run));
    }
    std::vector<char*> argv;
    for (auto& word : words) {
      argv.push_back(word.data());
    }
    argv.push_back(nullptr);
    const std::int64_t start = now_ns();
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
      std::fprintf(stderr, "sdesk_bench_load: cannot run '%s'\n", argv[0]);
      _exit(1);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    records[run] = {status, now_ns() - start};
  }
  _exit(0);
}

// The `q`-quantile (nearest rank) of sorted `values`, in milliseconds.
double quantile_ms(const std::vector<std::int64_t>& values, double q)
{
  if (values.empty()) {
    return 0;
  }
  auto rank = static_cast<std::size_t>(q * static_cast<double>(values.size()) + 0.999999);
  rank = std::clamp<std::size_t>(rank, 1, values.size());
  return static_cast<double>(values[rank - 1]) / 1e6;
}

} // namespace

int main(int argc, char** argv)
{
  if (argc < 4) {
    std::fprintf(stderr, "usage: sdesk_bench_load WRITERS OPENS COMMAND [ARGS...]\n");
    return 2;
  }
  const int writers = count_arg(argv[1]);
  const int runs = count_arg(argv[2]);
  const std::size_t total = static_cast<std::size_t>(writers) * static_cast<std::size_t>(runs);
  void* shared = mmap(nullptr, total * sizeof(Record), PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED) {
    std::perror("sdesk_bench_load: mmap");
    return 1;
  }
  auto* records = static_cast<Record*>(shared);
  std::fill(records, records + total, Record{});

  int start[2];
  if (pipe(start) != 0) {
    std::perror("sdesk_bench_load: pipe");
    return 1;
  }
  std::vector<pid_t> lanes;
  for (int lane = 0; lane < writers; ++lane) {
    const pid_t pid = fork();
    if (pid < 0) {
      std::perror("sdesk_bench_load: fork");
      return 1;
    }
    if (pid == 0) {
      close(start[1]);
      run_lane(lane, runs, start[0], argv + 3, records + static_cast<std::size_t>(lane) * runs);
    }
    lanes.push_back(pid);
  }
  close(start[0]);
  const std::int64_t begin = now_ns();
  close(start[1]); // all lanes start now
  for (const pid_t pid : lanes) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  const double wall = static_cast<double>(now_ns() - begin) / 1e9;

  std::vector<std::int64_t> nanos;
  std::map<std::string, int> failures;
  for (std::size_t k = 0; k < total; ++k) {
    const Record& r = records[k];
    nanos.push_back(r.nanos);
    if (r.status < 0) {
      ++failures["not run"];
    } else if (WIFSIGNALED(r.status)) {
      ++failures["signal " + std::to_string(WTERMSIG(r.status))];
    } else if (WEXITSTATUS(r.status) != 0) {
      ++failures["exit " + std::to_string(WEXITSTATUS(r.status))];
    }
  }
  std::sort(nanos.begin(), nanos.end());
  int failed = 0;
  std::string by_code;
  for (const auto& [what, n] : failures) {
    failed += n;
    by_code += (by_code.empty() ? "" : ", ") + what + ": " + std::to_string(n);
  }
  std::printf("commands %zu  failed %d%s%s%s  wall %.2f s  %.0f commands/s\n", total, failed,
              by_code.empty() ? "" : " (", by_code.c_str(), by_code.empty() ? "" : ")", wall,
              static_cast<double>(total) / wall);
  std::printf("latency ms  median %.1f  p90 %.1f  p99 %.1f  max %.1f\n", quantile_ms(nanos, 0.5),
              quantile_ms(nanos, 0.9), quantile_ms(nanos, 0.99), quantile_ms(nanos, 1.0));
  return 0;
}

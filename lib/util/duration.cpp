#include "lib/util/duration.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include <fmt/format.h>

namespace sdesk::util {

namespace {

struct Unit {
  char letter;
  std::chrono::seconds length;
};

constexpr std::array<Unit, 5> k_units{{
  {'w', std::chrono::weeks{1}},
  {'d', std::chrono::days{1}},
  {'h', std::chrono::hours{1}},
  {'m', std::chrono::minutes{1}},
  {'s', std::chrono::seconds{1}},
}};

// The longest duration accepted, about 100 years: far beyond any timeout
// or target, and far from overflowing the arithmetic of times.
constexpr std::chrono::seconds k_longest = std::chrono::weeks{5200};

} // namespace

std::chrono::seconds parse_duration(std::string_view text, std::string_view what)
{
  const auto fail = [&] {
    return Error(ErrorKind::usage,
                 fmt::format("{}: bad duration {} (accepted: e.g. 45s, 30m, 4h, 1h30m, 2d, 1w)",
                             what, quote(text)));
  };
  std::string_view rest = text;
  std::chrono::seconds total{0};
  std::size_t next_unit = 0; // units must appear largest first, each once
  if (rest.empty()) {
    throw fail();
  }
  while (!rest.empty()) {
    long long value = 0;
    const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
    if (ec != std::errc() || ptr == rest.data() || ptr == rest.data() + rest.size()) {
      throw fail();
    }
    rest.remove_prefix(static_cast<std::size_t>(ptr - rest.data()));
    const char letter = rest.front();
    rest.remove_prefix(1);
    std::size_t i = next_unit;
    while (i < k_units.size() && k_units[i].letter != letter) {
      ++i;
    }
    if (i == k_units.size() || value < 0) {
      throw fail();
    }
    if (value > (k_longest - total) / k_units[i].length) { // checked before it could overflow
      throw Error(ErrorKind::usage,
                  fmt::format("{}: bad duration '{}' (accepted: e.g. 45s, 30m, 4h, 1h30m, 2d, 1w; at most {}w)",
                              what, text, std::chrono::duration_cast<std::chrono::weeks>(k_longest).count()));
    }
    total += value * k_units[i].length;
    next_unit = i + 1;
  }
  return total;
}

std::string format_duration(std::chrono::seconds d)
{
  const bool negative = d.count() < 0;
  const long long s = negative ? -d.count() : d.count();
  const long long days = s / 86400;
  const long long hours = s % 86400 / 3600;
  const long long minutes = s % 3600 / 60;
  std::string text;
  if (days > 0) {
    text = fmt::format("{}d {}h", days, hours);
  } else if (hours > 0) {
    text = fmt::format("{}h {:02}m", hours, minutes);
  } else {
    text = fmt::format("{}m", minutes);
  }
  return negative ? "-" + text : text;
}

std::chrono::seconds retry_delay(std::int64_t attempts)
{
  constexpr std::chrono::seconds k_first{60};
  constexpr std::chrono::seconds k_most{3600};
  std::chrono::seconds delay = k_first;
  for (std::int64_t i = 1; i < attempts && delay < k_most; ++i) {
    delay *= 2;
  }
  return std::min(delay, k_most);
}

} // namespace sdesk::util

#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace sdesk::bench {

// xoshiro256** seeded through splitmix64. Hand-written (not <random>'s
// distributions, whose output differs between standard libraries) so that a
// seed gives the same store everywhere.
class Rng {
public:
  explicit Rng(std::uint64_t seed)
  {
    for (auto& word : m_state) {
      word = splitmix(seed);
    }
  }

  // A well-mixed 64-bit value; also used to derive one stream per ticket.
  static std::uint64_t splitmix(std::uint64_t& x)
  {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  std::uint64_t next()
  {
    const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
    const std::uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
  }

  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // Uniform in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  // Uniform integer in [0, n).
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(uniform() * static_cast<double>(n)); }

  // Uniform integer in [lo, hi].
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1))); }

  // True with probability `p`.
  bool chance(double p) { return uniform() < p; }

  // Standard normal (Box-Muller).
  double normal()
  {
    const double u1 = 1.0 - uniform(); // (0, 1]
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

  // Log-normal with the given median and spread (sigma of the log).
  double lognormal(double median, double sigma) { return median * std::exp(sigma * normal()); }

  // An element of `items`, uniformly.
  template<typename T>
  const T& pick(std::span<const T> items)
  {
    return items[below(items.size())];
  }

  // An index in [0, weights.size()) with probability proportional to its weight.
  std::size_t weighted(std::span<const double> weights)
  {
    double total = 0;
    for (const double w : weights) {
      total += w;
    }
    double x = uniform() * total;
    for (std::size_t i = 0; i + 1 < weights.size(); ++i) {
      if (x < weights[i]) {
        return i;
      }
      x -= weights[i];
    }
    return weights.size() - 1;
  }

private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  std::uint64_t m_state[4]{};
};

} // namespace sdesk::bench

#include "lib/report/stats.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using sdesk::report::percentile;
using sdesk::report::summarize;

// Expected values are numpy.percentile(x, q) (default "linear" method),
// worked by hand: h = (n - 1) * q / 100, x[floor h] + frac(h) * (next - x[floor h]).
TEST_SUITE("report::stats")
{
  TEST_CASE("percentiles interpolate linearly between closest ranks")
  {
    const std::vector<double> four{1, 2, 3, 4};
    CHECK(percentile(four, 0.5) == doctest::Approx(2.5)); // h = 1.5
    CHECK(percentile(four, 0.9) == doctest::Approx(3.7)); // h = 2.7
    CHECK(percentile(four, 0.0) == 1);
    CHECK(percentile(four, 1.0) == 4);
    const std::vector<double> five{15, 20, 35, 40, 50};
    CHECK(percentile(five, 0.5) == 35);                   // h = 2
    CHECK(percentile(five, 0.9) == doctest::Approx(46));  // h = 3.6: 40 + 0.6 * 10
    CHECK(percentile(five, 0.25) == 20);                  // h = 1
    CHECK(percentile(std::vector<double>{1, 2}, 0.9) == doctest::Approx(1.9));
    CHECK(percentile(std::vector<double>{7}, 0.9) == 7);
  }

  TEST_CASE("summaries select the same values as percentile() on sorted data")
  {
    std::vector<double> sample;
    for (int i = 0; i < 1001; ++i) {
      sample.push_back(static_cast<double>((i * 7919) % 1009) / 3.0);
    }
    std::vector<double> sorted = sample;
    std::sort(sorted.begin(), sorted.end());
    const auto s = summarize(sample);
    CHECK(*s.median == percentile(sorted, 0.5));
    CHECK(*s.p90 == doctest::Approx(percentile(sorted, 0.9)));
    std::vector<double> two{5, 1};
    CHECK(*summarize(two).p90 == doctest::Approx(4.6)); // 1 + 0.9 * 4
  }

  TEST_CASE("summaries equal percentile() on sorted data for every small size, with ties")
  {
    // Sizes 1..40 cover every relation between the median's and the 90th
    // percentile's ranks (equal, adjacent, apart); ties test the partition.
    for (std::size_t n = 1; n <= 40; ++n) {
      std::vector<double> sample;
      for (std::size_t i = 0; i < n; ++i) {
        sample.push_back(static_cast<double>((i * 37 + n) % 11));
      }
      std::vector<double> sorted = sample;
      std::sort(sorted.begin(), sorted.end());
      const auto s = summarize(sample);
      CAPTURE(n);
      CHECK(*s.median == percentile(sorted, 0.5));
      CHECK(*s.p90 == percentile(sorted, 0.9));
    }
  }

  TEST_CASE("a summary of any order; an empty sample has no statistics")
  {
    std::vector<double> values{50, 15, 40, 20, 35};
    const auto s = summarize(values);
    CHECK(s.count == 5);
    CHECK(*s.mean == doctest::Approx(32));
    CHECK(*s.median == 35);
    CHECK(*s.p90 == doctest::Approx(46));
    std::vector<double> none;
    const auto e = summarize(none);
    CHECK(e.count == 0);
    CHECK_FALSE(e.mean);
    CHECK_FALSE(e.median);
    CHECK_FALSE(e.p90);
  }
}

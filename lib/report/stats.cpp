#include "lib/report/stats.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sdesk::report {

double percentile(const std::vector<double>& sorted, double p)
{
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const double lower = std::floor(h);
  const auto i = static_cast<std::size_t>(lower);
  if (i + 1 >= sorted.size()) {
    return sorted.back();
  }
  return sorted[i] + (h - lower) * (sorted[i + 1] - sorted[i]);
}

namespace {

// percentile() without sorting: two order statistics found by selection,
// O(n) instead of O(n log n). Reorders `values`.
double select_percentile(std::vector<double>& values, double p)
{
  const double h = static_cast<double>(values.size() - 1) * p;
  const double lower = std::floor(h);
  const auto i = static_cast<std::ptrdiff_t>(lower);
  std::nth_element(values.begin(), values.begin() + i, values.end());
  const double a = values[static_cast<std::size_t>(i)];
  if (static_cast<std::size_t>(i) + 1 >= values.size()) {
    return a;
  }
  const double b = *std::min_element(values.begin() + i + 1, values.end());
  return a + (h - lower) * (b - a);
}

} // namespace

Summary summarize(std::vector<double>& values)
{
  Summary s;
  s.count = static_cast<std::int64_t>(values.size());
  if (values.empty()) {
    return s;
  }
  s.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
  s.median = select_percentile(values, 0.5);
  s.p90 = select_percentile(values, 0.9);
  return s;
}

} // namespace sdesk::report

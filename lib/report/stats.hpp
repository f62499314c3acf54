#pragma once

// Summary statistics of a sample: count, mean, median and 90th percentile.

#include <cstdint>
#include <optional>
#include <vector>

namespace sdesk::report {

// The p-th quantile (0 <= p <= 1) of `sorted` (ascending, non-empty) by
// linear interpolation between closest ranks: with h = (n - 1) * p, the
// value x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)]).
// This is Excel's PERCENTILE.INC and numpy's default ("linear") method.
double percentile(const std::vector<double>& sorted, double p);

// A sample's summary; the statistics are absent for an empty sample.
struct Summary {
  std::int64_t count = 0;
  std::optional<double> mean;
  std::optional<double> median; // percentile 0.5
  std::optional<double> p90;    // percentile 0.9
};

// Summarises `values` (any order; reordered in place). Same results as
// percentile() on the sorted values, found by selection in O(n).
Summary summarize(std::vector<double>& values);

} // namespace sdesk::report

#include "lib/report/aggregate.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

namespace sdesk::report {

namespace {

constexpr double k_seconds_per_hour = 3600.0;


// Histogram bin edges in hours; the last bin is open-ended.
constexpr std::array<double, 8> k_bin_edges{0, 1, 4, 8, 24, 48, 120, 240};
constexpr std::array<std::string_view, 8> k_bin_labels{"<1h",   "1-4h",  "4-8h",   "8-24h",
                                                        "1-2d", "2-5d", "5-10d", ">=10d"};

using OptTime = std::optional<std::int64_t>;

// The figures of one window, with the raw durations (seconds) kept until
// finish for the percentiles.
class Accumulator {
public:
  Accumulator(std::int64_t from, std::int64_t to, std::int64_t as_of, bool keep_durations)
    : m_from(from),
      m_to(to),
      m_as_of(as_of),
      m_keep(keep_durations)
  {
  }

  void add(const store::ReportTicket& t)
  {
    if (inside(t.created)) {
      ++m_figures.opened;
      if (m_keep && t.first_response) {
        m_response.push_back(static_cast<double>(*t.first_response - t.created));
      }
      if (m_keep && t.response_business && t.first_response) {
        m_business_response.push_back(static_cast<double>(*t.response_business));
      }
    }
    if (inside(t.resolved)) {
      ++m_figures.resolved;
      if (m_keep) {
        m_resolution.push_back(static_cast<double>(*t.resolved - t.created));
        if (t.resolution_business) {
          m_business_resolution.push_back(static_cast<double>(*t.resolution_business));
        }
      }
    }
    if (inside(t.closed)) {
      ++m_figures.closed;
    }
    if (t.created < m_to && !before(t.resolved, m_to) && !before(t.closed, m_to)) {
      ++m_figures.backlog;
    }
    add_response_sla(t);
    add_resolution_sla(t);
  }

  void add(const store::ReportEvent& e)
  {
    if (!inside(e.at)) {
      return;
    }
    ++(e.action == store::ReportAction::reopen ? m_figures.reopened : m_figures.escalated);
  }

  // Computes the summaries; `total` (if any) receives the raw durations too.
  Figures finish(Accumulator* total)
  {
    if (total) {
      append(total->m_response, m_response);
      append(total->m_business_response, m_business_response);
      append(total->m_resolution, m_resolution);
      append(total->m_business_resolution, m_business_resolution);
    }
    m_figures.response_hours = hours(m_response);
    m_figures.business_response_hours = hours(m_business_response);
    m_figures.resolution_hours = hours(m_resolution);
    m_figures.business_resolution_hours = hours(m_business_resolution);
    return m_figures;
  }

  Figures& figures() { return m_figures; }
  const std::vector<double>& resolution_seconds() const { return m_resolution; }

private:
  bool inside(const OptTime& t) const { return t && *t >= m_from && *t < m_to; }
  bool inside(std::int64_t t) const { return t >= m_from && t < m_to; }
  static bool before(const OptTime& t, std::int64_t limit) { return t && *t < limit; }

  // Met or breached by a first response in the window; breached when the
  // due time falls in the window (and has passed) and there was no response
  // by its end (unless the ticket was resolved or closed before the due time).
  void add_response_sla(const store::ReportTicket& t)
  {
    if (!t.response_due) {
      return;
    }
    const auto due = *t.response_due;
    if (inside(t.first_response)) {
      ++(*t.first_response <= due ? m_figures.sla_response.met : m_figures.sla_response.breached);
    } else if (!before(t.first_response, m_to) && inside(due) && due < m_as_of
               && !before(t.resolved, due) && !before(t.closed, due)) {
      ++m_figures.sla_response.breached;
    }
  }

  // Met or breached by a resolution in the window; breached when the due
  // time falls in the window (and has passed) and the ticket is still
  // unresolved at its end.
  void add_resolution_sla(const store::ReportTicket& t)
  {
    if (!t.resolution_due) {
      return;
    }
    const auto due = *t.resolution_due;
    if (inside(t.resolved)) {
      ++(*t.resolved <= due ? m_figures.sla_resolution.met : m_figures.sla_resolution.breached);
    } else if (!before(t.resolved, m_to) && !before(t.closed, m_to) && inside(due)
               && due < m_as_of) {
      ++m_figures.sla_resolution.breached;
    }
  }

  static void append(std::vector<double>& to, const std::vector<double>& from)
  {
    to.insert(to.end(), from.begin(), from.end());
  }

  static Summary hours(std::vector<double>& seconds)
  {
    Summary s = summarize(seconds);
    const auto scale = [](std::optional<double>& v) {
      if (v) {
        *v /= k_seconds_per_hour;
      }
    };
    scale(s.mean);
    scale(s.median);
    scale(s.p90);
    return s;
  }

  std::int64_t m_from;
  std::int64_t m_to;
  std::int64_t m_as_of;
  bool m_keep;
  Figures m_figures;
  std::vector<double> m_response;
  std::vector<double> m_business_response;
  std::vector<double> m_resolution;
  std::vector<double> m_business_resolution;
};

bool any(const Figures& f)
{
  return f.opened || f.resolved || f.closed || f.reopened || f.escalated || f.backlog
         || f.response_hours.count || f.sla_response.met || f.sla_response.breached
         || f.sla_resolution.met || f.sla_resolution.breached;
}

// Priorities sort by number ("P10" after "P9"), names A-Z, absent last.
bool key_less(const std::vector<std::optional<std::string>>& a,
              const std::vector<std::optional<std::string>>& b,
              const std::vector<Dimension>& by)
{
  for (std::size_t i = 0; i < by.size(); ++i) {
    if (a[i] == b[i]) {
      continue;
    }
    if (!a[i] || !b[i]) {
      return b[i] == std::nullopt;
    }
    if (by[i] == Dimension::priority && a[i]->size() != b[i]->size()) {
      return a[i]->size() < b[i]->size();
    }
    return *a[i] < *b[i];
  }
  return false;
}

std::int64_t seconds(Time t)
{
  return t.time_since_epoch().count();
}

} // namespace

// --- Builder --------------------------------------------------------------------

struct Builder::State {
  Period period;
  std::vector<Dimension> by;
  std::vector<Period> months;
  std::int64_t from;
  std::int64_t to;
  std::int64_t as_of;
  std::unordered_map<std::string, std::size_t> index; // joined key -> rows
  std::vector<std::vector<std::optional<std::string>>> keys;
  std::vector<Accumulator> rows;
  std::vector<Accumulator> trend;
  std::map<int, Accumulator> by_priority; // SLA counts only

  std::string joined; // row()'s buffer, kept between calls

  // The row of the report that `k` belongs to. Runs for every ticket and
  // event of the period, so its look-up key is built in a buffer kept
  // between calls, and the key's values are copied only for a new row.
  Accumulator& row(const store::ReportKeys& k)
  {
    joined.clear();
    for (const Dimension d : by) {
      const auto value = key_value(k, d);
      // \x1f separates fields; \x1e marks an absent value.
      joined += value ? *value : std::string_view("\x1e");
      joined += '\x1f';
    }
    if (const auto it = index.find(joined); it != index.end()) {
      return rows[it->second];
    }
    std::vector<std::optional<std::string>> key;
    for (const Dimension d : by) {
      key.push_back(key_value(k, d));
    }
    index.emplace(joined, rows.size());
    keys.push_back(std::move(key));
    return rows.emplace_back(from, to, as_of, true);
  }

  Accumulator& priority(int p)
  {
    return by_priority.try_emplace(p, from, to, as_of, false).first->second;
  }
};

Builder::Builder(Period period, std::vector<Dimension> by, std::vector<Period> trend_months,
                 Time as_of)
  : m_state(std::make_unique<State>())
{
  State& s = *m_state;
  s.period = std::move(period);
  s.by = std::move(by);
  s.months = std::move(trend_months);
  s.from = seconds(s.period.from);
  s.to = seconds(s.period.to);
  s.as_of = seconds(as_of);
  for (const Period& m : s.months) {
    s.trend.emplace_back(seconds(m.from), seconds(m.to), s.as_of, true);
  }
}

Builder::~Builder() = default;

void Builder::add(const store::ReportTicket& ticket)
{
  State& s = *m_state;
  s.row(ticket.keys).add(ticket);
  s.priority(ticket.keys.priority).add(ticket);
  for (Accumulator& month : s.trend) {
    month.add(ticket);
  }
}

void Builder::add(const store::ReportEvent& event)
{
  State& s = *m_state;
  s.row(event.keys).add(event);
  for (Accumulator& month : s.trend) {
    month.add(event);
  }
}

Report Builder::finish()
{
  State& s = *m_state;
  Report report;
  report.period = s.period;
  report.by = s.by;
  Accumulator total(s.from, s.to, s.as_of, true);
  for (std::size_t i = 0; i < s.rows.size(); ++i) {
    const Figures f = s.rows[i].finish(&total);
    Figures& t = total.figures();
    t.opened += f.opened;
    t.resolved += f.resolved;
    t.closed += f.closed;
    t.reopened += f.reopened;
    t.escalated += f.escalated;
    t.backlog += f.backlog;
    t.sla_response.met += f.sla_response.met;
    t.sla_response.breached += f.sla_response.breached;
    t.sla_resolution.met += f.sla_resolution.met;
    t.sla_resolution.breached += f.sla_resolution.breached;
    if (!s.by.empty() && any(f)) { // ungrouped: the total says it all
      report.rows.push_back({std::move(s.keys[i]), f});
    }
  }
  std::sort(report.rows.begin(), report.rows.end(),
            [&](const Row& a, const Row& b) { return key_less(a.key, b.key, s.by); });

  for (std::size_t i = 0; i < k_bin_edges.size(); ++i) {
    HistogramBin bin;
    bin.label = std::string(k_bin_labels[i]);
    bin.from_hours = k_bin_edges[i];
    if (i + 1 < k_bin_edges.size()) {
      bin.to_hours = k_bin_edges[i + 1];
    }
    report.resolution_histogram.push_back(bin);
  }
  for (const double value : total.resolution_seconds()) {
    const double h = value / k_seconds_per_hour;
    std::size_t bin = 0;
    while (bin + 1 < k_bin_edges.size() && h >= k_bin_edges[bin + 1]) {
      ++bin;
    }
    ++report.resolution_histogram[bin].count;
  }
  report.total = total.finish(nullptr);

  for (std::size_t i = 0; i < s.trend.size(); ++i) {
    report.trend.push_back({s.months[i], s.trend[i].finish(nullptr)});
  }
  for (auto& [p, acc] : s.by_priority) {
    const Figures& f = acc.figures();
    if (f.sla_response.met + f.sla_response.breached + f.sla_resolution.met
          + f.sla_resolution.breached
        > 0) {
      report.sla_by_priority.push_back({p, f.sla_response, f.sla_resolution});
    }
  }
  return report;
}

} // namespace sdesk::report

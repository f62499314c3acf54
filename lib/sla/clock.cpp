#include "lib/sla/clock.hpp"

#include "lib/util/error.hpp"

#include <algorithm>
#include <string_view>

namespace sdesk::sla {

using std::chrono::seconds;

namespace {

constexpr std::string_view k_paused = "paused";

// A closed-off pause: [begin, end), end == Time::max() while still paused.
struct Interval {
  Time begin;
  Time end;
};

bool is_open(const Interval& interval)
{
  return interval.end == Time::max();
}

// Returns the pauses sorted, with overlapping or touching ones merged and
// empty ones dropped. Throws Error(internal) for a pause ending before it
// begins.
std::vector<Interval> merge_pauses(std::span<const Pause> pauses)
{
  std::vector<Interval> sorted;
  sorted.reserve(pauses.size());
  for (const Pause& pause : pauses) {
    const Time end = pause.end.value_or(Time::max());
    if (end < pause.begin) {
      throw Error(ErrorKind::internal,
                  "sla pause ends before it begins (" + date::format("%FT%TZ", end) + " < "
                    + date::format("%FT%TZ", pause.begin) + "); accepted: end >= begin");
    }
    if (end > pause.begin) {
      sorted.push_back({pause.begin, end});
    }
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const Interval& a, const Interval& b) { return a.begin < b.begin; });
  std::vector<Interval> merged;
  for (const Interval& interval : sorted) {
    if (!merged.empty() && interval.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, interval.end);
    } else {
      merged.push_back(interval);
    }
  }
  return merged;
}

ClockState state_of(SegmentKind kind)
{
  switch (kind) {
  case SegmentKind::open:
    return ClockState::running;
  case SegmentKind::closed:
    return ClockState::outside_hours;
  case SegmentKind::holiday:
    return ClockState::holiday;
  }
  return ClockState::outside_hours;
}

} // namespace

seconds elapsed(const Calendar& calendar, Time start, Time until, std::span<const Pause> pauses)
{
  if (until <= start) {
    return seconds{0};
  }
  seconds total = calendar.business_time(start, until);
  for (const Interval& pause : merge_pauses(pauses)) {
    total -= calendar.business_time(std::max(pause.begin, start), std::min(pause.end, until));
  }
  return total;
}

std::optional<Time> due_time(const Calendar& calendar,
                             Time start,
                             seconds target,
                             std::span<const Pause> pauses)
{
  if (target < seconds{0}) {
    throw Error(ErrorKind::usage,
                "sla target must not be negative (got " + std::to_string(target.count())
                  + "s); accepted: 0s or more");
  }
  const std::vector<Interval> merged = merge_pauses(pauses);
  if (target == seconds{0}) {
    return start;
  }
  Time cursor = start;
  seconds remaining = target;
  for (const Interval& pause : merged) {
    if (pause.end <= cursor) {
      continue;
    }
    if (pause.begin > cursor) {
      const seconds before = calendar.business_time(cursor, pause.begin);
      if (before >= remaining) {
        return calendar.add_business_time(cursor, remaining);
      }
      remaining -= before;
    }
    if (is_open(pause)) {
      return std::nullopt;
    }
    cursor = pause.end;
  }
  return calendar.add_business_time(cursor, remaining);
}

std::vector<ClockSegment> explain(const Calendar& calendar,
                                  Time start,
                                  Time until,
                                  std::span<const Pause> pauses)
{
  const std::vector<Interval> merged = merge_pauses(pauses);
  std::vector<ClockSegment> out;
  const auto push = [&](Time begin, Time end, ClockState state, std::string_view rule) {
    if (!out.empty() && out.back().end == begin && out.back().state == state
        && out.back().rule == rule) {
      out.back().end = end;
      return;
    }
    out.push_back({begin, end, state, std::string(rule)});
  };
  std::size_t next = 0; // first merged pause that may still matter
  for (const Segment& segment : calendar.segments(start, until)) {
    Time cursor = segment.begin;
    while (cursor < segment.end) {
      while (next < merged.size() && merged[next].end <= cursor) {
        ++next;
      }
      if (next < merged.size() && merged[next].begin <= cursor) {
        const Time end = std::min(merged[next].end, segment.end);
        push(cursor, end, ClockState::paused, k_paused);
        cursor = end;
      } else {
        Time end = segment.end;
        if (next < merged.size()) {
          end = std::min(end, merged[next].begin);
        }
        push(cursor, end, state_of(segment.kind), segment.rule);
        cursor = end;
      }
    }
  }
  return out;
}

} // namespace sdesk::sla

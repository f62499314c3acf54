// Report figures on small fixtures stored through the real TicketStore, with
// expectations worked out by hand in the comments.

#include "lib/report/aggregate.hpp"

#include "lib/store/report_source.hpp"
#include "tests/unit/fixture.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using report::Report;
using report::Zone;
using test::at;

namespace {

using OptTime = std::optional<util::Time>;

struct Spec {
  int priority = 3;
  std::optional<std::string> group;
  util::Time created;
  OptTime first_response;
  OptTime resolved;
  OptTime closed;
  OptTime response_due;
  OptTime resolution_due;
  std::optional<int> response_business_s;
  std::optional<int> resolution_business_s;
};

model::TicketId add(store::TicketStore& s, const Spec& spec)
{
  model::Ticket t;
  t.title = "ticket";
  t.priority = spec.priority;
  t.group = spec.group;
  t.created = spec.created;
  t.updated = spec.created;
  t.first_response = spec.first_response;
  t.resolved = spec.resolved;
  t.closed = spec.closed;
  t.status = spec.closed ? model::Status::closed
             : spec.resolved ? model::Status::resolved
                             : model::Status::assigned;
  t.response_due = spec.response_due;
  t.resolution_due = spec.resolution_due;
  if (spec.response_business_s) {
    t.response_business = std::chrono::seconds{*spec.response_business_s};
  }
  if (spec.resolution_business_s) {
    t.resolution_business = std::chrono::seconds{*spec.resolution_business_s};
  }
  return s.insert(t);
}

// One action that changed several fields writes one row per field.
void action(store::TicketStore& s, model::TicketId id, util::Time when, const std::string& name,
            std::vector<std::string> fields)
{
  std::vector<model::Event> events;
  for (auto& field : fields) {
    events.push_back({0, id, when, "agent", model::parse_action(name), std::move(field), "a", "b", std::nullopt, std::nullopt});
  }
  if (events.empty()) {
    events.push_back({0, id, when, "agent", model::parse_action(name), std::nullopt, std::nullopt, std::nullopt, "told", std::nullopt});
  }
  s.append(events);
}

// The fixture, for October 2026 in UTC:
//   T1 P1 A: opened Oct 2 09:00, responded 10:00 (1 h), resolved Oct 3 09:00
//      (24 h), closed Oct 8; both SLAs met; business 1 h and 8 h.
//   T2 P2 B: opened Oct 5 08:00, never responded, open; response due Oct 5
//      16:00 and resolution due Oct 8: both breached while open.
//   T3 P3 A: opened Sep 20, responded Sep 20, resolved Oct 10 (480 h), due
//      Sep 25: resolution breached (late); business 100 h.
//   T4 P2 B: opened Oct 12 10:00, responded 10:30 (0.5 h, due 11:00: met),
//      escalated Oct 12 11:00 (two history rows), resolved Oct 13, reopened
//      Oct 14 (four rows), resolved again Nov 3: not resolved in October,
//      open at its end; resolution due Oct 20: breached while open.
//   T5 P3 A: opened Nov 2: outside October.
//   T6 P4 -: opened Aug 1, never responded, open (due Aug 5: not in October).
//   T7 P3 A: opened Sep 25, resolved Sep 28: outside October.
//   T8 P3 A: opened Sep 28, responded Oct 1 02:00 (due Sep 28 12:00:
//      breached late), resolved Oct 1 05:00 (77 h; due Oct 1 00:00: breached).
struct Fixture {
  Fixture()
    : made(test::fresh_backend()),
      store(&made.backend->tickets())
  {
    auto& s = *store;
    add(s, {1, "A", at(2026, 10, 2, 9), at(2026, 10, 2, 10), at(2026, 10, 3, 9), at(2026, 10, 8),
            at(2026, 10, 2, 13), at(2026, 10, 3, 17), 3600, 8 * 3600});
    add(s, {2, "B", at(2026, 10, 5, 8), {}, {}, {}, at(2026, 10, 5, 16), at(2026, 10, 8, 8), {}, {}});
    add(s, {3, "A", at(2026, 9, 20), at(2026, 9, 20, 12), at(2026, 10, 10), {}, at(2026, 9, 20, 8),
            at(2026, 9, 25), {}, 100 * 3600});
    const auto t4 = add(s, {2, "B", at(2026, 10, 12, 10), at(2026, 10, 12, 10, 30), at(2026, 11, 3), {},
                            at(2026, 10, 12, 11), at(2026, 10, 20), {}, {}});
    add(s, {3, "A", at(2026, 11, 2), {}, {}, {}, {}, {}, {}, {}});
    add(s, {4, {}, at(2026, 8, 1), {}, {}, {}, at(2026, 8, 1, 8), at(2026, 8, 5), {}, {}});
    add(s, {3, "A", at(2026, 9, 25), {}, at(2026, 9, 28), {}, {}, {}, {}, {}});
    add(s, {3, "A", at(2026, 9, 28), at(2026, 10, 1, 2), at(2026, 10, 1, 5), {}, at(2026, 9, 28, 12),
            at(2026, 10, 1), {}, {}});
    action(s, t4, at(2026, 10, 12, 11), "escalate", {"group", "escalation_level"});
    action(s, t4, at(2026, 10, 13), "resolve", {"status", "resolved"});
    action(s, t4, at(2026, 10, 14), "reopen", {"status", "resolved", "resolution_code", "resolution_note"});
    action(s, t4, at(2026, 11, 3), "resolve", {"status", "resolved"});
    action(s, t4, at(2026, 11, 4), "escalate_hierarchical", {}); // after October
  }

  Report run(const report::Period& period, std::vector<report::Dimension> by = {},
             bool trend = false, const store::TicketQuery& filter = {})
  {
    report::Builder builder(period, std::move(by),
                            trend ? report::months_of(period, zone) : std::vector<report::Period>{},
                            now);
    const store::ReportWindow window{period.from.time_since_epoch().count(),
                                     period.to.time_since_epoch().count()};
    store::Transaction tx(*store, store::TxMode::read);
    store::ReportSource& source = made.backend->reports();
    source.tickets(window, filter, [&](const store::ReportTicket& t) { builder.add(t); });
    source.events(window, filter, [&](const store::ReportEvent& e) { builder.add(e); });
    tx.commit();
    return builder.finish();
  }

  Report october(std::vector<report::Dimension> by = {}) { return run(report::month_period("2026-10", zone), std::move(by)); }

  Zone zone = Zone::named("UTC", "--tz");
  util::Time now = at(2027, 1, 1);
  test::FreshBackend made;
  store::TicketStore* store; // made.backend->tickets()
};

const report::Row& row(const Report& r, const std::string& key)
{
  for (const auto& x : r.rows) {
    if (x.key.front().value_or("(none)") == key) {
      return x;
    }
  }
  FAIL("no row " << key);
  return r.rows.front();
}

} // namespace

TEST_SUITE("report::Builder")
{
  TEST_CASE("totals for a month, worked by hand")
  {
    Fixture f;
    const Report r = f.october();
    const auto& t = r.total;
    CHECK(t.opened == 3);   // T1 T2 T4
    CHECK(t.resolved == 3); // T1 T3 T8
    CHECK(t.closed == 1);   // T1
    CHECK(t.reopened == 1); // T4, one action of four rows
    CHECK(t.escalated == 1); // T4 on Oct 12; the hierarchical one is in November
    CHECK(t.backlog == 3);  // T2 T4 T6

    // Response: T1 1 h, T4 0.5 h.
    CHECK(t.response_hours.count == 2);
    CHECK(*t.response_hours.mean == doctest::Approx(0.75));
    CHECK(*t.response_hours.median == doctest::Approx(0.75));
    CHECK(*t.response_hours.p90 == doctest::Approx(0.95)); // 0.5 + 0.9 * 0.5
    // Resolution: 24, 77, 480 h.
    CHECK(t.resolution_hours.count == 3);
    CHECK(*t.resolution_hours.mean == doctest::Approx(581.0 / 3));
    CHECK(*t.resolution_hours.median == doctest::Approx(77));
    CHECK(*t.resolution_hours.p90 == doctest::Approx(399.4)); // h = 1.8: 77 + 0.8 * 403
    // Business: response T1 only; resolution T1 8 h and T3 100 h.
    CHECK(t.business_response_hours.count == 1);
    CHECK(*t.business_response_hours.median == doctest::Approx(1));
    CHECK(t.business_resolution_hours.count == 2);
    CHECK(*t.business_resolution_hours.mean == doctest::Approx(54));
    CHECK(*t.business_resolution_hours.p90 == doctest::Approx(90.8)); // 8 + 0.9 * 92

    // Response SLA: met T1 T4; breached T2 (no response, due in October), T8 (late).
    CHECK(t.sla_response.met == 2);
    CHECK(t.sla_response.breached == 2);
    CHECK(*t.sla_response.pct() == doctest::Approx(50));
    // Resolution SLA: met T1; breached T3 T8 (late), T2 T4 (open past due).
    CHECK(t.sla_resolution.met == 1);
    CHECK(t.sla_resolution.breached == 4);
    CHECK(*t.sla_resolution.pct() == doctest::Approx(20));
  }

  TEST_CASE("rows by priority add up to the total")
  {
    Fixture f;
    const Report r = f.october({report::Dimension::priority});
    REQUIRE(r.rows.size() == 4);
    CHECK(r.rows[0].key.front() == "P1");
    CHECK(r.rows[3].key.front() == "P4");
    const auto& p2 = row(r, "P2").figures; // T2 T4
    CHECK(p2.opened == 2);
    CHECK(p2.resolved == 0);
    CHECK(p2.backlog == 2);
    CHECK(p2.reopened == 1);
    CHECK(p2.escalated == 1);
    CHECK(p2.response_hours.count == 1);
    CHECK(*p2.response_hours.median == doctest::Approx(0.5));
    CHECK(p2.resolution_hours.count == 0);
    CHECK_FALSE(p2.resolution_hours.median);
    CHECK(p2.sla_response.met == 1);
    CHECK(p2.sla_response.breached == 1);
    CHECK(p2.sla_resolution.met == 0);
    CHECK(p2.sla_resolution.breached == 2);
    CHECK(*p2.sla_resolution.pct() == 0);
    const auto& p3 = row(r, "P3").figures; // T3 T8
    CHECK(p3.opened == 0);
    CHECK(p3.resolved == 2);
    CHECK(*p3.resolution_hours.median == doctest::Approx((77.0 + 480) / 2));
    const auto& p4 = row(r, "P4").figures; // T6: only in the backlog
    CHECK(p4.backlog == 1);
    CHECK_FALSE(p4.sla_resolution.pct());

    std::int64_t opened = 0;
    std::int64_t backlog = 0;
    for (const auto& x : r.rows) {
      opened += x.figures.opened;
      backlog += x.figures.backlog;
    }
    CHECK(opened == r.total.opened);
    CHECK(backlog == r.total.backlog);
    REQUIRE(r.sla_by_priority.size() == 3); // P4 has no outcome in October
    CHECK(r.sla_by_priority[1].priority == 2);
  }

  TEST_CASE("two levels; absent values sort last")
  {
    Fixture f;
    const Report r = f.october({report::Dimension::group, report::Dimension::priority});
    REQUIRE(r.rows.size() == 4);
    CHECK(r.rows[0].key == std::vector<std::optional<std::string>>{"A", "P1"});
    CHECK(r.rows[1].key == std::vector<std::optional<std::string>>{"A", "P3"});
    CHECK(r.rows[2].key == std::vector<std::optional<std::string>>{"B", "P2"});
    CHECK(r.rows[3].key == std::vector<std::optional<std::string>>{std::nullopt, "P4"});
  }

  TEST_CASE("filters as in list")
  {
    Fixture f;
    store::TicketQuery q;
    q.groups = {"B"};
    const Report r = f.run(report::month_period("2026-10", f.zone), {}, false, q);
    CHECK(r.total.opened == 2);
    CHECK(r.total.reopened == 1);
    CHECK(r.total.backlog == 2);
    CHECK(r.total.resolved == 0);
  }

  TEST_CASE("an empty period has zero counts and no statistics")
  {
    Fixture f;
    const Report r = f.run(report::month_period("2020-01", f.zone), {report::Dimension::priority});
    CHECK(r.rows.empty());
    CHECK(r.total.opened == 0);
    CHECK(r.total.backlog == 0);
    CHECK(r.total.response_hours.count == 0);
    CHECK_FALSE(r.total.response_hours.mean);
    CHECK_FALSE(r.total.sla_response.pct());
    CHECK(r.resolution_histogram.size() == 8);
  }

  TEST_CASE("a single ticket, never responded to")
  {
    auto made = test::fresh_backend();
    auto* s = &made.backend->tickets();
    add(*s, {2, "A", at(2026, 10, 30, 22), {}, {}, {}, at(2026, 10, 31, 2), at(2026, 11, 2), {}, {}});
    report::Builder b(report::month_period("2026-10", Zone::named("UTC", "--tz")), {}, {},
                      at(2026, 12, 1));
    store::ReportSource& source = made.backend->reports();
    source.tickets({at(2026, 10, 1).time_since_epoch().count(), at(2026, 11, 1).time_since_epoch().count()},
                    {}, [&](const store::ReportTicket& t) { b.add(t); });
    const Report r = b.finish();
    CHECK(r.total.opened == 1);
    CHECK(r.total.backlog == 1);
    CHECK(r.total.response_hours.count == 0); // no first response: not measured
    CHECK(r.total.sla_response.breached == 1); // due Oct 31 02:00, no response by Nov 1
    CHECK(r.total.sla_resolution.met + r.total.sla_resolution.breached == 0); // due in November
  }

  TEST_CASE("the monthly trend matches the month reports")
  {
    Fixture f;
    const Report year = f.run(report::year_period("2026", f.zone), {}, true);
    REQUIRE(year.trend.size() == 12);
    const Report october = f.october();
    const auto& m = year.trend[9].figures;
    CHECK(year.trend[9].month.label == "2026-10");
    CHECK(m.opened == october.total.opened);
    CHECK(m.resolved == october.total.resolved);
    CHECK(m.backlog == october.total.backlog);
    CHECK(m.reopened == 1);
    CHECK(*m.resolution_hours.p90 == doctest::Approx(*october.total.resolution_hours.p90));
    CHECK(m.sla_resolution.breached == october.total.sla_resolution.breached);
    // T6 was opened in August; T3 and T7 in September.
    CHECK(year.trend[7].figures.opened == 1);
    CHECK(year.trend[8].figures.opened == 3);
    CHECK(year.trend[8].figures.backlog == 3); // T3 T6 T8 open at the end of September
    CHECK(year.total.opened == 8);    // every ticket was opened in 2026
    CHECK(year.total.escalated == 2); // with the hierarchical one in November
  }

  TEST_CASE("a due time still in the future is not a breach")
  {
    Fixture f;
    f.now = at(2026, 10, 6); // T2's response due (Oct 5 16:00) has passed, its resolution due (Oct 8) not
    const Report r = f.october();
    CHECK(r.total.sla_response.breached == 2);
    CHECK(r.total.sla_resolution.breached == 2); // T3 T8 late; T2 (Oct 8) and T4 (Oct 20) not yet
  }

  TEST_CASE("histogram bins of resolution time")
  {
    Fixture f;
    const Report r = f.october();
    CHECK(r.resolution_histogram[3].label == "8-24h");
    CHECK(r.resolution_histogram[4].count == 1); // 24 h: 1-2d
    CHECK(r.resolution_histogram[5].count == 1); // 77 h: 2-5d
    CHECK(r.resolution_histogram[7].count == 1); // 480 h: >=10d
  }
}

TEST_SUITE("store::ReportSource")
{
  TEST_CASE("report queries read ranges of indexes, never the whole ticket table")
  {
    Fixture f;
    for (const bool filtered : {false, true}) {
      store::TicketQuery q;
      if (filtered) {
        q.groups = {"A"};
        q.tags = {"vpn"};
      }
      if (f.made.sqlite == nullptr) {
        return; // SQLite's query plans
      }
      const std::string plan = store::report_query_plans(*f.made.sqlite, q);
      CAPTURE(plan);
      CHECK(plan.find("ticket_by_created (created_at>? AND created_at<?)") != std::string::npos);
      CHECK(plan.find("ticket_by_first_response (first_response_at>? AND first_response_at<?)") != std::string::npos);
      CHECK(plan.find("ticket_by_resolved (resolved_at>? AND resolved_at<?)") != std::string::npos);
      CHECK(plan.find("ticket_by_closed (closed_at>? AND closed_at<?)") != std::string::npos);
      CHECK(plan.find("ticket_long_running (created_at<?)") != std::string::npos);
      CHECK(plan.find("ticket_event_counted (at>? AND at<?)") != std::string::npos);
      // The counted rows are read from the index alone (a year's report
      // read ~420k rows from the history table before migration 6).
      CHECK(plan.find("COVERING INDEX ticket_event_counted") != std::string::npos);
      // Filters are checked on the rows found, never a way in.
      CHECK(plan.find("SCAN ticket") == std::string::npos);
      CHECK(plan.find("SCAN t\n") == std::string::npos);
      CHECK(plan.find("ticket_tag_by_tag (tag=?)\nSEARCH t") == std::string::npos);
      CHECK(plan.find("ticket_event_by_ticket") == std::string::npos);
      CHECK(plan.find("LEFT-MOST SUBQUERY\nSEARCH ticket USING COVERING INDEX ticket_by_created") != std::string::npos);
    }
  }
}

#include "lib/report/change_figures.hpp"

#include <doctest/doctest.h>

using namespace sdesk;

// Figures worked by hand: window [1000, 1000 + 30 days).
TEST_SUITE("report::change_figures")
{
  TEST_CASE("the tally counts what falls in the window")
  {
    constexpr std::int64_t day = 86400;
    constexpr std::int64_t from = 1000;
    constexpr std::int64_t to = from + 30 * day;
    report::ChangeTally tally(from, to);
    // created before; approved before; implemented inside
    tally.add(store::ChangeRecord{1, from - day, false, from - day, std::nullopt, from + day});
    // created inside (emergency), approved and implemented inside
    tally.add(store::ChangeRecord{2, from + day, true, from + day, std::nullopt, from + 2 * day});
    // created inside, rejected inside
    tally.add(store::ChangeRecord{3, from + 2 * day, false, std::nullopt, from + 3 * day, std::nullopt});
    // created inside; approved at the window's end (outside)
    tally.add(store::ChangeRecord{4, from + 3 * day, false, to, std::nullopt, std::nullopt});
    // change 1 reviewed twice: the later outcome counts; change 2 failed; one review outside
    tally.add(store::ChangeReviewEvent{1, from + 2 * day, "failed"});
    tally.add(store::ChangeReviewEvent{1, from + 3 * day, "successful"});
    tally.add(store::ChangeReviewEvent{2, from + 4 * day, "backed_out"});
    tally.add(store::ChangeReviewEvent{4, to, "failed"});
    // two incidents caused by change 2, one by change 1 before the window
    tally.add(store::ChangeLinkEvent{2, 10, from});
    tally.add(store::ChangeLinkEvent{2, 11, from + day});
    tally.add(store::ChangeLinkEvent{1, 12, from - 1});
    const report::ChangeFigures f = tally.finish();
    CHECK(f.requested == 3);
    CHECK(f.approved == 1);
    CHECK(f.rejected == 1);
    CHECK(f.implemented == 2);
    CHECK(f.successful == 1);
    CHECK(f.failed == 0);
    CHECK(f.backed_out == 1);
    CHECK(f.emergency == 1);
    CHECK(*f.emergency_pct == doctest::Approx(100.0 / 3));
    CHECK(f.caused_incidents == 1);
  }

  TEST_CASE("no requests: no emergency share")
  {
    report::ChangeTally tally(0, 10);
    CHECK_FALSE(tally.finish().emergency_pct.has_value());
  }

  TEST_CASE("no section for absent figures; JSON shape")
  {
    CHECK(report::changes_table(std::nullopt).empty());
    CHECK(report::changes_markdown(std::nullopt).empty());
    CHECK(report::changes_html(std::nullopt).empty());
    CHECK(report::changes_csv_cells(std::nullopt).size() == report::changes_csv_headers().size());
    util::JsonWriter json;
    json.begin_object();
    report::changes_json(json, report::ChangeFigures{});
    json.end_object();
    CHECK(json.str()
          == R"({"changes":{"requested":0,"approved":0,"rejected":0,"implemented":0,)"
             R"("outcomes":{"successful":0,"failed":0,"backed_out":0},"emergency":{"count":0,"pct":null},)"
             R"("caused_incidents":0}})");
  }
}

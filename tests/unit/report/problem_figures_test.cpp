#include "lib/report/problem_figures.hpp"

#include <doctest/doctest.h>

using namespace sdesk;

// Figures worked by hand: window [1000, 1000 + 30 days).
TEST_SUITE("report::problem_figures")
{
  TEST_CASE("the tally counts what falls in the window and summarises days to known error")
  {
    constexpr std::int64_t day = 86400;
    constexpr std::int64_t from = 1000;
    report::ProblemTally tally(from, from + 30 * day);
    // created before, known error on day 5 (created 10 days before): 15 days; resolved inside
    tally.add(store::ProblemRecord{1, from - 10 * day, from + 5 * day, from + 6 * day});
    // created day 1, known error day 3: 2 days
    tally.add(store::ProblemRecord{2, from + day, from + 3 * day, std::nullopt});
    // created day 2, known error after the window: not counted; resolved after
    tally.add(store::ProblemRecord{3, from + 2 * day, from + 31 * day, from + 40 * day});
    // created before, known error before: nothing
    tally.add(store::ProblemRecord{4, from - 20 * day, from - 19 * day, std::nullopt});
    tally.add(store::ProblemLinkEvent{1, 10, from});
    tally.add(store::ProblemLinkEvent{1, 11, from + 30 * day}); // the window's end is outside
    const report::ProblemFigures f = tally.finish();
    CHECK(f.opened == 2);
    CHECK(f.known_errors == 2);
    CHECK(f.resolved == 1);
    CHECK(f.incidents_linked == 1);
    CHECK(f.days_to_known_error.count == 2);
    CHECK(*f.days_to_known_error.mean == doctest::Approx(8.5));
    CHECK(*f.days_to_known_error.median == doctest::Approx(8.5));
  }

  TEST_CASE("no section for absent figures; JSON shape")
  {
    CHECK(report::problems_table(std::nullopt).empty());
    CHECK(report::problems_markdown(std::nullopt).empty());
    CHECK(report::problems_html(std::nullopt).empty());
    CHECK(report::problems_csv_cells(std::nullopt).size() == report::problems_csv_headers().size());
    util::JsonWriter json;
    json.begin_object();
    report::problems_json(json, report::ProblemFigures{});
    json.end_object();
    CHECK(json.str()
          == R"({"problems":{"opened":0,"known_errors":0,"resolved":0,"incidents_linked":0,)"
             R"("days_to_known_error":{"count":0,"mean":null,"median":null}}})");
  }
}

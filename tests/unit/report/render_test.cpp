#include "lib/report/render.hpp"

#include "lib/config/config.hpp"
#include "lib/report/svg.hpp"
#include "lib/util/error.hpp"
#include "tests/unit/fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace sdesk;
using test::at;

namespace {

std::int64_t secs(util::Time t)
{
  return t.time_since_epoch().count();
}

// Two tickets in October 2026 (UTC), in groups with awkward names.
report::Report sample(bool trend)
{
  const auto zone = report::Zone::named("UTC", "--tz");
  const auto period = report::month_period("2026-10", zone);
  report::Builder b(period, {report::Dimension::group},
                    trend ? report::months_of(period, zone) : std::vector<report::Period>{},
                    at(2026, 11, 2));
  store::ReportTicket t;
  t.id = 1;
  t.keys.priority = 1;
  t.keys.kind = "incident";
  t.keys.group = "<b>R&D</b> | \"lab\"";
  t.created = secs(at(2026, 10, 2, 9));
  t.first_response = secs(at(2026, 10, 2, 10));
  t.resolved = secs(at(2026, 10, 2, 15));
  t.response_due = secs(at(2026, 10, 2, 10));
  t.resolution_due = secs(at(2026, 10, 2, 13));
  b.add(t);
  t.id = 2;
  t.keys.priority = 3;
  t.keys.group.reset();
  t.created = secs(at(2026, 10, 3));
  t.first_response.reset();
  t.resolved.reset();
  b.add(t);
  return b.finish();
}

std::size_t count(const std::string& text, std::string_view what)
{
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) {
    ++n;
  }
  return n;
}

} // namespace

TEST_SUITE("report::render")
{
  TEST_CASE("table: rows, total and an absent key")
  {
    const std::string text = report::render_table(sample(false));
    CHECK(text.find("Service report 2026-10: 2026-10-01T00:00:00+00:00 to "
                    "2026-11-01T00:00:00+00:00 (UTC)")
          == 0);
    CHECK(text.find("(none)") != std::string::npos);
    CHECK(text.find("TOTAL") != std::string::npos);
    CHECK(text.find("By month") == std::string::npos);
    CHECK(report::render_table(sample(true)).find("By month") != std::string::npos);
  }

  TEST_CASE("markdown escapes table syntax in keys")
  {
    const std::string text = report::render_markdown(sample(false));
    CHECK(text.find("| \\<b>R&D\\</b> \\| \"lab\" |") != std::string::npos);
    CHECK(text.find("| **Total** | 2 | 1 |") != std::string::npos);
  }

  TEST_CASE("csv: every line has the header's columns; keys are quoted")
  {
    const std::string text = report::render_csv(sample(true));
    CHECK(text.find("section,group,month,from,to,opened,") == 0);
    CHECK(text.find("row,\"<b>R&D</b> | \"\"lab\"\"\",,") != std::string::npos);
    CHECK(text.find("\nrow,,,") != std::string::npos); // no group: empty field
    CHECK(text.find("\nmonth,,2026-10,") != std::string::npos);
    CHECK(count(text, "\n") == 5); // header, 2 rows, total, 1 month
  }

  TEST_CASE("json: the documented members, null for what is absent")
  {
    const std::string text = report::render_json(sample(false));
    CHECK(text.find("{\"period\":{\"label\":\"2026-10\",\"span\":\"month\",\"from\":"
                    "\"2026-10-01T00:00:00+00:00\",\"to\":\"2026-11-01T00:00:00+00:00\",\"tz\":"
                    "\"UTC\"},\"by\":[\"group\"],\"rows\":[{\"key\":{\"group\":\"<b>R&D</b> | "
                    "\\\"lab\\\"\"},\"opened\":1,")
          == 0);
    CHECK(text.find("{\"key\":{\"group\":null},\"opened\":1,") != std::string::npos);
    CHECK(text.find("\"resolution_hours\":{\"count\":1,\"mean\":6,\"median\":6,\"p90\":6}") != std::string::npos);
    CHECK(text.find("\"response_hours\":{\"count\":0,\"mean\":null,\"median\":null,\"p90\":null}") != std::string::npos);
    // T1 met its response (10:00) but not its resolution (13:00 < 15:00);
    // T2's response due (10:00 on Oct 2) passed without an answer.
    CHECK(text.find("\"total\":{\"opened\":2,\"resolved\":1,") != std::string::npos);
    CHECK(text.find("\"sla\":{\"response\":{\"met\":1,\"breached\":1,\"pct\":50},"
                    "\"resolution\":{\"met\":0,\"breached\":2,\"pct\":0}}},\"trend\":[]")
          != std::string::npos);
  }

  TEST_CASE("html is one self-contained, escaped page with three charts")
  {
    const std::string html = report::render_html(sample(true));
    CHECK(html.find("<!DOCTYPE html>") == 0);
    CHECK(count(html, "<svg") == 3);
    CHECK(html.find("@media print") != std::string::npos);
    CHECK(html.find("&lt;b&gt;R&amp;D&lt;/b&gt; | &quot;lab&quot;") != std::string::npos);
    CHECK(html.find("<b>R&D") == std::string::npos);
    for (const char* forbidden : {"<script", "<link", "<img", "src=", "@import", "url("}) {
      CAPTURE(forbidden);
      CHECK(html.find(forbidden) == std::string::npos);
    }
    CHECK(count(html, "http") == count(html, "http://www.w3.org/2000/svg"));
  }

  TEST_CASE("html explains itself: the period in words, as of when, what each figure means")
  {
    report::Report r = sample(false);
    r.data_as_of = "2 October 2026 15:00 (UTC)";
    const std::string html = report::render_html(r);
    CHECK(html.find("<title>Service report: October 2026</title>") != std::string::npos);
    CHECK(html.find("<h1>Service report: October 2026</h1>") != std::string::npos);
    CHECK(html.find("Data as of 2 October 2026 15:00 (UTC)") != std::string::npos);
    CHECK(html.find("1 October 2026 00:00 to 1 November 2026 00:00 (UTC)") != std::string::npos);
    for (const char* term : {"Opened", "Resolved", "Closed", "Reopened", "Escalated", "Backlog",
                             "Response SLA", "Resolution SLA", "Response time", "Resolution time"}) {
      CAPTURE(term);
      CHECK(html.find(std::string("<dt>") + term + "</dt>") != std::string::npos);
    }
    CHECK(html.find("docs/") == std::string::npos);
    // Without a store time there is no "as of" line (never the clock).
    CHECK(report::render_html(sample(false)).find("Data as of") == std::string::npos);
  }

  TEST_CASE("svg bar chart: a zero is drawn, a missing value is not")
  {
    report::BarChart chart;
    chart.percent = true;
    chart.y_max = 100;
    chart.categories = {"P1", "P2"};
    chart.series = {{"met", "#123456", {0.0, std::nullopt}}};
    const std::string svg = report::svg_bar_chart(chart);
    CHECK(count(svg, "<rect") == 2); // legend swatch and the zero bar
    CHECK(count(svg, "class=\"zero\"") == 1);
    const auto bar = svg.find("class=\"zero\"");
    const auto height = svg.find("height=\"", bar);
    REQUIRE(height != std::string::npos);
    CHECK(std::stod(svg.substr(height + 8)) >= 2.0); // visible, not a 0-high rect
    CHECK(svg.find("stroke=\"#123456\"", bar) != std::string::npos);
  }

  TEST_CASE("svg bar chart: scales, escapes, handles no data")
  {
    report::BarChart chart;
    chart.title = "a < b";
    chart.categories = {"x & y", "z"};
    chart.series = {{"n", "#123456", {3.0, std::nullopt}}};
    const std::string svg = report::svg_bar_chart(chart);
    CHECK(svg.find("<title>a &lt; b</title>") != std::string::npos);
    CHECK(svg.find(">x &amp; y</text>") != std::string::npos);
    CHECK(count(svg, "<rect") == 2); // legend swatch and one bar
    report::BarChart empty;
    CHECK(report::svg_bar_chart(empty).find("no data") != std::string::npos);
  }

  TEST_CASE("number_text rounds without trailing zeros")
  {
    CHECK(report::number_text(2.5, 4) == "2.5");
    CHECK(report::number_text(1.0 / 6, 4) == "0.1667");
    CHECK(report::number_text(3.0, 4) == "3");
    CHECK(report::number_text(-0.00001, 4) == "0");
  }
}

TEST_SUITE("config::report")
{
  TEST_CASE("report.timezone is read as text and checked when a report runs")
  {
    CHECK_FALSE(config::load_text("", "site.toml").report_timezone);
    const auto c = config::load_text("[report]\ntimezone = \"Europe/Amsterdam\"\n", "site.toml");
    CHECK(c.report_timezone == "Europe/Amsterdam");
    try {
      config::load_text("[report]\ntz = \"UTC\"\n", "site.toml");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::config);
      CHECK(std::string(e.what()).find("unknown key 'tz'") != std::string::npos);
    }
  }
}

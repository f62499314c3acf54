#pragma once

// Small hand-written SVG charts for the HTML report: no scripts, no
// external resources, readable in print (dark and light series, value
// labels, grid lines).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::report {

// `text` with &, <, >, " and ' escaped for HTML/XML text and attributes.
std::string xml_escape(std::string_view text);

struct BarSeries {
  std::string name;
  std::string color; // CSS colour, e.g. "#1f4e79"
  std::vector<std::optional<double>> values; // one per category; absent = no bar
};

// A vertical grouped bar chart.
struct BarChart {
  std::string title;       // the SVG <title>, for screen readers
  std::string y_label;     // axis caption, e.g. "tickets"
  std::vector<std::string> categories;
  std::vector<BarSeries> series;
  std::optional<double> y_max; // fixed top of the axis (100 for percentages)
  bool percent = false;        // labels as "95%"
  int width = 720;
  int height = 280;
};

// The chart as an <svg> element that scales to its container's width.
std::string svg_bar_chart(const BarChart& chart);

} // namespace sdesk::report

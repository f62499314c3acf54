#include "lib/report/svg.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace sdesk::report {

namespace {

constexpr double k_left = 56;   // room for y tick labels
constexpr double k_right = 12;
constexpr double k_top = 30;    // room for the legend
constexpr double k_bottom = 44; // room for category labels
constexpr double k_char_width = 6.2; // average width of an 11px sans-serif character
constexpr double k_value_char_width = 5.6; // the same for 10px value labels
constexpr std::size_t k_max_label_chars = 16;
constexpr double k_zero_height = 4; // the block a zero value is drawn as

// A "nice" step (1, 2 or 5 times a power of ten) giving about five ticks.
double nice_step(double max)
{
  const double raw = max / 5;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 5.0, 10.0}) {
    if (raw <= m * magnitude) {
      return m * magnitude;
    }
  }
  return 10 * magnitude;
}

std::string tick_text(double value, bool percent)
{
  const std::string number = std::fabs(value - std::round(value)) < 1e-9
                               ? fmt::format("{:.0f}", value)
                               : fmt::format("{:.1f}", value);
  return percent ? number + "%" : number;
}

std::string value_text(double value, bool percent)
{
  return percent ? fmt::format("{:.1f}%", value) : tick_text(value, false);
}

// At most k_max_label_chars bytes, cut at a UTF-8 character boundary.
std::string shorten(const std::string& label)
{
  if (label.size() <= k_max_label_chars) {
    return label;
  }
  std::size_t cut = k_max_label_chars - 1;
  while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return label.substr(0, cut) + "\u2026";
}

} // namespace

std::string xml_escape(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    }
  }
  return out;
}

std::string svg_bar_chart(const BarChart& chart)
{
  const double w = chart.width;
  const double plot_w = w - k_left - k_right;
  const std::size_t n = std::max<std::size_t>(chart.categories.size(), 1);
  const double slot = plot_w / static_cast<double>(n);
  std::size_t longest = 0;
  for (const auto& c : chart.categories) {
    longest = std::max(longest, shorten(c).size());
  }
  // Category labels too wide for their slot are turned by 35 degrees.
  const bool rotate = static_cast<double>(longest) * k_char_width > slot - 4;
  const double bottom = rotate ? 24 + static_cast<double>(longest) * k_char_width * 0.6 : k_bottom;
  const double h = chart.height + (bottom - k_bottom);
  const double plot_h = h - k_top - bottom;
  double max = 0;
  for (const auto& s : chart.series) {
    for (const auto& v : s.values) {
      max = std::max(max, v.value_or(0));
    }
  }
  double step = 0;
  double top = 0;
  if (chart.y_max) {
    top = *chart.y_max;
    step = top / 5;
  } else {
    step = nice_step(std::max(max, 1.0));
    top = std::ceil(std::max(max, 1.0) / step) * step;
  }
  const auto y_of = [&](double v) { return k_top + plot_h - plot_h * std::clamp(v / top, 0.0, 1.0); };

  std::string out = fmt::format(
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" "
    "class=\"chart\" font-family=\"system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif\" "
    "font-size=\"11\">\n<title>{}</title>\n",
    w, h, xml_escape(chart.title));

  // Grid lines and y ticks.
  for (double v = 0; v <= top + step / 2; v += step) {
    const double y = y_of(v);
    out += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
                       "stroke-width=\"1\"/>\n",
                       k_left, y, w - k_right, y, v == 0 ? "#444" : "#ddd");
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\" fill=\"#333\">{}</text>\n",
                       k_left - 6, y + 4, tick_text(v, chart.percent));
  }
  if (!chart.y_label.empty()) {
    out += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#333\">{}</text>\n", 4, k_top - 14,
                       xml_escape(chart.y_label));
  }

  // Legend, top right.
  double legend_x = w - k_right;
  for (auto s = chart.series.rbegin(); s != chart.series.rend(); ++s) {
    const double text_w = static_cast<double>(s->name.size()) * k_char_width;
    legend_x -= text_w + 30;
    out += fmt::format("<rect x=\"{:.1f}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>"
                       "<text x=\"{:.1f}\" y=\"{}\" fill=\"#222\">{}</text>\n",
                       legend_x, 6, xml_escape(s->color), legend_x + 16, 16, xml_escape(s->name));
  }

  // Bars.
  const double group_w = slot * 0.75;
  const double bar_w = group_w / static_cast<double>(std::max<std::size_t>(chart.series.size(), 1));
  // Value labels only where each fits over its bar (the tables hold the numbers).
  std::size_t widest = 0;
  for (const auto& series : chart.series) {
    for (const auto& v : series.values) {
      widest = v ? std::max(widest, value_text(*v, chart.percent).size()) : widest;
    }
  }
  const bool labels_fit = static_cast<double>(widest) * k_value_char_width <= bar_w - 1;
  for (std::size_t i = 0; i < chart.categories.size(); ++i) {
    const double x0 = k_left + slot * static_cast<double>(i) + (slot - group_w) / 2;
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
      const auto& value = i < chart.series[s].values.size() ? chart.series[s].values[i] : std::nullopt;
      if (!value) {
        continue;
      }
      const double x = x0 + bar_w * static_cast<double>(s);
      // A zero is a value (0% met is news), not a gap: drawn as a low
      // outlined block on the axis so that it is seen, and told apart from
      // a missing value (no bar at all).
      const bool zero = *value <= 0;
      const double y = zero ? k_top + plot_h - k_zero_height : y_of(*value);
      out += fmt::format("<rect{} x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
                         "fill=\"{}\"{}><title>{}: {} {}</title></rect>\n",
                         zero ? " class=\"zero\"" : "", x + 1, y, std::max(bar_w - 2, 1.0),
                         k_top + plot_h - y, xml_escape(chart.series[s].color),
                         zero ? fmt::format(" fill-opacity=\"0.35\" stroke=\"{}\" stroke-width=\"1\"",
                                            xml_escape(chart.series[s].color))
                              : "",
                         xml_escape(chart.categories[i]), xml_escape(chart.series[s].name),
                         value_text(*value, chart.percent));
      if (labels_fit) {
        out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" font-size=\"10\" "
                           "fill=\"#222\">{}</text>\n",
                           x + bar_w / 2, y - 3, value_text(*value, chart.percent));
      }
    }
    const double cx = k_left + slot * (static_cast<double>(i) + 0.5);
    const double cy = k_top + plot_h + 15;
    const std::string label = xml_escape(shorten(chart.categories[i]));
    if (rotate) {
      out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\" fill=\"#333\" "
                         "transform=\"rotate(-35 {:.1f} {:.1f})\">{}</text>\n",
                         cx, cy - 4, cx, cy - 4, label);
    } else {
      out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"#333\">{}</text>\n",
                         cx, cy, label);
    }
  }
  if (chart.categories.empty()) {
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"#666\">no data</text>\n",
                       k_left + plot_w / 2, k_top + plot_h / 2);
  }
  out += "</svg>\n";
  return out;
}

} // namespace sdesk::report

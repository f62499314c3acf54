#include "lib/report/render.hpp"

#include <cmath>

#include <fmt/format.h>

namespace sdesk::report {

std::string key_label(const std::optional<std::string>& value)
{
  return value ? *value : "(none)";
}

std::string dimension_title(Dimension dimension)
{
  std::string title(to_string(dimension));
  title.front() = static_cast<char>(title.front() - 'a' + 'A');
  return title;
}

std::string hours_text(const std::optional<double>& hours)
{
  return hours ? fmt::format("{:.1f}", *hours) : "-";
}

std::string pct_text(const std::optional<double>& pct)
{
  return pct ? fmt::format("{:.1f}%", *pct) : "-";
}

std::string number_text(double value, int decimals)
{
  const double scale = std::pow(10.0, decimals);
  double rounded = std::round(value * scale) / scale;
  if (rounded == 0) {
    rounded = 0; // no "-0"
  }
  std::string text = fmt::format("{:.{}f}", rounded, decimals);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') {
      text.pop_back();
    }
    if (text.back() == '.') {
      text.pop_back();
    }
  }
  return text;
}

std::string report_title(const Report& report)
{
  return "Service report " + report.period.label;
}

std::string period_line(const Report& report)
{
  return fmt::format("{} to {} ({})", report.period.from_text, report.period.to_text,
                     report.period.tz);
}

} // namespace sdesk::report

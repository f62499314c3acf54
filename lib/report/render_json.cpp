#include "lib/report/render.hpp"

#include "lib/model/enums.hpp"
#include "lib/util/json_writer.hpp"

#include <cmath>

namespace sdesk::report {

namespace {

using util::JsonWriter;

double rounded(double value, int decimals)
{
  const double scale = std::pow(10.0, decimals);
  const double r = std::round(value * scale) / scale;
  return r == 0 ? 0.0 : r;
}

void number(JsonWriter& json, const std::optional<double>& value, int decimals)
{
  if (value) {
    json.value(rounded(*value, decimals));
  } else {
    json.null();
  }
}

void summary(JsonWriter& json, std::string_view name, const Summary& s)
{
  json.key(name).begin_object();
  json.key("count").value(s.count);
  json.key("mean");
  number(json, s.mean, 4);
  json.key("median");
  number(json, s.median, 4);
  json.key("p90");
  number(json, s.p90, 4);
  json.end_object();
}

void sla(JsonWriter& json, std::string_view name, const SlaFigures& s)
{
  json.key(name).begin_object();
  json.key("met").value(s.met);
  json.key("breached").value(s.breached);
  json.key("pct");
  number(json, s.pct(), 2);
  json.end_object();
}

// The members of a figures object (the caller opens and closes it).
void figures(JsonWriter& json, const Figures& f)
{
  json.key("opened").value(f.opened);
  json.key("resolved").value(f.resolved);
  json.key("closed").value(f.closed);
  json.key("reopened").value(f.reopened);
  json.key("escalated").value(f.escalated);
  json.key("backlog").value(f.backlog);
  summary(json, "response_hours", f.response_hours);
  summary(json, "resolution_hours", f.resolution_hours);
  summary(json, "business_response_hours", f.business_response_hours);
  summary(json, "business_resolution_hours", f.business_resolution_hours);
  json.key("sla").begin_object();
  sla(json, "response", f.sla_response);
  sla(json, "resolution", f.sla_resolution);
  json.end_object();
}

std::string_view span_name(Span span)
{
  switch (span) {
  case Span::month:
    return "month";
  case Span::quarter:
    return "quarter";
  case Span::half:
    return "half";
  case Span::year:
    return "year";
  case Span::range:
    return "range";
  }
  return "range";
}

} // namespace

std::string render_json(const Report& report)
{
  JsonWriter json;
  json.begin_object();
  json.key("period").begin_object();
  json.key("label").value(report.period.label);
  json.key("span").value(span_name(report.period.span));
  json.key("from").value(report.period.from_text);
  json.key("to").value(report.period.to_text);
  json.key("tz").value(report.period.tz);
  json.end_object();

  json.key("by").begin_array();
  for (const Dimension d : report.by) {
    json.value(to_string(d));
  }
  json.end_array();

  json.key("rows").begin_array();
  for (const Row& row : report.rows) {
    json.begin_object().key("key").begin_object();
    for (std::size_t i = 0; i < report.by.size(); ++i) {
      json.key(to_string(report.by[i])).value(row.key[i]);
    }
    json.end_object();
    figures(json, row.figures);
    json.end_object();
  }
  json.end_array();

  json.key("total").begin_object();
  figures(json, report.total);
  json.end_object();

  json.key("trend").begin_array();
  for (const TrendRow& month : report.trend) {
    json.begin_object();
    json.key("month").value(month.month.label);
    json.key("from").value(month.month.from_text);
    json.key("to").value(month.month.to_text);
    figures(json, month.figures);
    json.end_object();
  }
  json.end_array();

  json.key("sla_by_priority").begin_array();
  for (const PrioritySla& p : report.sla_by_priority) {
    json.begin_object().key("priority").value(model::format_priority(p.priority));
    sla(json, "response", p.response);
    sla(json, "resolution", p.resolution);
    json.end_object();
  }
  json.end_array();

  json.key("resolution_histogram").begin_array();
  for (const HistogramBin& bin : report.resolution_histogram) {
    json.begin_object();
    json.key("label").value(bin.label);
    json.key("from_hours").value(bin.from_hours);
    json.key("to_hours");
    number(json, bin.to_hours, 4);
    json.key("count").value(bin.count);
    json.end_object();
  }
  json.end_array();
  problems_json(json, report.problems);
  changes_json(json, report.changes);
  json.end_object();
  return json.str() + "\n";
}

} // namespace sdesk::report

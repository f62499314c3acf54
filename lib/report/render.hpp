#pragma once

// Renderers of a Report, one file each. All return the whole document as
// text; none prints. docs/sdesk-report.md shows each format.

#include "lib/report/aggregate.hpp"

#include <optional>
#include <string>

namespace sdesk::report {

// Aligned plain-text tables for a terminal: volume and SLA, times, trend.
std::string render_table(const Report& report);

// GitHub-flavoured Markdown: a heading and the same tables, with means and
// counts.
std::string render_markdown(const Report& report);

// RFC 4180 CSV: one header line, then a line per row ("row"), the total
// ("total") and each trend month ("month"), every figure in its own column.
std::string render_csv(const Report& report);

// JSON: {"period": {...}, "by": [...], "rows": [...], "total": {...},
// "trend": [...]} as documented in docs/sla.md.
std::string render_json(const Report& report);

// One self-contained HTML page (inline CSS and SVG, no scripts, no external
// resources) with tables and three charts.
std::string render_html(const Report& report);

// --- Shared text helpers (render_common.cpp) ------------------------------

// A row's label for one key value: the value, or "(none)".
std::string key_label(const std::optional<std::string>& value);

// "Priority" for Dimension::priority, etc.
std::string dimension_title(Dimension dimension);

// Hours with one decimal ("12.5"), or "-" when absent.
std::string hours_text(const std::optional<double>& hours);

// A percentage with one decimal ("97.3%"), or "-" when absent.
std::string pct_text(const std::optional<double>& pct);

// `value` rounded to `decimals` places (for JSON and CSV), as text without
// trailing zeros ("2.5", "3", "0.1667").
std::string number_text(double value, int decimals);

// "Service report 2026-10" and the period line
// "2026-10-01T00:00:00+02:00 to 2026-11-01T00:00:00+01:00 (Europe/Amsterdam)".
std::string report_title(const Report& report);
std::string period_line(const Report& report);

} // namespace sdesk::report

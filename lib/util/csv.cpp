#include "lib/util/csv.hpp"

namespace sdesk::util {

namespace {

// What a cell may begin with that a spreadsheet could treat as a formula,
// plus the quote that marks a neutralised cell.
constexpr std::string_view k_formula_starts = "=+-@\t\r'";

bool is_digit(char c)
{
  return c >= '0' && c <= '9';
}

// "-12" or "-1.5": a negative number a spreadsheet reads as a number.
bool is_negative_number(std::string_view cell)
{
  if (cell.size() < 2 || cell[0] != '-') {
    return false;
  }
  std::size_t i = 1;
  std::size_t digits = 0;
  while (i < cell.size() && is_digit(cell[i])) {
    ++i;
    ++digits;
  }
  if (i < cell.size() && cell[i] == '.') {
    ++i;
    std::size_t decimals = 0;
    while (i < cell.size() && is_digit(cell[i])) {
      ++i;
      ++decimals;
    }
    if (decimals == 0) {
      return false;
    }
  }
  return digits > 0 && i == cell.size();
}

bool needs_neutralising(std::string_view cell)
{
  return !cell.empty() && k_formula_starts.find(cell.front()) != std::string_view::npos
         && !is_negative_number(cell);
}

} // namespace

void append_csv_record(std::string& out, const std::vector<std::string>& fields)
{
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    const std::string_view field = fields[i];
    const std::string_view prefix = needs_neutralising(field) ? "'" : "";
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
      out += prefix;
      out += field;
      continue;
    }
    out += '"';
    out += prefix;
    for (const char c : field) {
      if (c == '"') {
        out += '"';
      }
      out += c;
    }
    out += '"';
  }
  out += '\n';
}

std::string_view unescape_csv_cell(std::string_view cell)
{
  if (cell.size() >= 2 && cell[0] == '\'' && k_formula_starts.find(cell[1]) != std::string_view::npos) {
    cell.remove_prefix(1);
  }
  return cell;
}

} // namespace sdesk::util

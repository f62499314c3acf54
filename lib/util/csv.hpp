#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sdesk::util {

// Appends one RFC 4180 record (fields joined by commas, quoted when they hold
// a comma, quote, CR or LF, quotes doubled) and a "\n" to `out`.
//
// Cells are made safe for spreadsheets (formula injection): a cell that
// begins with '=', '+', '-', '@', TAB or CR, which a spreadsheet may run as
// a formula, gets a "'" in front, and so does a cell that begins with "'"
// itself, so that unescape_csv_cell() can undo it without ambiguity. A plain
// negative number ("-12", "-1.5") is a number, not a formula: left as it is.
void append_csv_record(std::string& out, const std::vector<std::string>& fields);

// The value of a cell that append_csv_record() wrote: without its leading
// "'" when one is followed by '=', '+', '-', '@', TAB, CR or "'"; any other
// cell unchanged.
std::string_view unescape_csv_cell(std::string_view cell);

} // namespace sdesk::util

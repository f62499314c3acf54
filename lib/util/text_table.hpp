#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace sdesk::util {

// An aligned plain-text table. Cells must already be sanitised for the
// terminal; colour codes may wrap a cell through `style`, which does not
// count towards its width.
class TextTable {
public:
  explicit TextTable(std::vector<std::string> headers);

  // Adds a row; `styles` (optional, same length) holds a pair of escape
  // sequences per cell: before and after.
  void add_row(std::vector<std::string> cells,
               std::vector<std::pair<std::string, std::string>> styles = {});

  std::size_t size() const { return m_rows.size(); }

  // Renders header and rows, columns separated by two spaces, no trailing
  // blanks. With `max_width` > 0, the last column is cut to fit.
  std::string render(std::size_t max_width = 0) const;

private:
  struct Row {
    std::vector<std::string> cells;
    std::vector<std::pair<std::string, std::string>> styles;
  };
  std::vector<std::string> m_headers;
  std::vector<Row> m_rows;
};

} // namespace sdesk::util

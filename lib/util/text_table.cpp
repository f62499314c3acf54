#include "lib/util/text_table.hpp"

#include "lib/util/strings.hpp"

#include <algorithm>

namespace sdesk::util {

TextTable::TextTable(std::vector<std::string> headers)
  : m_headers(std::move(headers))
{
}

void TextTable::add_row(std::vector<std::string> cells,
                        std::vector<std::pair<std::string, std::string>> styles)
{
  cells.resize(m_headers.size());
  m_rows.push_back({std::move(cells), std::move(styles)});
}

std::string TextTable::render(std::size_t max_width) const
{
  const std::size_t columns = m_headers.size();
  std::vector<std::size_t> widths(columns);
  for (std::size_t c = 0; c < columns; ++c) {
    widths[c] = display_width(m_headers[c]);
    for (const auto& row : m_rows) {
      widths[c] = std::max(widths[c], display_width(row.cells[c]));
    }
  }
  std::size_t last_width = widths.back();
  if (max_width > 0) {
    std::size_t before_last = 0;
    for (std::size_t c = 0; c + 1 < columns; ++c) {
      before_last += widths[c] + 2;
    }
    last_width = max_width > before_last + 10 ? max_width - before_last : 10;
  }

  std::string out;
  const auto append_row = [&](const std::vector<std::string>& cells,
                              const std::vector<std::pair<std::string, std::string>>& styles) {
    std::string line;
    for (std::size_t c = 0; c < columns; ++c) {
      const bool last = c + 1 == columns;
      const std::string cell = last ? truncate_to_width(cells[c], last_width) : cells[c];
      const bool styled = c < styles.size() && !styles[c].first.empty();
      line += styled ? styles[c].first + cell + styles[c].second : cell;
      if (!last) {
        line.append(widths[c] - display_width(cell) + 2, ' ');
      }
    }
    while (!line.empty() && line.back() == ' ') {
      line.pop_back();
    }
    out += line + '\n';
  };
  append_row(m_headers, {});
  for (const auto& row : m_rows) {
    append_row(row.cells, row.styles);
  }
  return out;
}

} // namespace sdesk::util

#include "lib/util/csv.hpp"

namespace sdesk::util {

void append_csv_record(std::string& out, const std::vector<std::string>& fields)
{
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    const std::string_view field = fields[i];
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
      out += field;
      continue;
    }
    out += '"';
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

} // namespace sdesk::util

#include "lib/io/reader.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <fmt/format.h>

namespace sdesk::io {

namespace {

bool ends_with(std::string_view text, std::string_view suffix)
{
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

} // namespace

Format choose_format(const std::optional<std::string>& option, const std::string& path,
                     Input& input)
{
  if (option) {
    const std::string name = util::to_lower(*option);
    if (name == "jsonl" || name == "ndjson" || name == "json") {
      return Format::jsonl;
    }
    if (name == "csv") {
      return Format::csv;
    }
    throw Error(ErrorKind::usage,
                fmt::format("--format: unknown format {} (accepted: jsonl, csv)", util::quote(*option)));
  }
  const std::string lower = util::to_lower(path);
  if (ends_with(lower, ".csv")) {
    return Format::csv;
  }
  if (ends_with(lower, ".jsonl") || ends_with(lower, ".ndjson") || ends_with(lower, ".json")) {
    return Format::jsonl;
  }
  const std::string_view head = input.peek(4096);
  const auto first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  return first != std::string_view::npos && head[first] == '{' ? Format::jsonl : Format::csv;
}

std::unique_ptr<RecordReader> make_reader(Format format, Input& input, const FieldMap& fields,
                                          RecordBuilder& builder)
{
  return format == Format::csv ? make_csv_reader(input, fields, builder)
                               : make_jsonl_reader(input, fields, builder);
}

} // namespace sdesk::io

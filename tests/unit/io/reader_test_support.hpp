#pragma once

// Reads records from text through the import readers, for tests.

#include "lib/io/reader.hpp"
#include "lib/util/error.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sdesk::test {

struct ReadAll {
  explicit ReadAll(std::string_view text, std::vector<std::string> map = {},
                   std::optional<std::string> tz = std::string("UTC"))
    : input(io::Input::from_text(text)),
      fields(map),
      times(tz),
      builder(times, 4)
  {
  }

  // Every record of `format`; throws what the reader throws.
  std::vector<io::ImportRecord> read(io::Format format)
  {
    const auto reader = io::make_reader(format, input, fields, builder);
    std::vector<io::ImportRecord> records;
    io::ImportRecord record;
    while (reader->next(record)) {
      records.push_back(record);
    }
    return records;
  }

  io::Input input;
  io::FieldMap fields;
  io::TimeReader times;
  io::RecordBuilder builder;
};

// The message of the Error(usage) that `read` throws, or "" if none.
inline std::string read_error(std::string_view text, io::Format format,
                              std::vector<std::string> map = {})
{
  try {
    ReadAll(text, std::move(map)).read(format);
  } catch (const Error& e) {
    return e.kind() == ErrorKind::usage ? e.what() : std::string("not usage: ") + e.what();
  }
  return "";
}

} // namespace sdesk::test

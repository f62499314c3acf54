#pragma once

// Shared by the libFuzzer targets (tests/fuzz/README.md). Each target feeds
// its input to one reader; an sdesk::Error is the reader refusing bad input,
// an expected outcome. Anything else (another exception, a crash, a
// sanitizer report, a leak) is a finding.

#include "lib/io/reader.hpp"
#include "lib/util/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sdesk::fuzz {

// The fuzzer's input as text.
inline std::string_view text_of(const std::uint8_t* data, std::size_t size)
{
  return {reinterpret_cast<const char*>(data), size};
}

// Reads every import record of `text` in `format` until the end or the
// first Error, as `sdesk import` does (times without an offset in UTC).
inline void read_records(std::string_view text, io::Format format)
{
  try {
    io::Input input = io::Input::from_text(text, "fuzz");
    const io::FieldMap fields;
    const io::TimeReader times(std::string("UTC"));
    io::RecordBuilder builder(times, 4);
    const auto reader = io::make_reader(format, input, fields, builder);
    io::ImportRecord record;
    while (reader->next(record)) {
    }
  } catch (const Error&) {
  }
}

} // namespace sdesk::fuzz

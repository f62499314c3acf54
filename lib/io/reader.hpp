#pragma once

#include "lib/io/fields.hpp"
#include "lib/io/input.hpp"
#include "lib/io/record.hpp"
#include "lib/io/record_builder.hpp"

#include <memory>
#include <optional>
#include <string>

namespace sdesk::io {

enum class Format { jsonl, csv };

// Reads import records one at a time from an Input.
class RecordReader {
public:
  virtual ~RecordReader() = default;

  // Fills `record` with the next record; false at the end of the input.
  // Throws Error(usage) naming the line (and field) for malformed input or
  // bad values, Error(io) when reading fails.
  virtual bool next(ImportRecord& record) = 0;
};

// The format named by `option` ("jsonl", "csv"), else by the file name's
// extension (.jsonl, .ndjson, .json, .csv), else sniffed from the first
// byte that is not white space ('{' means JSON Lines). Throws Error(usage)
// for an unknown format name.
Format choose_format(const std::optional<std::string>& option, const std::string& path,
                     Input& input);

// A reader for `format` over `input`, mapping names through `fields` and
// values through `builder` (all must outlive the reader).
std::unique_ptr<RecordReader> make_reader(Format format, Input& input, const FieldMap& fields,
                                          RecordBuilder& builder);

// Named makers, for tests.
std::unique_ptr<RecordReader> make_jsonl_reader(Input& input, const FieldMap& fields,
                                                RecordBuilder& builder);
std::unique_ptr<RecordReader> make_csv_reader(Input& input, const FieldMap& fields,
                                              RecordBuilder& builder);

} // namespace sdesk::io

// CSV import (RFC 4180): a header row of field names, then one ticket a
// record. Fields may be quoted ("a, b", "say ""hi""", line breaks inside);
// lines end in LF or CRLF; blank lines between records are skipped. A
// cell that export neutralised for spreadsheets ("'=2+5") is read back as
// it was ("=2+5"): util::unescape_csv_cell.

#include "lib/io/reader.hpp"

#include "lib/model/limits.hpp"
#include "lib/util/csv.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <fmt/format.h>

namespace sdesk::io {

namespace {

class CsvReader final : public RecordReader {
public:
  CsvReader(Input& input, const FieldMap& fields, RecordBuilder& builder)
    : m_input(input),
      m_fields(fields),
      m_builder(builder)
  {
  }

  bool next(ImportRecord& record) override
  {
    if (m_columns.empty()) {
      read_header(record);
    }
    std::size_t start = 0;
    if (!read_fields(start)) {
      return false;
    }
    m_builder.begin(record, start);
    if (m_count != m_columns.size()) {
      m_builder.fail_line(fmt::format("{} fields, but the header has {}", m_count, m_columns.size()));
    }
    for (std::size_t i = 0; i < m_count; ++i) {
      // Undo the spreadsheet escaping of export's CSV ("'=..." -> "=...").
      m_builder.set(m_columns[i], util::unescape_csv_cell(m_values[i]));
    }
    m_builder.end();
    return true;
  }

private:
  void read_header(ImportRecord& record)
  {
    std::size_t start = 0;
    if (!read_fields(start)) {
      throw Error(ErrorKind::usage, fmt::format("{}: empty input (CSV needs a header row)",
                                                m_input.name()));
    }
    m_builder.begin(record, start);
    for (std::size_t i = 0; i < m_count; ++i) {
      std::string_view name = util::trim(m_values[i]);
      if (i == 0 && name.starts_with("\xEF\xBB\xBF")) { // a UTF-8 byte order mark
        name.remove_prefix(3);
      }
      const auto field = m_fields.find(name);
      if (!field) {
        m_builder.fail_line(FieldMap::unknown_message(name));
      }
      for (std::size_t j = 0; j < m_columns.size(); ++j) {
        if (m_columns[j] == *field && *field != Field::derived && *field != Field::skip
            && *field != Field::id) {
          m_builder.fail_line(fmt::format("columns {} and {} are both field '{}'",
                                          util::quote(m_names[j]), util::quote(name),
                                          field_name(*field)));
        }
      }
      m_columns.push_back(*field);
      m_names.emplace_back(name);
    }
  }

  // Reads one record's fields into m_values[0, m_count); `start` is its
  // first line. False at the end of the input.
  bool read_fields(std::size_t& first_line)
  {
    std::string_view line;
    do {
      if (!m_input.next_line(line)) {
        return false;
      }
      ++m_line;
    } while (line.empty());
    first_line = m_line;
    std::size_t record_bytes = line.size();
    m_count = 0;
    field().clear();
    enum class State { start, unquoted, quoted, after_quote } state = State::start;
    for (;;) {
      for (const char c : line) {
        switch (state) {
        case State::start:
          if (c == '"') {
            state = State::quoted;
          } else if (c == ',') {
            end_field();
          } else {
            field() += c;
            state = State::unquoted;
          }
          break;
        case State::unquoted:
          if (c == ',') {
            end_field();
            state = State::start;
          } else {
            field() += c;
          }
          break;
        case State::quoted:
          if (c == '"') {
            state = State::after_quote;
          } else {
            field() += c;
          }
          break;
        case State::after_quote:
          if (c == '"') {
            field() += '"';
            state = State::quoted;
          } else if (c == ',') {
            end_field();
            state = State::start;
          } else {
            throw Error(ErrorKind::usage,
                        fmt::format("line {}: field {}: text after a closing quote (quote the "
                                    "whole field and double the quotes inside)",
                                    m_line, m_count + 1));
          }
          break;
        }
      }
      if (state != State::quoted) {
        end_field();
        return true;
      }
      field() += '\n'; // a line break inside a quoted field
      if (!m_input.next_line(line)) {
        throw Error(ErrorKind::usage,
                    fmt::format("line {}: field {}: quoted field not closed before the end of input",
                                first_line, m_count + 1));
      }
      ++m_line;
      record_bytes += line.size() + 1;
      if (record_bytes > model::limit(model::Limited::import_record)) {
        throw Error(ErrorKind::usage,
                    fmt::format("line {}: record longer than {} bytes (accepted: see docs/limits.md)",
                                first_line, model::limit(model::Limited::import_record)));
      }
    }
  }

  std::string& field()
  {
    if (m_values.size() <= m_count) {
      m_values.resize(m_count + 1);
    }
    return m_values[m_count];
  }

  void end_field()
  {
    ++m_count;
    field().clear();
  }

  Input& m_input;
  const FieldMap& m_fields;
  RecordBuilder& m_builder;
  std::vector<Field> m_columns;
  std::vector<std::string> m_names;
  std::vector<std::string> m_values; // reused across records
  std::size_t m_count = 0;
  std::size_t m_line = 0;
};

} // namespace

std::unique_ptr<RecordReader> make_csv_reader(Input& input, const FieldMap& fields,
                                              RecordBuilder& builder)
{
  return std::make_unique<CsvReader>(input, fields, builder);
}

} // namespace sdesk::io

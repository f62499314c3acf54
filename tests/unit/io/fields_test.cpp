#include "lib/io/fields.hpp"
#include "lib/io/writer.hpp"
#include "lib/model/ticket_json.hpp"
#include "tests/unit/io/reader_test_support.hpp"
#include "tests/unit/model/filled_ticket.hpp"

#include <doctest/doctest.h>

using namespace sdesk;

namespace {

// The fields import sets: what an export must bring back.
bool importable(const model::FieldSpec& spec)
{
  return spec.importable;
}

} // namespace

TEST_SUITE("io::fields")
{
  TEST_CASE("import accepts every field name: the importable ones, events, links, then the ignored ones")
  {
    std::vector<std::string> expected;
    for (const model::FieldSpec& spec : model::k_fields) {
      if (spec.importable) {
        expected.emplace_back(spec.name);
      }
    }
    expected.emplace_back("events");
    expected.emplace_back("links");
    for (const model::FieldSpec& spec : model::k_fields) {
      if (!spec.importable) {
        expected.emplace_back(spec.name);
      }
    }
    CHECK(io::accepted_field_names() == expected);
    const io::FieldMap map;
    for (const model::FieldSpec& spec : model::k_fields) {
      const auto field = map.find(spec.name);
      REQUIRE(field);
      if (spec.importable) {
        CHECK(io::field_name(*field) == spec.name);
        CHECK(io::field_spec(*field) == &spec);
      } else if (spec.name == "id") {
        CHECK(*field == io::Field::id); // what the record's links name
      } else {
        CHECK(*field == io::Field::derived);
      }
    }
  }

  TEST_CASE("JSON Lines round trip: every importable field reads back as written, for every record type")
  {
    for (const model::Kind kind : model::k_kinds) {
      const model::Ticket t = test::filled(kind, 1);
      util::JsonWriter json;
      model::write_json(json, t);
      const auto records = test::ReadAll(json.str() + "\n").read(io::Format::jsonl);
      REQUIRE(records.size() == 1);
      CAPTURE(model::to_string(kind));
      CHECK(test::joined(test::differing(records[0].ticket, t, importable)) == "");
      // The others are accepted and ignored.
      CHECK(test::differing(records[0].ticket, model::Ticket{}, [](const model::FieldSpec& s) {
              return !s.importable;
            }).empty());
      for (const model::FieldSpec& spec : model::k_fields) {
        if (spec.importable && spec.applies_to(kind)) {
          CHECK(records[0].has(static_cast<io::Field>(&spec - model::k_fields)));
        }
      }
    }
  }

  TEST_CASE("CSV round trip: the header is the table's names; every importable field reads back")
  {
    std::string expected_header;
    for (const model::FieldSpec& spec : model::k_fields) {
      expected_header += (expected_header.empty() ? "" : ",") + std::string(spec.name);
    }
    CHECK(io::csv_header() == expected_header + "\n");
    for (const model::Kind kind : model::k_kinds) {
      const model::Ticket t = test::filled(kind, 2);
      std::string text = io::csv_header();
      io::append_csv(text, t);
      const auto records = test::ReadAll(text).read(io::Format::csv);
      REQUIRE(records.size() == 1);
      CAPTURE(model::to_string(kind));
      CHECK(test::joined(test::differing(records[0].ticket, t, importable)) == "");
    }
  }

  TEST_CASE("a choice field refuses a value outside its choices, naming them")
  {
    for (const model::FieldSpec& spec : model::k_fields) {
      if (spec.type != model::FieldType::choice) {
        continue;
      }
      const std::string line = "{\"title\":\"x\",\"" + std::string(spec.name) + "\":\"nonsense\"}\n";
      const std::string error = test::read_error(line, io::Format::jsonl);
      CHECK(error.starts_with("line 1: field '" + std::string(spec.name) + "': unknown value 'nonsense' (accepted: "));
      CHECK(error.find(std::string(spec.choices[0])) != std::string::npos);
    }
  }
}

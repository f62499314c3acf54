#include "tests/unit/io/reader_test_support.hpp"

#include "lib/util/error.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using io::Field;
using io::Format;
using namespace std::chrono;

TEST_SUITE("io::JsonlReader")
{
  TEST_CASE("reads the fields of the ticket JSON object and its status events")
  {
    test::ReadAll all(
      R"({"id":7,"ref":"X-1","kind":"request","title":"New laptop","description":"a\nb","status":"closed",)"
      R"("impact":"low","urgency":"high","priority":"P2","category":null,"group":"desk","tags":["VIP","onsite"],)"
      R"("escalation_level":1,"created":"2026-11-02T09:00:00+01:00","response_due":"2026-11-02T10:00:00Z",)"
      R"("events":[{"at":"2026-11-02T08:00:00Z","status":"new","actor":"bob","note":null},)"
      R"({"at":"2026-11-03T08:00:00Z","status":"resolved"}]})"
      "\n\n"
      R"({"title":"Second","created":"2026-11-02","priority":3,"escalation_level":"2","tags":"a, b"})");
    const auto records = all.read(Format::jsonl);
    REQUIRE(records.size() == 2);
    const auto& t = records[0].ticket;
    CHECK(records[0].line == 1);
    CHECK(t.id == 0); // ids are the store's
    CHECK(t.ref == "X-1");
    CHECK(t.kind == model::Kind::request);
    CHECK(t.description == "a\nb");
    CHECK(t.status == model::Status::closed);
    CHECK(t.impact == model::Level::low);
    CHECK(t.urgency == model::Level::high);
    CHECK(t.priority == 2);
    CHECK(records[0].has(Field::category));
    CHECK_FALSE(t.category);
    CHECK(t.tags == std::vector<std::string>{"onsite", "vip"});
    CHECK(t.escalation_level == 1);
    CHECK(t.created == sys_days{November / 2 / 2026} + hours{8});
    CHECK_FALSE(t.response_due); // derived: ignored
    REQUIRE(records[0].events.size() == 2);
    CHECK(records[0].events[0].actor == "bob");
    CHECK(records[0].events[1].status == model::Status::resolved);
    CHECK_FALSE(records[0].events[1].actor);

    CHECK(records[1].line == 3);
    CHECK(records[1].ticket.priority == 3);
    CHECK(records[1].ticket.escalation_level == 2);
    CHECK(records[1].ticket.tags == std::vector<std::string>{"a", "b"});
    CHECK_FALSE(records[1].has(Field::status));
    CHECK_FALSE(records[1].has(Field::events));
  }

  TEST_CASE("white space anywhere in a line, as a pretty-printer leaves it")
  {
    // Long runs of spaces and tabs take RapidJSON's SSE2 path (16 bytes at
    // a time); under AddressSanitizer this checks it stays in its buffer.
    const std::string pad(37, ' ');
    for (std::size_t tail = 0; tail < 40; ++tail) {
      CAPTURE(tail);
      test::ReadAll all("  \t " + pad + "{" + pad + "\"title\"" + pad + ":" + pad + "\"x\"" + pad +
                        ",\"created\":\"2026-11-02\"" + pad + "}" + std::string(tail, ' '));
      const auto records = all.read(Format::jsonl);
      REQUIRE(records.size() == 1);
      CHECK(records[0].ticket.title == "x");
    }
  }

  TEST_CASE("--map applies to JSON keys too")
  {
    test::ReadAll all(R"({"summary":"x","opened":"2026-01-01","extra":{"a":1}})", {"summary=title", "opened=created", "extra="});
    const auto records = all.read(Format::jsonl);
    REQUIRE(records.size() == 1);
    CHECK(records[0].ticket.title == "x");
  }

  TEST_CASE("errors name the line and the field")
  {
    const std::string good = R"({"title":"ok","created":"2026-01-01"})";
    CHECK(test::read_error(good + "\n" + R"({"title":"x","priority":"P9"})", Format::jsonl)
          == "line 2: field 'priority': bad value 'P9' (accepted: P1 to P4)");
    CHECK(test::read_error(good + "\n" + good + "\n" + R"({"title":"x",)", Format::jsonl)
            .starts_with("line 3: not valid JSON ("));
    CHECK(test::read_error(std::string(R"({"title":"x"})") + '\0' + "junk", Format::jsonl)
          == "line 1: not valid JSON (a NUL byte in the line)");
    CHECK(test::read_error("{\"title\":\"\xC3\x28\"}", Format::jsonl) // not UTF-8
            .starts_with("line 1: not valid JSON ("));
    CHECK(test::read_error(R"({"title":"x"} {"title":"y"})", Format::jsonl)
            .starts_with("line 1: not valid JSON ("));
    CHECK(test::read_error(R"({"titel":"x"})", Format::jsonl)
            .starts_with("line 1: unknown field 'titel' (did you mean 'title'?); accepted: ref, kind,"));
    CHECK(test::read_error(R"(["x"])", Format::jsonl)
          == "line 1: not a JSON object (each line must be one ticket object)");
    CHECK(test::read_error(R"({"title":true})", Format::jsonl)
          == "line 1: field 'title': expected a string or null");
    CHECK(test::read_error(R"({"impact":"huge"})", Format::jsonl)
          == "line 1: field 'impact': unknown value 'huge' (accepted: high, medium, low)");
    CHECK(test::read_error(R"({"escalation_level":-1})", Format::jsonl)
          == "line 1: field 'escalation_level': bad value '-1' (accepted: a whole number, 0 or more)");
    CHECK(test::read_error(R"({"tags":["a b"]})", Format::jsonl)
          == "line 1: field 'tags': bad tag 'a b' (accepted: a word without commas or spaces)");
    CHECK(test::read_error(R"({"events":[{"at":"2026-01-01","status":"done"}]})", Format::jsonl)
            .starts_with("line 1: field 'events[0].status': unknown value 'done'"));
    CHECK(test::read_error(R"({"events":[{"status":"new"}]})", Format::jsonl)
          == "line 1: field 'events[0].at': missing");
    CHECK(test::read_error(R"({"events":[{"at":"2026-01-01"}]})", Format::jsonl)
          == "line 1: field 'events[0].status': missing (or an action: comment, escalate, "
             "escalate_hierarchical)");
    CHECK(test::read_error(R"({"events":[{"at":"2026-01-01","status":"new","who":"x"}]})", Format::jsonl)
          == "line 1: field 'events[0].who': unknown (accepted: at, status, action, actor, note)");
    CHECK(test::read_error(R"({"events":[{"at":"2026-01-01","action":"resolve"}]})", Format::jsonl)
          == "line 1: field 'events[0].action': unknown value 'resolve' (accepted: comment, escalate, "
             "escalate_hierarchical)");
    CHECK(test::read_error(R"({"events":[{"at":"2026-01-01","action":"comment","status":"new"}]})", Format::jsonl)
          == "line 1: field 'events[0]': give a status (a status change) or an action (comment, "
             "escalate, escalate_hierarchical), not both");
    CHECK(test::read_error(R"({"events":[{"at":"2026-01-01","action":"comment"}]})", Format::jsonl)
          == "line 1: field 'events[0].note': missing (a comment needs its text)");
    CHECK(test::read_error(R"({"events":"new"})", Format::jsonl)
          == R"(line 1: field 'events': expected an array of {"at", "status" or "action", "actor", "note"} objects)");
  }

  TEST_CASE("the format follows --format, else the file name, else the first byte")
  {
    auto json = io::Input::from_text("  {\"title\":\"x\"}");
    auto csv = io::Input::from_text("title\nx\n");
    CHECK(io::choose_format(std::nullopt, "-", json) == Format::jsonl);
    CHECK(io::choose_format(std::nullopt, "-", csv) == Format::csv);
    CHECK(io::choose_format(std::nullopt, "dump.CSV", json) == Format::csv);
    CHECK(io::choose_format(std::nullopt, "dump.ndjson", csv) == Format::jsonl);
    CHECK(io::choose_format(std::string("csv"), "dump.jsonl", json) == Format::csv);
    CHECK_THROWS_WITH_AS(io::choose_format(std::string("xml"), "-", json),
                         "--format: unknown format 'xml' (accepted: jsonl, csv)", Error);
  }
}

#include "tests/unit/fixture.hpp"
#include "tests/unit/io/reader_test_support.hpp"

#include "lib/ops/import.hpp"
#include "lib/ops/open_ticket.hpp"
#include "lib/ops/read.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

#include <doctest/doctest.h>

using namespace sdesk;
using namespace std::chrono;

namespace {

ops::ImportSummary import_text(test::Desk& desk, std::string_view jsonl, bool dry_run = false)
{
  test::ReadAll all(jsonl);
  const auto reader = io::make_reader(io::Format::jsonl, all.input, all.fields, all.builder);
  auto ctx = desk.as("importer");
  return ops::import_tickets(
    ctx, [&](io::ImportRecord& record) { return reader->next(record); }, {dry_run});
}

// "action field old>new" for each event of ticket `id`.
std::vector<std::string> history(test::Desk& desk, model::TicketId id)
{
  std::vector<std::string> lines;
  for (const auto& e : desk.store->events(id)) {
    lines.push_back(fmt::format("{} {} {}>{} {}", model::to_string(e.action), e.field.value_or("-"),
                                e.old_value.value_or("-"), e.new_value.value_or("-"), e.actor));
  }
  return lines;
}

// SQLite's count of indexes (a bulk load drops and rebuilds them); 0 on
// another backend, where the checks below compare 0 with 0.
std::int64_t index_count(test::Desk& desk)
{
  if (desk.sqlite == nullptr) {
    return 0;
  }
  auto stmt = desk.sqlite->prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'index'");
  stmt.step();
  return stmt.get_int(0);
}

const std::string k_reopened =
  R"({"ref":"R-1","title":"Mail bounces","created":"2026-01-05T09:00:00Z","resolution_code":"fixed",)"
  R"("events":[{"at":"2026-01-05T09:00:00Z","status":"new","actor":"bob"},)"
  R"({"at":"2026-01-05T09:30:00Z","status":"in_progress","actor":"alice"},)"
  R"({"at":"2026-01-05T10:00:00Z","status":"pending","actor":"alice","note":"need logs"},)"
  R"({"at":"2026-01-05T10:00:00Z","status":"pending"},)"
  R"({"at":"2026-01-06T10:00:00Z","status":"in_progress"},)"
  R"({"at":"2026-01-06T12:00:00Z","status":"resolved"},)"
  R"({"at":"2026-01-07T08:00:00Z","status":"assigned","note":"still bouncing"},)"
  R"({"at":"2026-01-07T09:00:00Z","status":"resolved"},)"
  R"({"at":"2026-01-12T09:00:00Z","status":"closed"}]})";

} // namespace

TEST_SUITE("ops::import_tickets")
{
  TEST_CASE("a new ticket gets its status changes as history, under the lifecycle verbs")
  {
    test::Desk desk;
    const auto indexes = index_count(desk);
    const auto summary = import_text(desk, k_reopened);
    CHECK(summary.created == 1);
    CHECK(summary.events == 8);
    CHECK(index_count(desk) == indexes); // dropped for the load, rebuilt before commit
    CHECK(history(desk, 1)
          == std::vector<std::string>{
            "open status ->new bob", "start status new>in_progress alice",
            "pending status in_progress>pending alice", "start status pending>in_progress importer",
            "resolve status in_progress>resolved importer", "reopen status resolved>assigned importer",
            "resolve status assigned>resolved importer", "close status resolved>closed importer"});
    const auto t = desk.store->find(1).value();
    CHECK(t.status == model::Status::closed); // from the last event
    CHECK(t.resolved == sys_days{January / 7 / 2026} + hours{9}); // the last resolution
    CHECK(t.closed == sys_days{January / 12 / 2026} + hours{9});
    CHECK(t.updated == t.closed);
    CHECK(t.resolution_code == "fixed");
    CHECK(t.priority == 3); // from the matrix
    CHECK(t.sla_policy);     // computed from the history
    CHECK(desk.store->events(1)[2].note == "need logs");
  }

  TEST_CASE("without events, the status changes follow from the times")
  {
    test::Desk desk;
    import_text(desk, R"({"title":"x","created":"2026-01-05T09:00:00Z","status":"closed",)"
                      R"("resolved":"2026-01-05T10:00:00Z","closed":"2026-01-06T10:00:00Z"})"
                      "\n"
                      R"({"title":"y","created":"2026-01-05T09:00:00Z","updated":"2026-01-05T11:00:00Z","status":"pending"})");
    CHECK(history(desk, 1)
          == std::vector<std::string>{"open status ->new importer",
                                      "resolve status new>resolved importer",
                                      "close status resolved>closed importer"});
    CHECK(desk.store->events(1)[1].at == sys_days{January / 5 / 2026} + hours{10});
    CHECK(history(desk, 2)
          == std::vector<std::string>{"open status ->new importer", "pending status new>pending importer"});
    CHECK(desk.store->find(2)->updated == sys_days{January / 5 / 2026} + hours{11});
  }

  TEST_CASE("a ticket resolved as it was opened is opened, then resolved; null resolved comes from the events")
  {
    test::Desk desk;
    import_text(desk, R"({"title":"x","created":"2016-02-29T08:56","resolved":null,)"
                      R"("events":[{"at":"2016-02-29T08:56","status":"resolved"},{"at":"2016-03-05T10:00","status":"closed"}]})");
    const auto t = desk.store->find(1).value();
    CHECK(t.resolved == t.created);
    CHECK(history(desk, 1).at(1) == "resolve status new>resolved importer");
  }

  TEST_CASE("a known ref updates the ticket; an identical record changes nothing")
  {
    test::Desk desk;
    import_text(desk, R"({"ref":"A","title":"x","created":"2026-01-05T09:00:00Z","priority":"P3"})");
    desk.now = sys_days{February / 1 / 2026};
    auto summary = import_text(desk, R"({"ref":"A","title":"x","priority":"P1","events":[)"
                                     R"({"at":"2026-01-05T09:00:00Z","status":"new"},)"
                                     R"({"at":"2026-01-06T09:00:00Z","status":"resolved"}]})");
    CHECK(summary.created == 0);
    CHECK(summary.updated == 1);
    CHECK(history(desk, 1)
          == std::vector<std::string>{"open status ->new importer",
                                      "resolve status new>resolved importer",
                                      "import priority P3>P1 importer"});
    const auto t = desk.store->find(1).value();
    CHECK(t.resolved == sys_days{January / 6 / 2026} + hours{9});
    CHECK(t.updated == desk.now);
    summary = import_text(desk, R"({"ref":"A","title":"x","priority":"P1"})");
    CHECK(summary.unchanged == 1);
    CHECK(desk.count("ticket_event") == 3);
  }

  TEST_CASE("the same ref twice in one input: the second record updates the first")
  {
    test::Desk desk;
    const auto indexes = index_count(desk);
    const auto summary = import_text(desk, R"({"ref":"A","title":"x","created":"2026-01-05T09:00:00Z"})"
                                           "\n"
                                           R"({"ref":"A","title":"y","updated":"2026-01-05T10:00:00Z"})");
    CHECK(index_count(desk) == indexes);
    CHECK(summary.created == 1);
    CHECK(summary.updated == 1);
    CHECK(desk.count("ticket") == 1);
    CHECK(desk.store->find(1)->title == "y");
  }

  TEST_CASE("all or nothing: a bad record leaves the store as it was")
  {
    test::Desk desk;
    import_text(desk, R"({"title":"kept","created":"2026-01-05T09:00:00Z"})");
    const auto indexes = index_count(desk);
    CHECK_THROWS_WITH_AS(import_text(desk, R"({"title":"a","created":"2026-01-05T09:00:00Z"})"
                                           "\n"
                                           R"({"title":"b"})"),
                         "line 2: field 'created': missing (a new ticket needs the time it was opened)",
                         Error);
    CHECK(desk.count("ticket") == 1);
    CHECK(desk.count("ticket_event") == 1);
    CHECK(index_count(desk) == indexes);
    CHECK_THROWS_WITH_AS(import_text(desk, R"({"created":"2026-01-05T09:00:00Z"})"),
                         "line 1: field 'title': missing (a new ticket needs a title)", Error);
  }

  TEST_CASE("foreign-key checks are back on after an import, whether it failed or not")
  {
    test::Desk desk;
    const auto foreign_keys = [&desk] {
      if (desk.sqlite == nullptr) {
        return std::int64_t{1}; // a SQLite setting: nothing to check elsewhere
      }
      auto stmt = desk.sqlite->prepare("PRAGMA foreign_keys");
      stmt.step();
      return stmt.get_int(0);
    };
    import_text(desk, R"({"title":"kept","created":"2026-01-05T09:00:00Z"})");
    CHECK(foreign_keys() == 1);
    CHECK_THROWS_AS(import_text(desk, R"({"title":"b"})"), Error);
    CHECK(foreign_keys() == 1);
  }

  TEST_CASE("due times from a zoned business calendar match a ticket opened live")
  {
    // Many records: an import reads ahead on a second thread.
    constexpr std::string_view k_office = R"(
[calendars.office]
timezone = "Europe/Amsterdam"
mon = "08:00-12:00, 13:00-17:00"
tue = "08:00-17:00"
[sla.policies.office]
calendar = "office"
response = { P3 = "4h" }
resolution = { P3 = "16h" }
)";
    test::Desk live(k_office);
    live.now = test::at(2026, 11, 2, 9); // Monday 10:00 in Amsterdam
    auto ctx = live.as("importer");
    ops::OpenRequest request;
    request.title = "Mail bounces";
    const auto opened = ops::open_ticket(ctx, request);
    REQUIRE(opened.response_due);
    CHECK(*opened.response_due == test::at(2026, 11, 2, 14)); // 15:00 CET, after lunch

    test::Desk imported(k_office);
    std::string jsonl;
    for (int i = 0; i < 3000; ++i) {
      jsonl += fmt::format(R"({{"ref":"Z-{}","title":"Mail bounces","created":"2026-11-02T09:00:00Z"}})"
                           "\n",
                           i);
    }
    const auto summary = import_text(imported, jsonl);
    CHECK(summary.created == 3000);
    for (const model::TicketId id : {1, 1500, 3000}) {
      const auto t = imported.store->find(id).value();
      CHECK(t.sla_policy == "office");
      CHECK(t.response_due == opened.response_due);
      CHECK(t.resolution_due == opened.resolution_due);
    }
  }

  TEST_CASE("a record that cannot be a new ticket still updates a stored one")
  {
    test::Desk desk;
    import_text(desk, R"({"ref":"U-1","title":"VPN down","created":"2026-01-05T09:00:00Z"})");
    const auto summary = import_text(desk, R"({"ref":"U-1","priority":"P1"})"); // no title, no created
    CHECK(summary.updated == 1);
    CHECK(desk.store->find(1)->priority == 1);
    CHECK(desk.store->find(1)->title == "VPN down");
  }

  TEST_CASE("a dry run counts and writes nothing")
  {
    test::Desk desk;
    const auto summary = import_text(desk, k_reopened, true);
    CHECK(summary.created == 1);
    CHECK(summary.events == 8);
    CHECK(desk.count("ticket") == 0);
    CHECK(desk.count("ticket_event") == 0);
  }

  TEST_CASE("a record that would break an invariant is refused with the line, field and rule")
  {
    test::Desk desk;
    CHECK_THROWS_WITH_AS(
      import_text(desk, R"({"title":"a","created":"2026-01-05T09:00:00Z"})"
                        "\n"
                        R"({"title":"b","created":"2026-01-05T09:00:00Z","status":"closed","closed":"2026-01-06T09:00:00Z"})"),
      "line 2: field 'resolved': missing: a closed ticket has the time it was resolved (rule resolved-status)",
      Error);
    CHECK_THROWS_WITH_AS(
      import_text(desk, R"({"title":"b","created":"2026-01-05T09:00:00Z","status":"resolved","resolved":"2026-01-04T09:00:00Z"})"),
      "line 1: field 'resolved': 2026-01-04T09:00:00+00:00 is before created (2026-01-05T09:00:00+00:00) "
      "(rule after-created)",
      Error);
    CHECK_THROWS_WITH_AS(
      import_text(desk, R"({"title":"b","created":"2026-01-05T09:00:00Z","status":"assigned",)"
                        R"("resolved":"2026-01-05T10:00:00Z","closed":"2026-01-05T11:00:00Z"})"),
      "line 1: field 'resolved': set, but the status is assigned (only resolved and closed tickets have one) "
      "(rule resolved-status)",
      Error);
    CHECK(desk.count("ticket") == 0);
    CHECK(desk.count("ticket_event") == 0);
  }

  TEST_CASE("re-importing a closed ticket's ref cannot change it; a new status must follow the lifecycle")
  {
    test::Desk desk;
    import_text(desk, R"({"ref":"C","title":"x","created":"2026-01-05T09:00:00Z","status":"closed",)"
                      R"("resolved":"2026-01-05T10:00:00Z","closed":"2026-01-06T10:00:00Z"})"
                      "\n"
                      R"({"ref":"O","title":"y","created":"2026-01-05T09:00:00Z","status":"in_progress"})");
    CHECK_THROWS_WITH_AS(
      import_text(desk, R"({"ref":"C","events":[{"at":"2026-01-07T09:00:00Z","status":"in_progress"}]})"),
      "line 1: field 'status': ticket 1 (C) is closed; closed is final, a record cannot change it "
      "(open a new ticket) (rule closed-final)",
      Error);
    CHECK_THROWS_WITH_AS(import_text(desk, R"({"ref":"O","status":"new"})"),
                         "line 1: field 'status': import at 2026-11-02T09:00:00+00:00 moves from "
                         "in_progress to new, which the lifecycle does not allow (rule history-replay)",
                         Error);
    CHECK(import_text(desk, R"({"ref":"C","title":"x"})").unchanged == 1);
    CHECK(desk.count("ticket_event") == 4);
  }

  TEST_CASE("an imported event keeps its actor and time, or is refused; never recorded now")
  {
    test::Desk desk;
    import_text(desk, R"({"ref":"E","title":"x","created":"2026-01-05T09:00:00Z","events":[)"
                      R"({"at":"2026-01-05T10:00:00Z","status":"in_progress","actor":"bob"}]})");
    CHECK_THROWS_WITH_AS(
      import_text(desk, R"({"ref":"E","events":[{"at":"2026-01-05T09:30:00Z","status":"resolved","actor":"carol"}]})"),
      "line 1: field 'events': resolved at 2026-01-05T09:30:00+00:00 is not in the ticket's history and is "
      "before its last event (2026-01-05T10:00:00+00:00); history is append-only (rule history-order)",
      Error);
    CHECK(desk.count("ticket_event") == 2);
    import_text(desk, R"({"ref":"E","events":[{"at":"2026-01-05T10:00:00Z","status":"resolved","actor":"carol"}]})");
    CHECK(history(desk, 1).back() == "resolve status in_progress>resolved carol");
    CHECK(desk.store->events(1).back().at == test::at(2026, 1, 5, 10));
    CHECK(desk.store->find(1)->resolved == test::at(2026, 1, 5, 10));
  }

  TEST_CASE("skip_invalid stores the valid records and passes each refused one on")
  {
    test::Desk desk;
    test::ReadAll all(R"({"title":"a","created":"2026-01-05T09:00:00Z"})"
                      "\n"
                      R"({"title":"b","created":"2026-01-05T09:00:00Z","status":"closed","closed":"2026-01-06T09:00:00Z"})"
                      "\n"
                      R"({"title":"c","created":"2026-01-05T09:00:00Z"})");
    const auto reader = io::make_reader(io::Format::jsonl, all.input, all.fields, all.builder);
    auto ctx = desk.as("importer");
    std::vector<std::string> rejected;
    ops::ImportOptions options;
    options.skip_invalid = true;
    options.reject = [&](const io::ImportRecord& record, const std::string& reason) {
      rejected.push_back(fmt::format("{} {}", record.line, reason));
    };
    const auto summary = ops::import_tickets(
      ctx, [&](io::ImportRecord& record) { return reader->next(record); }, options);
    CHECK(summary.records == 3);
    CHECK(summary.created == 2);
    CHECK(summary.rejected == 1);
    REQUIRE(rejected.size() == 1);
    CHECK(rejected[0].starts_with("2 line 2: field 'resolved': "));
    CHECK(desk.count("ticket") == 2);
    CHECK(desk.count("ticket_event") == 2);
  }

  TEST_CASE("leaving resolved for work is recorded as the lifecycle does it: reopen, then start")
  {
    test::Desk desk;
    import_text(desk, R"({"title":"x","created":"2026-01-05T09:00:00Z","assignee":"bob","events":[)"
                      R"({"at":"2026-01-05T10:00:00Z","status":"resolved","actor":"bob"},)"
                      R"({"at":"2026-01-06T10:00:00Z","status":"in_progress","actor":"ana","note":"again"}]})");
    CHECK(history(desk, 1)
          == std::vector<std::string>{"open status ->new importer", "resolve status new>resolved bob",
                                      "reopen status resolved>assigned ana",
                                      "start status assigned>in_progress ana"});
    CHECK(desk.store->events(1)[2].note == "again");
    CHECK(desk.store->events(1)[3].at == test::at(2026, 1, 6, 10));
    const auto t = desk.store->find(1).value();
    CHECK(t.status == model::Status::in_progress);
    CHECK_FALSE(t.resolved);
  }
}

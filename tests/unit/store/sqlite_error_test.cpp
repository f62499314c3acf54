#include "tests/unit/fixture.hpp"

#include "lib/store/statement.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using test::at;

namespace {

// The kind of the Error `f` throws; internal when it throws none.
template<typename F>
ErrorKind kind_of(F f)
{
  try {
    f();
  } catch (const Error& e) {
    return e.kind();
  }
  FAIL("no error thrown");
  return ErrorKind::internal;
}

} // namespace

TEST_SUITE("store::sqlite_error")
{
  TEST_CASE("a value over SQLite's length limit is bad input, not a store failure")
  {
    auto db = store::Database::open(":memory:", store::OpenMode::create, std::chrono::milliseconds{100});
    // zeroblob() of more than SQLITE_MAX_LENGTH fails with SQLITE_TOOBIG
    // without allocating anything.
    CHECK(kind_of([&] {
            auto stmt = db.prepare("SELECT zeroblob(2000000000)");
            stmt.step();
          })
          == ErrorKind::usage);
  }

  TEST_CASE("the store refuses text that is not UTF-8 or too long before writing it")
  {
    auto s = test::memory_store();
    model::Ticket t;
    t.title = "bad \xff";
    t.created = t.updated = at(2026, 11, 2, 9);
    CHECK(kind_of([&] { s->insert(t); }) == ErrorKind::usage);
    t.title = std::string(1025, 'x');
    CHECK(kind_of([&] { s->insert(t); }) == ErrorKind::usage);
    t.title = "fine";
    const model::TicketId id = s->insert(t);
    const model::Event comment{0, id, t.created, "agent", model::Action::comment, std::nullopt, std::nullopt,
                               std::nullopt, std::string("\xc0\xaf"), std::nullopt};
    CHECK(kind_of([&] { s->append({comment}); }) == ErrorKind::usage);
    CHECK(s->events(id).empty());
  }
}

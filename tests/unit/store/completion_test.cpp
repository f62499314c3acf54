#include "lib/store/completion.hpp"
#include "lib/store/database.hpp"
#include "lib/store/schema.hpp"
#include "lib/store/statement.hpp"
#include "tests/unit/temp_dir.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>

using namespace sdesk;

namespace {

constexpr std::chrono::milliseconds k_timeout{200};

// A store with tickets 1..`count`; those whose id is divisible by 3 are
// closed, the others new (priorities cycle through 1..4).
std::string make_store(const test::TempDir& dir, int count)
{
  const auto path = (dir.path / "desk.db").string();
  auto db = store::Database::open(path, store::OpenMode::create, k_timeout);
  store::migrate(db);
  db.exec("BEGIN");
  auto insert = db.prepare(
    "INSERT INTO ticket (id, kind, title, status, impact, urgency, priority, created_at, updated_at) "
    "VALUES (?, 'incident', 't', ?, 2, 2, ?, 0, 0)");
  for (int id = 1; id <= count; ++id) {
    insert.bind(1, id).bind(2, id % 3 == 0 ? "closed" : "new").bind(3, 1 + id % 4);
    insert.step();
    insert.reset();
  }
  db.exec("COMMIT");
  return path;
}

store::OpenIdQuery open_query(std::string_view prefix, std::size_t limit = 100)
{
  return {prefix, {"new", "assigned"}, 9, limit};
}

std::string file_bytes(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

TEST_SUITE("store::completion")
{
  TEST_CASE("open ids starting with a prefix, each id length one range")
  {
    test::TempDir dir;
    const auto path = make_store(dir, 130);
    using Ids = std::vector<model::TicketId>;
    CHECK(store::open_ticket_ids(path, open_query("1")) ==
          Ids{1,   10,  11,  13,  14,  16,  17,  19,  100, 101, 103, 104, 106, 107, 109, 110,
              112, 113, 115, 116, 118, 119, 121, 122, 124, 125, 127, 128, 130});
    CHECK(store::open_ticket_ids(path, open_query("12")) == Ids{121, 122, 124, 125, 127, 128});
    CHECK(store::open_ticket_ids(path, open_query("3")).front() == 31); // 3 and 30 are closed
    CHECK(store::open_ticket_ids(path, open_query("131")).empty());
    CHECK(store::open_ticket_ids(path, open_query("")).size() == 87);
    CHECK(store::open_ticket_ids(path, open_query("", 5)).size() == 5);
  }

  TEST_CASE("not digits, a leading zero or no store: no ids, no error")
  {
    test::TempDir dir;
    const auto path = make_store(dir, 20);
    CHECK(store::open_ticket_ids(path, open_query("x")).empty());
    CHECK(store::open_ticket_ids(path, open_query("01")).empty());
    CHECK(store::open_ticket_ids(path, open_query("99999999999999999999")).empty());
    CHECK(store::open_ticket_ids((dir.path / "missing.db").string(), open_query("1")).empty());
    CHECK_FALSE(std::filesystem::exists(dir.path / "missing.db"));
  }

  TEST_CASE("a store of another schema version is neither read nor upgraded")
  {
    test::TempDir dir;
    const auto path = (dir.path / "old.db").string();
    {
      auto db = store::Database::open(path, store::OpenMode::create, k_timeout);
      store::migrate(db, 9);
      db.exec("INSERT INTO ticket (id, kind, title, status, impact, urgency, priority, created_at, "
              "updated_at) VALUES (1, 'incident', 't', 'new', 2, 2, 3, 0, 0)");
    }
    const std::string before = file_bytes(path);
    CHECK(store::open_ticket_ids(path, open_query("1")).empty());
    CHECK(file_bytes(path) == before);
    auto db = store::Database::open(path, store::OpenMode::read_write, k_timeout);
    auto version = db.prepare("PRAGMA user_version");
    version.step();
    CHECK(version.get_int(0) == 9);
  }
}

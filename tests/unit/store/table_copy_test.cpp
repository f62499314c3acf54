// What store copy copies (lib/store/table_copy.hpp): every table a new
// store has, on the backend under test, and parents before the tables whose
// foreign keys name them. A migration that adds a table without adding it
// to copied_tables() fails here (and every copy refuses to start).

#include "lib/store/database.hpp"
#include "lib/store/open.hpp"
#include "lib/store/table_copy.hpp"
#include "tests/unit/backend_factory.hpp"
#include "tests/unit/temp_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

using namespace sdesk;

namespace {

constexpr std::chrono::milliseconds k_timeout{5000};

// A new, empty store of the backend under test, by name (a file in `dir`
// or a schema on the test server), made by init_store.
std::string fresh_store_name(const test::TempDir& dir)
{
  const std::string name = test::backend_factory().name == "postgresql"
                             ? test::postgresql_fresh_uri()
                             : (dir.path / "desk.db").string();
  store::init_store(name, {});
  return name;
}

std::vector<std::string> sorted_copied_tables()
{
  std::vector<std::string> names(store::copied_tables().begin(), store::copied_tables().end());
  std::sort(names.begin(), names.end());
  return names;
}

} // namespace

TEST_SUITE("store::TableStore")
{
  TEST_CASE("store copy copies every table of a new store's catalog")
  {
    const test::TempDir dir;
    const auto source = store::open_table_source(fresh_store_name(dir), k_timeout);
    CHECK(source->tables() == sorted_copied_tables());
  }

  TEST_CASE("copied_tables names each table once")
  {
    auto names = sorted_copied_tables();
    CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
  }

  TEST_CASE("every column of a new store has a type store copy knows")
  {
    const test::TempDir dir;
    const auto source = store::open_table_source(fresh_store_name(dir), k_timeout);
    for (std::string_view table : store::copied_tables()) {
      CAPTURE(table);
      CHECK_FALSE(source->columns(table).empty());
    }
  }

  TEST_CASE("copied_tables puts the tables a foreign key names first (SQLite's catalog)")
  {
    const test::TempDir dir;
    const std::string path = (dir.path / "desk.db").string();
    store::init_store(path, {});
    auto db = store::Database::open(path, store::OpenMode::read_write, k_timeout);
    const auto order = store::copied_tables();
    for (std::size_t i = 0; i < order.size(); ++i) {
      auto parents = db.prepare("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)");
      parents.bind(1, order[i]);
      while (parents.step()) {
        const std::string parent = parents.get_text(0);
        CAPTURE(order[i]);
        CAPTURE(parent);
        const auto at = std::find(order.begin(), order.end(), parent);
        REQUIRE(at != order.end());
        CHECK(static_cast<std::size_t>(at - order.begin()) < i);
      }
    }
  }
}

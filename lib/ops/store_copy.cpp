#include "lib/ops/store_copy.hpp"

#include "lib/store/open.hpp"
#include "lib/store/store_uri.hpp"
#include "lib/store/table_copy.hpp"
#include "lib/util/error.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::ops {

namespace {

// Refuses a store whose catalog holds other tables than store copy knows:
// a table left out of copied_tables() would be lost without a word.
void check_tables(store::TableStore& store)
{
  std::vector<std::string> known(store::copied_tables().begin(), store::copied_tables().end());
  std::sort(known.begin(), known.end());
  const std::vector<std::string> found = store.tables();
  for (const std::string& table : found) {
    if (!std::binary_search(known.begin(), known.end(), table)) {
      throw Error(ErrorKind::store, fmt::format("store '{}' has a table '{}' that store copy does "
                                                "not know; nothing was copied",
                                                store.name(), table));
    }
  }
  for (const std::string& table : known) {
    if (!std::binary_search(found.begin(), found.end(), table)) {
      throw Error(ErrorKind::store, fmt::format("store '{}' has no table '{}'; nothing was copied",
                                                store.name(), table));
    }
  }
}

// The columns of `table` in FROM, which TO must have too, of the same types
// (in any order: each side names them).
std::vector<store::TableColumn> common_columns(store::TableStore& from, store::TableStore& to,
                                               std::string_view table)
{
  auto columns = from.columns(table);
  auto theirs = to.columns(table);
  auto sorted = columns;
  const auto by_name = [](const store::TableColumn& a, const store::TableColumn& b) {
    return a.name < b.name;
  };
  std::sort(sorted.begin(), sorted.end(), by_name);
  std::sort(theirs.begin(), theirs.end(), by_name);
  if (sorted != theirs) {
    throw Error(ErrorKind::store, fmt::format("table '{}' has other columns in '{}' than in '{}'; "
                                              "nothing was copied",
                                              table, to.name(), from.name()));
  }
  return columns;
}

// Refuses a TO that holds any row (Error(refused)), in the write
// transaction that keeps other writers out.
void require_empty(store::TableStore& to)
{
  for (std::string_view table : store::copied_tables()) {
    if (const std::int64_t rows = to.count_rows(table); rows > 0) {
      throw Error(ErrorKind::refused,
                  fmt::format("store '{}' is not empty (table {} has {} row{}); store copy writes "
                              "only into a new or empty store",
                              to.name(), table, rows, rows == 1 ? "" : "s"));
    }
  }
}

// Copies every table in one snapshot of FROM and one transaction of TO.
std::vector<CopiedTable> copy_tables(store::TableStore& from, store::TableStore& to)
{
  std::vector<CopiedTable> copied;
  to.begin_write();
  try {
    require_empty(to);
    from.begin_snapshot();
    for (std::string_view table : store::copied_tables()) {
      const auto columns = common_columns(from, to, table);
      to.start_table(table, columns);
      const std::int64_t rows =
        from.read_rows(table, columns, [&](const store::TableRow& row) { to.add_row(row); });
      to.finish_table();
      if (const std::int64_t written = to.count_rows(table); written != rows) {
        throw Error(ErrorKind::internal, fmt::format("store copy read {} rows of table {} but "
                                                     "TO holds {}; nothing was copied",
                                                     rows, table, written));
      }
      copied.push_back({table, rows});
    }
    from.end_snapshot();
    to.commit();
  } catch (...) {
    to.rollback();
    throw;
  }
  return copied;
}

} // namespace

StoreCopyResult copy_store(const std::string& from, const std::string& to,
                           std::chrono::milliseconds busy_timeout, const VerifyVisit& visit)
{
  if (from == to) {
    throw Error(ErrorKind::usage,
                fmt::format("store copy: FROM and TO are both '{}' (name two stores)",
                            store::redact_uri(from)));
  }
  StoreCopyResult result;
  result.from = store::redact_uri(from);
  result.to = store::redact_uri(to);
  auto source = store::open_table_source(from, busy_timeout);
  check_tables(*source);
  auto target = store::open_table_target(to, busy_timeout);
  result.created = target.created;
  try {
    check_tables(*target.store);
    result.tables = copy_tables(*source, *target.store);
  } catch (...) {
    target.store.reset(); // closed before a new file is removed
    if (target.discard) {
      target.discard();
    }
    throw;
  }
  target.store.reset();
  source.reset();
  const auto copied = store::open_store(to, busy_timeout);
  result.verified = verify_store(copied->tickets(), visit);
  return result;
}

} // namespace sdesk::ops

#include "tests/unit/fixture.hpp"

#include <doctest/doctest.h>

using namespace sdesk;

TEST_SUITE("store::SqliteAlertStore")
{
  TEST_CASE("the keys tick may expire are found through the partial index, not a scan of every key")
  {
    auto s = test::memory_store();
    // The query of AlertStore::for_each with AlertQuery::expiring (sqlite_alert_store.cpp).
    auto plan = s->database().prepare(
      "EXPLAIN QUERY PLAN SELECT source, key FROM alert_key WHERE 1"
      " AND (flapping <> 0 OR downtime_until IS NOT NULL) ORDER BY source COLLATE BINARY, key COLLATE BINARY");
    std::string details;
    while (plan.step()) {
      details += plan.get_text(3) + ";";
    }
    CAPTURE(details);
    CHECK(details.find("INDEX alert_key_expiring") != std::string::npos);
    CHECK(details.find("TEMP B-TREE") == std::string::npos);
  }
}

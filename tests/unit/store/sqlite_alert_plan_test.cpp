#include "tests/unit/fixture.hpp"

#include <doctest/doctest.h>

using namespace sdesk;

namespace {

std::string plan_of(store::SqliteStore& s, const std::string& sql)
{
  auto plan = s.database().prepare("EXPLAIN QUERY PLAN " + sql);
  std::string details;
  while (plan.step()) {
    details += plan.get_text(3) + ";";
  }
  return details;
}

} // namespace

TEST_SUITE("store::SqliteAlertStore")
{
  TEST_CASE("the keys tick may expire are searched through an index each, not by a scan of every key")
  {
    auto s = test::memory_store();
    // The two searches of AlertStore::for_each with AlertQuery::expiring (sqlite_alert_store.cpp).
    std::string details = plan_of(*s, "SELECT * FROM alert_key WHERE flapping = 1");
    CAPTURE(details);
    CHECK(details.find("INDEX alert_key_by_flapping") != std::string::npos);
    details = plan_of(*s, "SELECT * FROM alert_key WHERE downtime_until > -9223372036854775807");
    CHECK(details.find("INDEX alert_key_by_downtime") != std::string::npos);
  }
}

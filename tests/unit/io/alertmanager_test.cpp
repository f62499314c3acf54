#include "lib/io/alertmanager.hpp"

#include "lib/util/error.hpp"
#include "tests/unit/time_support.hpp"

#include <doctest/doctest.h>

using namespace sdesk;
using test::at;

namespace {

constexpr std::string_view k_payload = R"({
  "version": "4", "status": "firing", "receiver": "sdesk", "groupKey": "{}:{alertname=\"X\"}",
  "externalURL": "http://am:9093",
  "alerts": [
    {"status": "firing", "labels": {"alertname": "DiskFull", "instance": "db1", "severity": "CRITICAL"},
     "annotations": {"description": "\n  first line  \nsecond"},
     "startsAt": "2026-03-01T09:00:00.123456789Z", "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "aa"},
    {"status": "resolved", "labels": {"alertname": "DiskFull", "instance": "db2", "severity": "page"},
     "annotations": {"summary": "db2 full"},
     "startsAt": "2026-03-01T09:00:00+01:00", "endsAt": "2026-03-01T10:00:05.5+01:00", "fingerprint": "bb"}
  ]})";

std::string error_of(std::string_view json)
{
  try {
    io::parse_alertmanager(json);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::usage);
    return e.what();
  }
  return "no error";
}

} // namespace

TEST_SUITE("io::alertmanager")
{
  TEST_CASE("a payload's alerts: key, action, time, severity and summary")
  {
    const auto payload = io::parse_alertmanager(k_payload);
    CHECK(payload.group_key == "{}:{alertname=\"X\"}");
    CHECK(payload.external_url == "http://am:9093");
    REQUIRE(payload.alerts.size() == 2);
    CHECK_FALSE(payload.alerts[0].ends_at.has_value()); // Go's zero time
    const auto alerts = io::alertmanager_alerts(payload, "am", {}, at(2026, 3, 5));
    REQUIRE(alerts.size() == 2);
    CHECK(alerts[0].key == "aa");
    CHECK(alerts[0].action == model::AlertAction::trigger);
    CHECK(alerts[0].at == at(2026, 3, 1, 9));
    CHECK(alerts[0].severity == model::Severity::critical);
    CHECK(alerts[0].summary == "first line"); // the description's first non-blank line
    CHECK(alerts[1].action == model::AlertAction::resolve);
    CHECK(alerts[1].at == at(2026, 3, 1, 9, 0, 5)); // endsAt, fraction dropped, offset applied
    CHECK_FALSE(alerts[1].severity.has_value());      // "page" is none of the four
    CHECK(alerts[1].summary == "db2 full");
    CHECK(alerts[1].source == "am");

    const auto by_labels = io::alertmanager_alerts(payload, "am", {"instance", "nosuch"}, at(2026, 3, 5));
    CHECK(by_labels[0].key == "instance=db1,nosuch=");
  }

  TEST_CASE("malformed payloads name what is wrong")
  {
    CHECK(error_of("[1, 2").starts_with("payload: not JSON: "));
    CHECK(error_of("[]") == "payload: expected an object (Alertmanager's webhook payload)");
    CHECK(error_of(R"({"alerts": []})") == "payload: version: expected \"4\", got none");
    CHECK(error_of(R"({"version": "4"})") == "payload: alerts: expected an array");
    CHECK(error_of(R"({"version": "4", "alerts": [3]})") == "payload: alerts[0]: expected an object");
    CHECK(error_of(R"({"version": "4", "alerts": [{"status": "firing", "annotations": []}]})") ==
          "payload: alerts[0]: annotations: expected an object of strings");
    CHECK(error_of(std::string(100000, '[')).starts_with("payload: not JSON")); // no stack overflow
    const auto payload = io::parse_alertmanager(R"({"version": "4", "alerts": [{"status": "firing"}]})");
    CHECK_THROWS_WITH_AS(io::alertmanager_alerts(payload, "am", {}, at(2026, 3, 5)),
                         "payload: alerts[0]: no fingerprint (or give --key labels:NAME,...)", Error);
    // Without startsAt: the command's time.
    CHECK(io::alertmanager_alerts(payload, "am", {"x"}, at(2026, 3, 5))[0].at == at(2026, 3, 5));
  }
}

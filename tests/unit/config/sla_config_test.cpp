#include "lib/config/config.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace std::chrono_literals;
using sdesk::Error;
using sdesk::ErrorKind;
using sdesk::config::Config;
using sdesk::config::load_text;

namespace {

// The message of the config error loading `toml` throws ("" if none).
std::string config_error(std::string_view toml)
{
  try {
    load_text(toml, "site.toml");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::config);
    return e.what();
  }
  return "";
}

constexpr std::string_view k_site = R"(
[calendars.office]
timezone = "Europe/Amsterdam"
mon = "08:00-12:00, 13:00-17:00"
fri = "08:00-12:00"
sat = "closed"
holidays = ["2026-12-25", "2026-12-26"]

[sla]
pause_statuses = ["pending", "new"]

[sla.policies.standard]
calendar = "office"
kinds = ["incident"]
services = ["vpn"]
groups = ["second-line"]
response = { P1 = "30m", p4 = "8h" }
resolution = { P2 = "1h30m" }

[escalation.rules.warn]
at = "80%"

[escalation.rules.breach]
at = "100%"
target = "response"
action = "hierarchical"
inform = ["service-manager", "cio"]

[escalation.rules.early]
at = "50%"
)";

} // namespace

TEST_SUITE("config::sla")
{
  TEST_CASE("defaults: one 24x7 policy, pending pauses, no escalation rules")
  {
    const Config c = load_text("", "empty.toml");
    REQUIRE(c.sla.policies.size() == 1);
    const auto& p = c.sla.policies[0];
    CHECK(p.name == "default");
    CHECK(p.calendar == "24x7");
    CHECK(p.response == std::map<int, std::chrono::seconds>{{1, 1h}, {2, 4h}, {3, 8h}, {4, 24h}});
    CHECK(p.resolution
          == std::map<int, std::chrono::seconds>{{1, 4h}, {2, 24h}, {3, 72h}, {4, 120h}});
    CHECK(c.sla.pause_statuses == std::vector{sdesk::model::Status::pending});
    REQUIRE(c.sla.calendars.size() == 1);
    CHECK(c.sla.calendars[0].always_open());
    CHECK(c.escalation_rules.empty());
  }

  TEST_CASE("escalation rules can be narrowed by priority, kind, group and service")
  {
    const Config c = load_text(R"(
[desk]
services = ["vpn", "email"]
[escalation.rules.warn]
at = "80%"
priorities = ["P1", "p2"]
kinds = ["incident", "request"]
groups = ["service-desk"]
services = ["vpn"]
[escalation.rules.any]
at = "90%"
)",
                               "site.toml");
    REQUIRE(c.escalation_rules.size() == 2);
    const auto& warn = c.escalation_rules[0];
    CHECK(warn.priorities == std::vector<int>{1, 2});
    CHECK(warn.kinds
          == std::vector<sdesk::model::Kind>{sdesk::model::Kind::incident,
                                              sdesk::model::Kind::request});
    CHECK(warn.applies_to(1, sdesk::model::Kind::incident, "service-desk", "vpn"));
    CHECK_FALSE(warn.applies_to(3, sdesk::model::Kind::incident, "service-desk", "vpn"));
    CHECK_FALSE(warn.applies_to(1, sdesk::model::Kind::problem, "service-desk", "vpn"));
    CHECK_FALSE(warn.applies_to(1, sdesk::model::Kind::incident, "second-line", "vpn"));
    CHECK_FALSE(warn.applies_to(1, sdesk::model::Kind::incident, "service-desk", std::nullopt));
    CHECK(c.escalation_rules[1].applies_to(4, sdesk::model::Kind::change, std::nullopt,
                                           std::nullopt));
    CHECK(config_error("[escalation.rules.w]\nat = \"80%\"\nkinds = [\"problme\"]\n")
          == "site.toml:3: escalation.rules.w.kinds: unknown kind 'problme' (did you mean "
             "'problem'?) (accepted: incident, request, change, problem)");
    CHECK(config_error("[escalation.rules.w]\nat = \"80%\"\npriorities = [\"P5\"]\n")
          == "site.toml:3: escalation.rules.w.priorities: priority 'P5' is outside the priority "
             "matrix (accepted: P1, P2, P3, P4)");
    CHECK(config_error("[escalation.rules.w]\nat = \"80%\"\ngroups = [\"third-lin\"]\n")
          == "site.toml:3: escalation.rules.w.groups: unknown group 'third-lin' (did you mean "
             "'third-line'?) (defined: second-line, service-desk, third-line)");
  }

  TEST_CASE("calendars, policies and rules are read; a file's policies replace the built-in one")
  {
    const Config c = load_text(k_site, "site.toml");
    REQUIRE(c.sla.policies.size() == 1);
    const auto& p = c.sla.policies[0];
    CHECK(p.name == "standard");
    CHECK(p.kinds == std::vector{sdesk::model::Kind::incident});
    CHECK(p.services == std::vector<std::string>{"vpn"});
    CHECK(p.groups == std::vector<std::string>{"second-line"});
    CHECK(p.response == std::map<int, std::chrono::seconds>{{1, 30min}, {4, 8h}});
    CHECK(p.resolution == std::map<int, std::chrono::seconds>{{2, 90min}});
    const auto* office = c.sla.find_calendar("office");
    REQUIRE(office != nullptr);
    CHECK(office->zone_name() == "Europe/Amsterdam");
    CHECK(office->week()[0].size() == 2);
    CHECK(office->week()[1].empty()); // absent: closed
    CHECK(office->holidays().size() == 2);
    CHECK(c.sla.find_calendar("24x7") != nullptr);
    CHECK(c.sla.pause_statuses.size() == 2);
    REQUIRE(c.escalation_rules.size() == 3); // by percent, then name
    CHECK(c.escalation_rules[0].name == "early");
    CHECK(c.escalation_rules[1].name == "warn");
    CHECK(c.escalation_rules[1].percent == 80);
    CHECK(c.escalation_rules[1].target == sdesk::sla::Target::resolution);
    CHECK_FALSE(c.escalation_rules[1].hierarchical);
    CHECK(c.escalation_rules[2].hierarchical);
    CHECK(c.escalation_rules[2].target == sdesk::sla::Target::response);
    CHECK(c.escalation_rules[2].inform == std::vector<std::string>{"service-manager", "cio"});
    // `sdesk config` no longer shows the dropped built-in policy.
    CHECK(std::none_of(c.settings.begin(), c.settings.end(), [](const auto& s) {
      return s.key.starts_with("sla.policies.default");
    }));
  }

  TEST_CASE("redefining the built-in policy keeps only what the file says")
  {
    const Config c = load_text("[sla.policies.default]\nresponse = { P1 = \"2h\" }\n", "t");
    REQUIRE(c.sla.policies.size() == 1);
    CHECK(c.sla.policies[0].response == std::map<int, std::chrono::seconds>{{1, 2h}});
    CHECK(c.sla.policies[0].resolution.empty());
  }

  TEST_CASE("a smaller priority matrix does not break the built-in policy")
  {
    CHECK(config_error("[priority]\nmatrix = [[1, 1, 1], [1, 1, 1], [1, 1, 2]]\n").empty());
  }

  TEST_CASE("errors name file:line and the key")
  {
    CHECK(config_error("[sla.policies.x]\ncalendar = \"offce\"\nresponse = { P1 = \"1h\" }\n")
          == "site.toml:2: sla.policies.x.calendar: unknown calendar 'offce' (defined: 24x7)");
    CHECK(config_error("[calendars.office]\ntimezone = \"UTC\"\nmon = \"08:00-17:60\"\n")
          == "site.toml:3: calendars.office.mon: invalid business hours '08:00-17:60'; accepted: "
             "HH:MM-HH:MM with 00:00 <= begin < end <= 24:00");
    CHECK(config_error("[calendars.office]\ntimezone = \"UTC\"\nmon = \"13:00-17:00, 08:00-14:00\"\n")
          == "site.toml:3: calendars.office.mon: ranges '13:00-17:00' and '08:00-14:00' overlap "
             "or are out of order (accepted: sorted, non-overlapping ranges)");
    CHECK(config_error("[calendars.office]\ntimezone = \"Mars/Olympus\"\nmon = \"08:00-17:00\"\n")
          == "site.toml:2: calendars.office.timezone: unknown time zone 'Mars/Olympus'; accepted: "
             "an IANA name such as Europe/Amsterdam or UTC");
    CHECK(config_error("[calendars.office]\nmon = \"08:00-17:00\"\n")
          == "site.toml:1: calendars.office: missing key 'timezone' (an IANA name such as "
             "\"Europe/Amsterdam\")");
    CHECK(config_error("[calendars.office]\ntimezon = \"UTC\"\n")
          == "site.toml:2: calendars.office: unknown key 'timezon' (did you mean 'timezone'?)");
    CHECK(config_error("[calendars.office]\ntimezone = \"UTC\"\nmonday = \"08:00-17:00\"\n")
          == "site.toml:3: calendars.office: unknown key 'monday' (accepted: timezone, holidays, "
             "mon, tue, wed, thu, fri, sat, sun)");
    CHECK(config_error("[calendars.24x7]\ntimezone = \"UTC\"\nmon = \"08:00-17:00\"\n")
          == "site.toml:1: calendars.24x7: '24x7' is built in (always open, UTC); choose another "
             "name");
    CHECK(config_error("[escalation.rules.warn]\nat = \"80\"\n")
          == "site.toml:2: escalation.rules.warn.at: expected a percentage from \"1%\" to "
             "\"1000%\" such as \"80%\", got \"80\"");
    CHECK(config_error("[escalation.rules.warn]\nat = \"80%\"\naction = \"hierarchical\"\n")
          == "site.toml:1: escalation.rules.warn: action = \"hierarchical\" needs inform = "
             "[\"NAME\", ...] (who is told)");
    CHECK(config_error("[escalation.rules.warn]\nat = \"80%\"\ntarget = \"resolve\"\n")
          == "site.toml:3: escalation.rules.warn.target: expected \"response\" or \"resolution\", "
             "got \"resolve\"");
    CHECK(config_error("[sla.policies.x]\nresponse = { P5 = \"1h\" }\n")
          == "site.toml:2: sla.policies.x.response.P5: priority P5 is outside the priority "
             "matrix (P1..P4)");
    CHECK(config_error("[sla.policies.x]\nresponse = { P1 = \"soon\" }\n").starts_with(
      "site.toml:2: sla.policies.x.response.P1: bad duration 'soon'"));
    CHECK(config_error("[sla.policies.x]\ngroups = [\"l9\"]\nresponse = { P1 = \"1h\" }\n")
          == "site.toml:2: sla.policies.x.groups: unknown group 'l9' (defined: second-line, "
             "service-desk, third-line)");
    CHECK(config_error("[sla.policies.x]\ncalendar = \"24x7\"\n")
          == "site.toml:1: sla.policies.x: no targets (set response and/or resolution, e.g. "
             "resolution = { P1 = \"4h\" })");
    CHECK(config_error("[sla]\npause_statuses = [\"resolved\"]\n")
          == "site.toml:2: sla.pause_statuses: 'resolved' always stops the clock (accepted: new, "
             "assigned, in_progress, pending)");
    CHECK(config_error("[sla]\npause = [\"pending\"]\n")
          == "site.toml:2: sla: unknown key 'pause' (accepted: pause_statuses, policies)");
  }
}

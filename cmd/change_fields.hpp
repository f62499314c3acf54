#pragma once

// The options of a change's plan, shared by `sdesk open --kind change` and
// `sdesk change open`.

#include "cmd/command.hpp"
#include "cmd/optional_option.hpp"
#include "lib/ops/change_plan.hpp"

#include "lib/util/error.hpp"
#include "lib/util/time.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <optional>
#include <string>

namespace sdesk::cmd {

// The change options as given on the command line.
struct ChangeFieldOptions {
  std::optional<std::string> change_type;
  std::optional<std::string> risk;
  std::optional<std::string> planned_start;
  std::optional<std::string> planned_end;
  std::optional<std::string> release;
  std::optional<std::string> plan;
  std::optional<std::string> backout_plan;
  std::optional<std::string> test_plan;
};

// Adds the change options to `sub`; `with_type`: --change-type too. A lean
// parse adds only those its command line names (add_optional).
inline void add_change_field_options(CLI::App* sub, ChangeFieldOptions& o, bool with_type,
                                     const Invocation& in)
{
  if (with_type) {
    add_optional(sub, in, "--change-type", o.change_type, "Change: standard, normal (default) or emergency",
                 "TYPE");
  }
  add_optional(sub, in, "--risk", o.risk, "Change: low, medium or high", "RISK");
  add_optional(sub, in, "--planned-start", o.planned_start, "Change: planned start (ISO 8601)", "TIME");
  add_optional(sub, in, "--planned-end", o.planned_end, "Change: planned end (ISO 8601)", "TIME");
  add_optional(sub, in, "--release", o.release, "Change: the release it belongs to", "NAME");
  add_optional(sub, in, "--plan", o.plan, "Change: implementation plan; '-' reads standard input", "TEXT");
  add_optional(sub, in, "--backout-plan", o.backout_plan, "Change: backout plan; '-' reads standard input",
               "TEXT");
  add_optional(sub, in, "--test-plan", o.test_plan, "Change: test plan; '-' reads standard input", "TEXT");
}

// Copies the change options into `request`, reading '-' texts from standard
// input (one of them at most). Throws Error(usage) for a bad time or a
// second '-'.
inline void fill_change_fields(const ChangeFieldOptions& o, ops::ChangePlan& request, bool& stdin_used)
{
  const auto text = [&](const std::optional<std::string>& value, std::string_view option) {
    if (!value || *value != "-") {
      return value;
    }
    if (stdin_used) {
      throw Error(ErrorKind::usage, fmt::format("{}: standard input is read once ('-' given twice)", option));
    }
    stdin_used = true;
    return std::optional<std::string>(read_stdin());
  };
  request.change_type = o.change_type;
  request.risk = o.risk;
  if (o.planned_start) {
    request.planned_start = util::parse_time(*o.planned_start, "--planned-start");
  }
  if (o.planned_end) {
    request.planned_end = util::parse_time(*o.planned_end, "--planned-end");
  }
  request.release = o.release;
  request.plan = text(o.plan, "--plan");
  request.backout_plan = text(o.backout_plan, "--backout-plan");
  request.test_plan = text(o.test_plan, "--test-plan");
}

} // namespace sdesk::cmd

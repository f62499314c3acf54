#include "lib/ops/change_plan.hpp"

#include "lib/model/fields.hpp"
#include "lib/ops/validate.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

#include <string_view>
#include <utility>

namespace sdesk::ops {

namespace {

// The option's value if it is one of the field's choices; throws
// Error(usage) naming the option otherwise.
const std::optional<std::string>& checked_choice(const std::optional<std::string>& value,
                                                 std::string_view field, std::string_view option)
{
  if (value) {
    if (const auto problem = model::choice_problem(*model::find_field(field), *value)) {
      throw Error(ErrorKind::usage, fmt::format("{}: {}", option, *problem));
    }
  }
  return value;
}

// Replaces `field` with `value` when it is given.
template<typename T>
void set_given(std::optional<T>& field, const std::optional<T>& value)
{
  if (value) {
    field = value;
  }
}

} // namespace

bool ChangePlan::any() const
{
  return change_type || risk || planned_start || planned_end || release || plan || backout_plan || test_plan;
}

void apply_plan(const ChangePlan& p, model::Ticket& t)
{
  if (t.kind != model::Kind::change) {
    const std::pair<std::string_view, bool> given[] = {
      {"--change-type", p.change_type.has_value()},   {"--risk", p.risk.has_value()},
      {"--planned-start", p.planned_start.has_value()}, {"--planned-end", p.planned_end.has_value()},
      {"--release", p.release.has_value()},           {"--plan", p.plan.has_value()},
      {"--backout-plan", p.backout_plan.has_value()}, {"--test-plan", p.test_plan.has_value()},
    };
    for (const auto& [option, set] : given) {
      if (set) {
        throw Error(ErrorKind::usage,
                    fmt::format("{}: set on a {}, but only change records have it (rule field-kind)", option,
                                model::to_string(t.kind)));
      }
    }
    return;
  }
  set_given(t.change_type, checked_choice(p.change_type, "change_type", "--change-type"));
  set_given(t.risk, checked_choice(p.risk, "risk", "--risk"));
  set_given(t.planned_start, p.planned_start);
  set_given(t.planned_end, p.planned_end);
  if (t.planned_start && t.planned_end && *t.planned_end <= *t.planned_start) {
    throw Error(ErrorKind::usage,
                fmt::format("--planned-end: {} is not after --planned-start ({})", util::format_time(*t.planned_end),
                            util::format_time(*t.planned_start)));
  }
  if (p.release) {
    require_one_line(*p.release, "--release");
  }
  set_given(t.release, p.release);
  set_given(t.plan, p.plan);
  set_given(t.backout_plan, p.backout_plan);
  set_given(t.test_plan, p.test_plan);
}

} // namespace sdesk::ops

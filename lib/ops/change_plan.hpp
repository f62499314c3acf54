#pragma once

// A change's plan as a command gives it: shared by `open --kind change`,
// `change open` (from a template) and `update`.

#include "lib/model/ticket.hpp"
#include "lib/util/time.hpp"

#include <optional>
#include <string>

namespace sdesk::ops {

// The plan fields of a change; absent = not given (left as they are).
struct ChangePlan {
  std::optional<std::string> change_type; // standard, normal, emergency
  std::optional<std::string> risk;        // low, medium, high
  std::optional<util::Time> planned_start;
  std::optional<util::Time> planned_end;
  std::optional<std::string> release;
  std::optional<std::string> plan;
  std::optional<std::string> backout_plan;
  std::optional<std::string> test_plan;

  // Whether any field is given.
  bool any() const;
};

// Copies the given fields of `plan` into `t`. Throws Error(usage) naming
// the option: on a record that is not a change (rule field-kind), for a
// value outside the field's choices, a release of more than one line, or a
// window whose end (given, or else stored) is not after its start.
void apply_plan(const ChangePlan& plan, model::Ticket& t);

} // namespace sdesk::ops

#pragma once

// `sdesk tick`: all of sdesk's periodic work, as a list of steps run in
// order (docs/sdesk-tick.md). Each step is a function that does its work in
// transactions of its own, decides inside its write transaction what is
// still to do (so two overlapping ticks never do one thing twice) and
// returns how many things it did, adding a line per thing to `details`
// for people.
//
// Adding a step is one row in k_tick_steps (lib/ops/tick.cpp):
//   {"alerts", alerts_step},   // a function (Context&, TickDetails&) -> count
// Its name is the step's key in `sdesk tick --json`.

#include "lib/ops/context.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::ops {

// Lines a step adds for people: one per thing it did.
using TickDetails = std::vector<std::string>;

// One step of a tick.
struct TickStep {
  std::string_view name;
  std::int64_t (*run)(Context& ctx, TickDetails& details);
};

// What one step of a tick did.
struct TickStepResult {
  std::string_view name;
  std::int64_t count = 0;
  TickDetails details;
};

// The steps of a tick, in the order they ran (every step, also those that
// did nothing).
struct TickResult {
  std::vector<TickStepResult> steps;

  // How many things all steps did together.
  std::int64_t total() const;
};

// The steps, in the order tick runs them.
std::vector<TickStep> tick_steps();

// Runs every step in order. A step that throws stops the tick: what earlier
// steps committed stays, the failing step's transaction is rolled back,
// and the error propagates (the next tick tries again).
TickResult tick(Context& ctx);

} // namespace sdesk::ops

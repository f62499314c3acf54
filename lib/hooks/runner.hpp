#pragma once

// The site's hooks for one command (docs/hooks.md): the WriteHooks the
// write path calls (lib/ops/hooks.hpp), and the deliveries of post-commit
// hooks from the outbox.

#include "lib/hooks/discover.hpp"
#include "lib/util/duration.hpp"
#include "lib/util/process.hpp"
#include "lib/ops/hooks.hpp"
#include "lib/ops/write.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace sdesk::hooks {

using util::RunResult;

// The environment variable naming the store a hook runs for: an sdesk
// started by a hook refuses to write that store (its command holds the
// write lock, or is about to deliver again).
inline constexpr const char* k_store_variable = "SDESK_HOOK_STORE";

// Where hooks are and how they run.
struct Settings {
  std::vector<std::string> dirs;              // hooks directories, searched in order
  std::chrono::milliseconds timeout{10000};   // hooks.timeout
  std::string store;                          // the store's path (made absolute for SDESK_DB, SDESK_HOOK_STORE)
};

// One hook's answer in a dry run (`sdesk hook test`).
struct Answer {
  const Hook* hook = nullptr;
  RunResult result;
  std::vector<model::FieldChange> patch;    // what its output would change (pre-*)
  std::optional<std::string> patch_error;   // why its output would be refused
};

// A dry run of the hooks of one event on one ticket.
struct TestRun {
  std::string input;            // what each hook read
  std::vector<Answer> answers;  // in the order they ran
};

// The delay before retrying a delivery (util::retry_delay: one schedule
// for hooks and mail).
using util::retry_delay;

class Runner final : public ops::WriteHooks {
public:
  explicit Runner(Settings settings);

  // The hooks found in the settings' directories; looked for on the first
  // call only.
  const Found& found();

  void before_write(ops::Context& ctx, ops::ChangeSet& set) override;
  const std::vector<std::string>& consumers() override;
  void queued(ops::Context& ctx, std::span<const model::OutboxEntry> entries) override;
  std::size_t deliver_queued(ops::Context& ctx) override;
  std::size_t deliver_due(ops::Context& ctx, std::size_t limit) override;

  // Runs the hooks of `event` on ticket `id` as they would run, writing
  // nothing: pre-open as if it were being opened, pre-change with no
  // change, post-commit with the ticket's latest outbox row (if any).
  // Throws Error(not_found) for an unknown ticket, Error(usage) for an
  // unknown event.
  TestRun test(ops::Context& ctx, std::string_view event, model::TicketId id);

private:
  // Runs `hook` on `input` with the hooks' environment; one that cannot be
  // started is a failed run (exit -1, the reason on its standard error).
  RunResult run(const Hook& hook, const std::string& input, std::optional<std::int64_t> outbox_id);
  // Runs the pre-* hooks on record `index` of `set`.
  void before_record(ops::Context& ctx, ops::ChangeSet& set, std::size_t index);
  // Delivers outbox row `entry` to `hook` (claimed first unless
  // `claimed`) and records the outcome; whether it succeeded.
  bool deliver(ops::Context& ctx, const model::OutboxEntry& entry, const Hook& hook, bool claimed);
  // How long a claimed delivery is left to the process that claimed it.
  std::chrono::seconds lease() const;
  // The post-commit hook of consumer `consumer`, or null.
  const Hook* post_commit_hook(std::string_view consumer);

  Settings m_settings;
  std::string m_store; // m_settings.store made absolute, for the hooks
  std::optional<Found> m_found;
  std::vector<std::string> m_consumers;
  std::vector<model::OutboxEntry> m_queued;
};

} // namespace sdesk::hooks

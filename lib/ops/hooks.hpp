#pragma once

// The seam between the write path and the site's hooks (docs/hooks.md).
// lib/ops runs no process: the write path calls a WriteHooks that
// ops::Context carries, and lib/hooks implements it (spawning the hooks'
// executables). Every writer that goes through write_changes() (commands,
// import --notify, events, escalate --auto, recurring tickets) reaches the
// hooks without a case of its own.

#include "lib/model/outbox.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace sdesk::ops {

struct ChangeSet;
struct Context;

// The hooks of one command.
class WriteHooks {
public:
  WriteHooks() = default;
  WriteHooks(const WriteHooks&) = delete;
  WriteHooks& operator=(const WriteHooks&) = delete;
  virtual ~WriteHooks() = default;

  // Runs the hooks that may refuse or patch `set`, in the caller's write
  // transaction and before `set` is checked: pre-open for its new record,
  // pre-change for each changed one. A patch changes a record's `after` and
  // the set's events for it (the write path then checks the patched set as
  // it checks any). Throws Error(refused) with the hook's message when a
  // hook refuses, fails or times out, Error(usage) for a bad patch.
  virtual void before_write(Context& ctx, ChangeSet& set) = 0;

  // The consumers that get a delivery of every outbox row this command
  // queues ("hook:NAME" per post-commit hook); empty when there are none.
  // When not empty, the write path queues every action, not only the
  // notifiable ones. Looks for hooks at most once per object.
  virtual const std::vector<std::string>& consumers() = 0;

  // Called by the write path, in its write transaction, with the outbox
  // rows it just queued (only when consumers() is not empty): adds a
  // delivery of each to each consumer (Backend::deliveries()), claimed for
  // this command, so that deliver_queued() delivers them after the commit
  // with no further claim. Throws Error(store).
  virtual void queued(Context& ctx, std::span<const model::OutboxEntry> entries) = 0;

  // After the command: delivers the rows queued() noted that are still due,
  // each in a transaction of its own. Returns how many hook runs
  // succeeded; a failure is recorded for a later retry, never thrown.
  virtual std::size_t deliver_queued(Context& ctx) = 0;

  // Delivers every due delivery (new ones, and failed ones whose retry is
  // due), at most `limit`, oldest first. Returns how many hook runs
  // succeeded; failures are recorded with the next retry (backoff).
  // Throws Error(store) when the store cannot be read.
  virtual std::size_t deliver_due(Context& ctx, std::size_t limit) = 0;
};

// The periodic step for `sdesk tick`: delivers the post-commit hooks that
// are due (ctx.hooks->deliver_due), at most `limit`; 0 without hooks.
std::size_t deliver_hooks(Context& ctx, std::size_t limit = 1000);

} // namespace sdesk::ops

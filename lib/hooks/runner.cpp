#include "lib/hooks/runner.hpp"

#include "lib/hooks/protocol.hpp"
#include "lib/model/action.hpp"
#include "lib/util/error.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

namespace sdesk::hooks {

namespace {

constexpr std::string_view k_consumer_prefix = "hook:";

std::string consumer_of(const Hook& hook)
{
  return std::string(k_consumer_prefix) + hook.name;
}

// The first line of `text`, or nothing when it is blank.
std::optional<std::string> first_line(const std::string& text)
{
  const std::string line = text.substr(0, text.find('\n'));
  if (line.find_first_not_of(" \t\r") == std::string::npos) {
    return std::nullopt;
  }
  return line;
}

// What went wrong with a run, in one line: why it is refused (pre-*) or
// retried (post-commit); nothing when it succeeded.
std::optional<std::string> failure(const Hook& hook, const RunResult& result,
                                   std::chrono::milliseconds timeout)
{
  if (result.timed_out) {
    return fmt::format("hook '{}' ({}) timed out after {} ms", hook.name, hook.event, timeout.count());
  }
  if (result.exit_code == 0) {
    return std::nullopt;
  }
  if (const auto line = first_line(result.err)) {
    return *line;
  }
  return result.exit_code < 0
           ? fmt::format("hook '{}' ({}) was killed by a signal", hook.name, hook.event)
           : fmt::format("hook '{}' ({}) refused with exit {}", hook.name, hook.event, result.exit_code);
}

// The events of the action that starts at outbox row `entry`, from the
// ticket's history `events`.
std::vector<model::Event> action_events(const std::vector<model::Event>& events,
                                        const model::OutboxEntry& entry)
{
  std::vector<model::Event> run;
  for (const model::Event& e : events) {
    if (e.id == entry.event_id
        || (!run.empty() && e.action == run.front().action && e.at == run.front().at)) {
      run.push_back(e);
    } else if (!run.empty()) {
      break;
    }
  }
  return run;
}

} // namespace

Runner::Runner(Settings settings)
  : m_settings(std::move(settings))
{
}

const Found& Runner::found()
{
  if (!m_found) {
    m_found = discover(m_settings.dirs);
    for (const Hook* hook : hooks_for(*m_found, "post-commit")) {
      m_consumers.push_back(consumer_of(*hook));
    }
  }
  return *m_found;
}

const std::vector<std::string>& Runner::consumers()
{
  found();
  return m_consumers;
}

RunResult Runner::run(const Hook& hook, const std::string& input, std::optional<std::int64_t> outbox_id)
{
  if (m_store.empty()) { // made absolute once, when a hook first runs
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(m_settings.store, ec);
    m_store = ec ? m_settings.store : absolute.string();
  }
  std::vector<std::string> env{
    fmt::format("{}={}", k_store_variable, m_store),
    fmt::format("SDESK_DB={}", m_store),
    fmt::format("SDESK_HOOK_EVENT={}", hook.event),
    fmt::format("SDESK_HOOK_NAME={}", hook.name),
  };
  if (outbox_id) {
    env.push_back(fmt::format("SDESK_OUTBOX_ID={}", *outbox_id));
  }
  try {
    return util::run_process(hook.path, input, env, m_settings.timeout);
  } catch (const Error& e) { // cannot be started (no "#!" line, say): a failed run
    RunResult failed;
    failed.err = e.what();
    return failed;
  }
}

void Runner::before_write(ops::Context& ctx, ops::ChangeSet& set)
{
  if (found().hooks.empty()) {
    return;
  }
  for (std::size_t i = 0; i < set.records.size(); ++i) {
    before_record(ctx, set, i);
  }
}

void Runner::before_record(ops::Context& ctx, ops::ChangeSet& set, std::size_t index)
{
  const std::string_view event = set.records[index].before ? "pre-change" : "pre-open";
  const auto hooks = hooks_for(found(), event);
  if (hooks.empty()) {
    return;
  }
  const model::TicketId id = set.records[index].before ? set.records[index].before->id : 0;
  for (const Hook* hook : hooks) {
    ops::RecordChange& record = set.records[index];
    std::vector<model::Event> events;
    std::copy_if(set.events.begin(), set.events.end(), std::back_inserter(events),
                 [id](const model::Event& e) { return e.ticket_id == id; });
    const std::string action = events.empty() ? "" : std::string(model::to_string(events.front().action));
    const std::string input = input_json({event, ctx.actor, action, std::nullopt,
                                          record.before ? &*record.before : nullptr, &record.after,
                                          events});
    const RunResult result = run(*hook, input, std::nullopt);
    if (const auto why = failure(*hook, result, m_settings.timeout)) {
      throw Error(ErrorKind::refused, *why);
    }
    const model::Ticket unpatched = record.after;
    try {
      if (!apply_patch(result.out, ctx.config, record.after)) {
        continue;
      }
    } catch (const Error& e) {
      throw Error(ErrorKind::refused, fmt::format("hook '{}' ({}): {}", hook->name, event, e.what()));
    }
    patch_events(set, index, unpatched);
  }
}

void Runner::queued(ops::Context& ctx, std::span<const model::OutboxEntry> entries)
{
  std::vector<std::int64_t> ids;
  ids.reserve(entries.size());
  for (const model::OutboxEntry& e : entries) {
    ids.push_back(e.event_id);
  }
  // Due only after the lease: this command delivers them (deliver_queued)
  // without a transaction to claim them; a crash leaves them to tick.
  ctx.backend.deliveries().add(ids, consumers(), ctx.now + lease());
  m_queued.insert(m_queued.end(), entries.begin(), entries.end());
}

std::chrono::seconds Runner::lease() const
{
  return std::chrono::duration_cast<std::chrono::seconds>(m_settings.timeout) * 2 + std::chrono::seconds{60};
}

const Hook* Runner::post_commit_hook(std::string_view consumer)
{
  for (const Hook* hook : hooks_for(found(), "post-commit")) {
    if (consumer_of(*hook) == consumer) {
      return hook;
    }
  }
  return nullptr;
}

bool Runner::deliver(ops::Context& ctx, const model::OutboxEntry& entry, const Hook& hook, bool claimed)
{
  const std::string consumer = consumer_of(hook);
  auto& deliveries = ctx.backend.deliveries();
  if (!claimed) {
    store::Transaction tx(ctx.store, store::TxMode::write);
    if (!deliveries.claim(consumer, entry.event_id, ctx.now, ctx.now + lease())) {
      return false; // done, not due, or taken by another process
    }
    tx.commit();
  }
  std::optional<model::Ticket> ticket;
  std::vector<model::Event> events;
  std::int64_t attempts = 0;
  {
    store::Transaction tx(ctx.store, store::TxMode::read);
    ticket = ctx.store.find(entry.ticket_id);
    if (ticket) {
      events = action_events(ctx.store.events(entry.ticket_id), entry);
    }
    deliveries.for_each_of(entry.event_id, [&](const store::Delivery& d) {
      if (d.consumer == consumer) {
        attempts = d.attempts;
      }
    });
    tx.commit();
  }
  const std::string input =
    input_json({"post-commit", events.empty() ? std::string_view() : std::string_view(events.front().actor),
                entry.kind, entry.event_id, nullptr, ticket ? &*ticket : nullptr, events});
  const RunResult result = run(hook, input, entry.event_id);
  const auto why = failure(hook, result, m_settings.timeout);
  store::Transaction tx(ctx.store, store::TxMode::write);
  if (why) {
    deliveries.failed(consumer, entry.event_id, ctx.now + retry_delay(attempts + 1), *why);
  } else {
    deliveries.succeeded(consumer, entry.event_id, ctx.now);
  }
  tx.commit();
  return !why;
}

std::size_t Runner::deliver_queued(ops::Context& ctx)
{
  std::size_t delivered = 0;
  const std::vector<model::OutboxEntry> entries = std::exchange(m_queued, {});
  for (const model::OutboxEntry& entry : entries) {
    for (const Hook* hook : hooks_for(found(), "post-commit")) {
      try {
        delivered += deliver(ctx, entry, *hook, true) ? 1 : 0;
      } catch (const Error&) {
        // Left pending (or claimed until its lease ends): `sdesk tick` retries.
      }
    }
  }
  return delivered;
}

std::size_t Runner::deliver_due(ops::Context& ctx, std::size_t limit)
{
  if (consumers().empty()) {
    return 0;
  }
  std::vector<store::Delivery> due;
  {
    store::Transaction tx(ctx.store, store::TxMode::read);
    due = ctx.backend.deliveries().due(ctx.now, limit, k_consumer_prefix);
    tx.commit();
  }
  std::size_t delivered = 0;
  for (const store::Delivery& d : due) {
    if (const Hook* hook = post_commit_hook(d.consumer)) {
      delivered += deliver(ctx, d.entry, *hook, false) ? 1 : 0;
    }
  }
  return delivered;
}

TestRun Runner::test(ops::Context& ctx, std::string_view event, model::TicketId id)
{
  if (std::find(std::begin(k_events), std::end(k_events), event) == std::end(k_events)) {
    throw Error(ErrorKind::usage, fmt::format("event: unknown event '{}' (accepted: pre-open, pre-change, "
                                              "post-commit)", event));
  }
  std::optional<model::Ticket> ticket;
  std::vector<model::Event> events;
  std::optional<model::OutboxEntry> entry;
  {
    store::Transaction tx(ctx.store, store::TxMode::read);
    ticket = ctx.store.find(id);
    if (!ticket) {
      throw Error(ErrorKind::not_found, fmt::format("ticket {} not found", id));
    }
    if (event == "post-commit") {
      const auto entries = ctx.store.queued(id);
      if (!entries.empty()) {
        entry = entries.back();
        events = action_events(ctx.store.events(id), *entry);
      }
    }
    tx.commit();
  }
  TestRun test;
  const std::string action = entry ? entry->kind : (event == "pre-open" ? "open" : "update");
  test.input = input_json({event, ctx.actor, action,
                           entry ? std::optional(entry->event_id) : std::nullopt,
                           event == "pre-change" ? &*ticket : nullptr, &*ticket, events});
  for (const Hook* hook : hooks_for(found(), event)) {
    Answer answer;
    answer.hook = hook;
    answer.result = run(*hook, test.input, entry ? std::optional(entry->event_id) : std::nullopt);
    if (event != "post-commit" && answer.result.exit_code == 0 && !answer.result.timed_out) {
      model::Ticket patched = *ticket;
      try {
        apply_patch(answer.result.out, ctx.config, patched);
        answer.patch = model::diff(*ticket, patched);
      } catch (const Error& e) {
        answer.patch_error = e.what();
      }
    }
    test.answers.push_back(std::move(answer));
  }
  return test;
}

} // namespace sdesk::hooks

#include "lib/ops/event.hpp"

#include "lib/model/alert_title.hpp"
#include "lib/model/link.hpp"
#include "lib/model/record_type.hpp"
#include "lib/model/lifecycle.hpp"
#include "lib/ops/change.hpp"
#include "lib/ops/link.hpp"
#include "lib/ops/open_ticket.hpp"
#include "lib/ops/validate.hpp"
#include "lib/util/duration.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sdesk::ops {

namespace {

// Whether someone other than the event source (and sdesk itself) changed
// ticket `id`.
bool touched_by_person(store::TicketStore& store, model::TicketId id, const std::string& actor)
{
  const auto events = store.events(id);
  return std::any_of(events.begin(), events.end(), [&](const model::Event& e) {
    return e.actor != actor && e.actor != "sdesk";
  });
}

// The key's ticket as decide() needs it; reads the history only for a
// resolve (whether a person changed it).
model::TicketView view_ticket(Context& ctx, const std::optional<model::AlertKey>& key,
                              const model::Alert& alert)
{
  model::TicketView view;
  if (!key || !key->ticket_id) {
    return view;
  }
  const auto t = ctx.store.find(*key->ticket_id);
  if (!t) {
    return view;
  }
  const model::RecordType& type = model::record_type(t->kind);
  view.state = type.is_final(t->status)      ? model::TicketState::final_
               : type.is_resolved(t->status) ? model::TicketState::resolved
                                             : model::TicketState::open;
  view.resolved_at = t->resolved;
  const bool may_resolve =
    alert.action == model::AlertAction::resolve || alert.action == model::AlertAction::flapping_stop ||
    alert.action == model::AlertAction::expire;
  if (may_resolve && view.state == model::TicketState::open) {
    view.touched_by_person = touched_by_person(ctx.store, t->id, ctx.actor);
  }
  return view;
}

// The impact and urgency a severity opens a ticket with.
std::pair<model::Level, model::Level> severity_levels(const std::optional<model::Severity>& severity)
{
  switch (severity.value_or(model::Severity::warning)) {
  case model::Severity::critical: return {model::Level::high, model::Level::high};
  case model::Severity::error: return {model::Level::high, model::Level::medium};
  case model::Severity::warning: return {model::Level::medium, model::Level::medium};
  case model::Severity::info: return {model::Level::low, model::Level::low};
  }
  return {model::Level::medium, model::Level::medium};
}

// The ticket a trigger opens, filled from the source's configuration
// ([events.sources.NAME]) where it says.
model::Ticket open_for(Context& ctx, const model::Alert& alert)
{
  const config::EventSource* source = ctx.config.find_event_source(alert.source);
  OpenRequest request;
  request.title = alert.summary ? *alert.summary : fmt::format("{}: {}", alert.source, alert.key);
  if (source && source->title) {
    const std::string title = model::render_title(*source->title, alert);
    if (!title.empty()) {
      request.title = title;
    }
  }
  request.description = fmt::format("Opened by {} for key {}.", alert.source, alert.key);
  for (const auto& [name, value] : alert.labels) {
    request.description += fmt::format("\n{}={}", name, value);
  }
  for (const auto& [name, value] : alert.annotations) {
    request.description += fmt::format("\n{}: {}", name, value);
  }
  std::tie(request.impact, request.urgency) = severity_levels(alert.severity);
  if (source) {
    request.group = source->group;
    request.service = source->service;
    request.category = source->category;
    const auto& levels =
      source->severity[static_cast<std::size_t>(alert.severity.value_or(model::Severity::warning))];
    if (levels) {
      request.priority = levels->priority;
      request.impact = levels->impact;
      request.urgency = levels->urgency;
    }
  }
  return open_in_transaction(ctx, request);
}

// What a comment about `alert` says.
std::string describe(const model::Alert& alert, std::string_view what)
{
  std::string text = fmt::format("{} ({} {})", what, alert.source, alert.key);
  if (alert.severity) {
    text += fmt::format(", severity {}", model::to_string(*alert.severity));
  }
  if (alert.summary) {
    text += ": " + *alert.summary;
  }
  return text;
}

void comment_on(Context& ctx, model::TicketId id, const std::string& text)
{
  apply_change(ctx, id, model::Action::comment, text, [](model::Ticket&) {});
}

void resolve_ticket(Context& ctx, model::TicketId id, const model::Alert& alert)
{
  const std::string code = ctx.config.resolution_codes.empty() ? "fixed" : ctx.config.resolution_codes.front();
  apply_change(ctx, id, model::Action::resolve, describe(alert, "the monitor recovered"),
               [&](model::Ticket& t) {
    const auto to = model::record_type(t.kind).moves.resolve;
    if (!to) {
      throw Error(ErrorKind::refused, fmt::format("ticket {} is a {}; an event cannot resolve it", t.id,
                                                  model::to_string(t.kind)));
    }
    model::require_transition(t.id, t.kind, t.status, *to);
    t.status = *to;
    t.resolved = ctx.now;
    t.resolution_code = code;
  });
}

void reopen_ticket(Context& ctx, model::TicketId id, const model::Alert& alert)
{
  apply_change(ctx, id, model::Action::reopen, describe(alert, "the alert fired again"),
               [&](model::Ticket& t) {
    const model::RecordType& type = model::record_type(t.kind);
    const auto to = t.assignee ? type.moves.reopen_assigned : type.moves.reopen;
    if (!to) {
      throw Error(ErrorKind::refused, fmt::format("ticket {} is a {}; an event cannot reopen it", t.id,
                                                  model::to_string(t.kind)));
    }
    model::require_transition(t.id, t.kind, t.status, *to);
    t.status = *to;
    t.resolved.reset();
    t.resolution_code.reset();
    t.resolution_note.reset();
  });
}

void mark_flapping(Context& ctx, model::TicketId id, const model::Alert& alert,
                   const model::AlertPolicy& policy)
{
  const std::string note =
    fmt::format("flapping: more than {} state changes in {} minutes ({} {}); the ticket stays open "
                "until the key is quiet",
                policy.flap_changes, policy.flap_window.count() / 60, alert.source, alert.key);
  apply_change(ctx, id, model::Action::update, note, [](model::Ticket& t) {
    auto tags = t.tags;
    tags.push_back("flapping");
    t.tags = model::normalise_tags(tags);
  });
}

void unmark_flapping(Context& ctx, model::TicketId id, const model::Alert& alert)
{
  const std::string note = fmt::format("no longer flapping: the key was quiet for a whole flapping window "
                                       "({} {})", alert.source, alert.key);
  apply_change(ctx, id, model::Action::update, note, [](model::Ticket& t) {
    std::erase(t.tags, std::string("flapping"));
  });
}

// Comments on the acknowledgement and, when its author is a configured
// agent and the ticket is not theirs, assigns it to them (moving it to one
// of their groups when it is in none of them).
void acknowledge(Context& ctx, model::TicketId id, const model::Alert& alert)
{
  std::string text = describe(alert, alert.author ? "acknowledged by " + *alert.author : "acknowledged");
  if (alert.comment) {
    text += fmt::format(" ({})", *alert.comment);
  }
  const config::Agent* agent = alert.author ? ctx.config.find_agent(*alert.author) : nullptr;
  const model::Ticket t = ctx.store.find(id).value();
  if (agent == nullptr || t.assignee == agent->name) {
    comment_on(ctx, id, text);
    return;
  }
  apply_change(ctx, id, model::Action::assign, text, [&](model::Ticket& ticket) {
    if (!agent->groups.empty() && (!ticket.group || std::find(agent->groups.begin(), agent->groups.end(),
                                                              *ticket.group) == agent->groups.end())) {
      ticket.group = agent->groups.front();
    }
    ticket.assignee = agent->name;
    const model::RecordType& type = model::record_type(ticket.kind);
    if (type.moves.assign && ticket.status != *type.moves.assign) {
      model::require_transition(ticket.id, ticket.kind, ticket.status, *type.moves.assign);
      ticket.status = *type.moves.assign;
    }
  });
}

// The comment for TicketStep::comment, by what the alert was.
std::string comment_text(const model::Alert& alert, const model::AlertPolicy& policy)
{
  switch (alert.action) {
  case model::AlertAction::downtime_start: {
    const auto limit = policy.downtime_max;
    const std::string most = limit.count() % 3600 == 0 ? fmt::format("{} hours", limit.count() / 3600)
                                                        : util::format_duration(limit);
    std::string text = describe(alert, fmt::format("downtime started{}; no new tickets for the key until it "
                                                   "ends (at most {})",
                                                   alert.author ? " by " + *alert.author : "", most));
    return alert.comment ? text + fmt::format(" ({})", *alert.comment) : text;
  }
  case model::AlertAction::downtime_end: return describe(alert, "downtime ended");
  default:
    return describe(alert, "the monitor recovered; the ticket was changed by a person, so it stays as it is");
  }
}

void require_alert(const model::Alert& alert)
{
  if (alert.source.empty()) {
    throw Error(ErrorKind::usage, "source: must not be empty");
  }
  if (alert.key.empty()) {
    throw Error(ErrorKind::usage, "key: must not be empty");
  }
  require_one_line(alert.source, "source");
  require_one_line(alert.key, "key");
  if (alert.summary) {
    require_one_line(*alert.summary, "summary");
  }
}

// Writes what `d` says about `alert`'s key: the ticket's changes through
// the write path, then the key's state. Returns the key's ticket and, for
// open_linked, the previous one.
std::pair<std::optional<model::TicketId>, std::optional<model::TicketId>>
apply_decision(Context& ctx, store::AlertStore& keys, const model::Alert& alert, model::Decision& d,
               const model::AlertPolicy& policy)
{
  model::AlertKey& key = *d.key;
  const auto id = key.ticket_id;
  std::optional<model::TicketId> previous;
  if (d.stop_flapping && id) {
    unmark_flapping(ctx, *id, alert);
  }
  switch (d.step) {
  case model::TicketStep::none: break;
  case model::TicketStep::open: key.ticket_id = open_for(ctx, alert).id; break;
  case model::TicketStep::open_linked: {
    key.ticket_id = open_for(ctx, alert).id;
    previous = id;
    apply_link(ctx, model::make_link(*key.ticket_id, "relates-to", *id), LinkChange::link, ctx.now);
    break;
  }
  case model::TicketStep::append:
    if (d.comment) {
      comment_on(ctx, *id, describe(alert, "the alert changed"));
    }
    break;
  case model::TicketStep::acknowledge: acknowledge(ctx, *id, alert); break;
  case model::TicketStep::resolve: resolve_ticket(ctx, *id, alert); break;
  case model::TicketStep::comment: comment_on(ctx, *id, comment_text(alert, policy)); break;
  case model::TicketStep::reopen: reopen_ticket(ctx, *id, alert); break;
  }
  if (d.start_flapping && key.ticket_id) {
    mark_flapping(ctx, *key.ticket_id, alert, policy);
  }
  keys.put(key);
  keys.append_event({alert.source, alert.key, alert.at, ctx.now, alert.action, d.outcome, key.ticket_id,
                     alert.severity, alert.summary});
  return {key.ticket_id, previous};
}

// Handles one alert inside the caller's transaction.
AlertResult handle_one(Context& ctx, store::AlertStore& keys, const model::Alert& alert,
                       const model::AlertPolicy& policy)
{
  AlertResult result{alert, model::Outcome::ignored, std::nullopt, std::nullopt};
  const auto stored = keys.find(alert.source, alert.key);
  const model::TicketView view = view_ticket(ctx, stored, alert);
  model::Decision d = model::decide(stored, view, alert, policy, ctx.now);
  result.outcome = d.outcome;
  result.ticket = stored ? stored->ticket_id : std::nullopt;
  if (!d.key) {
    return result;
  }
  std::tie(result.ticket, result.previous) = apply_decision(ctx, keys, alert, d, policy);
  return result;
}

} // namespace

std::string event_actor(const std::string& source)
{
  return "event:" + source;
}

std::vector<AlertResult> handle_alerts(Context& ctx, store::AlertStore& keys,
                                       const std::vector<model::Alert>& alerts,
                                       const model::AlertPolicy& policy)
{
  for (const model::Alert& alert : alerts) {
    require_alert(alert);
  }
  std::vector<AlertResult> results;
  store::Transaction tx(ctx.store, store::TxMode::write);
  for (const model::Alert& alert : alerts) {
    Context as_source{ctx.store, ctx.config, ctx.now, event_actor(alert.source), ctx.backend, ctx.hooks, ctx.clock};
    results.push_back(handle_one(as_source, keys, alert, policy));
  }
  tx.commit();
  return results;
}

std::vector<model::AlertKey> list_alert_keys(Context& ctx, store::AlertStore& keys,
                                             const store::AlertQuery& query)
{
  std::vector<model::AlertKey> result;
  store::Transaction tx(ctx.store, store::TxMode::read);
  keys.for_each(query, [&](const model::AlertKey& key) { result.push_back(key); });
  tx.commit();
  return result;
}

AlertKeyHistory alert_key_history(Context& ctx, store::AlertStore& keys, const std::string& source,
                                  const std::string& key)
{
  store::Transaction tx(ctx.store, store::TxMode::read);
  auto state = keys.find(source, key);
  if (!state) {
    throw Error(ErrorKind::not_found, fmt::format("event key {} {} not found", util::quote(source), util::quote(key)));
  }
  AlertKeyHistory history{std::move(*state), keys.events(source, key)};
  tx.commit();
  return history;
}

int expire_alert_states(Context& ctx, store::AlertStore& keys, const model::AlertPolicy& policy)
{
  const auto due = [&](const model::AlertKey& key) {
    return model::expire(key, {model::TicketState::open, false, std::nullopt}, policy, ctx.now).key.has_value();
  };
  store::AlertQuery query;
  query.expiring = true;
  std::vector<std::pair<std::string, std::string>> candidates;
  {
    // Nothing due (the usual tick): a read, no write lock.
    store::Transaction tx(ctx.store, store::TxMode::read);
    keys.for_each(query, [&](const model::AlertKey& key) {
      if (due(key)) {
        candidates.emplace_back(key.source, key.key);
      }
    });
    tx.commit();
  }
  if (candidates.empty()) {
    return 0;
  }
  int count = 0;
  store::Transaction tx(ctx.store, store::TxMode::write);
  for (const auto& [source, name] : candidates) {
    const auto stored = keys.find(source, name); // again: another process may have changed it
    if (!stored) {
      continue;
    }
    model::Alert alert;
    alert.source = source;
    alert.key = name;
    alert.action = model::AlertAction::expire;
    alert.at = ctx.now;
    Context as_source{ctx.store, ctx.config, ctx.now, event_actor(source), ctx.backend, ctx.hooks, ctx.clock};
    const model::TicketView view = view_ticket(as_source, stored, alert);
    model::Decision d = model::expire(*stored, view, policy, ctx.now);
    if (!d.key) {
      continue;
    }
    apply_decision(as_source, keys, alert, d, policy);
    ++count;
  }
  tx.commit();
  return count;
}

} // namespace sdesk::ops

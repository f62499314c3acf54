#include "lib/ops/workflow.hpp"

#include "lib/model/lifecycle.hpp"
#include "lib/model/record_type.hpp"
#include "lib/ops/change.hpp"
#include "lib/ops/validate.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

namespace sdesk::ops {

namespace {

void move_to(model::Ticket& t, model::Status to)
{
  model::require_transition(t.id, t.kind, t.status, to);
  t.status = to;
}

// The status `verb` moves a ticket of `t`'s type to (`move`, from its
// description's Moves); throws Error(refused) when the verb does not apply.
model::Status target(const model::Ticket& t, const std::optional<model::Status>& move,
                     std::string_view verb)
{
  if (!move) {
    throw Error(ErrorKind::refused,
                fmt::format("ticket {} is a {}; '{}' does not apply to a {} (its lifecycle: "
                            "docs/record-types.md)",
                            t.id, model::to_string(t.kind), verb, model::to_string(t.kind)));
  }
  return *move;
}

// Refuses a change to a ticket in a final status of its type.
void require_not_final(const model::Ticket& t)
{
  if (model::record_type(t.kind).is_final(t.status)) {
    throw Error(ErrorKind::refused,
                fmt::format("ticket {} is {}; {} is final, open a new ticket", t.id,
                            model::to_string(t.status), model::to_string(t.status)));
  }
}

void require_text(const std::string& text, std::string_view what)
{
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw Error(ErrorKind::usage, fmt::format("{}: must not be empty", what));
  }
}

// Whether a comment by `actor` answers the requester: someone other than
// the requester who, when agents are configured, is one of them.
bool is_responder(const config::Config& config, const model::Ticket& t, const std::string& actor)
{
  if (t.requester == actor) {
    return false;
  }
  return config.agents.empty() || config.find_agent(actor) != nullptr;
}

} // namespace

model::Ticket comment(Context& ctx, model::TicketId id, const std::string& text, bool internal)
{
  require_text(text, "comment");
  EventData data;
  if (internal) {
    data = [](const model::Ticket&, const model::Ticket&) { return std::optional<std::string>(R"({"internal":true})"); };
  }
  return change_ticket(
    ctx, id, model::Action::comment, text,
    [&](model::Ticket& t) {
      require_not_final(t);
      if (!internal && !t.first_response && is_responder(ctx.config, t, ctx.actor)) {
        t.first_response = ctx.now;
      }
    },
    data);
}

model::Ticket start(Context& ctx, model::TicketId id)
{
  return change_ticket(ctx, id, model::Action::start, std::nullopt, [&](model::Ticket& t) {
    move_to(t, target(t, model::record_type(t.kind).moves.start, "start"));
    // Whoever starts work must be one who may work the ticket's queue.
    const config::Agent* actor =
      t.assignee ? ctx.config.find_agent(ctx.actor) : require_agent(ctx.config, ctx.actor, "--as");
    if (t.group) {
      require_member(actor, *t.group, "--as");
    }
    if (!t.assignee) {
      t.assignee = ctx.actor;
    }
  });
}

model::Ticket set_pending(Context& ctx, model::TicketId id, const std::string& reason)
{
  require_text(reason, "--reason");
  return change_ticket(ctx, id, model::Action::pending, reason,
                       [&](model::Ticket& t) {
    move_to(t, target(t, model::record_type(t.kind).moves.pending, "pending"));
  });
}

model::Ticket resolve(Context& ctx, model::TicketId id, const std::string& code,
                      const std::optional<std::string>& note)
{
  require_listed(ctx.config.resolution_codes, code, "--code");
  return change_ticket(ctx, id, model::Action::resolve, std::nullopt, [&](model::Ticket& t) {
    move_to(t, target(t, model::record_type(t.kind).moves.resolve, "resolve"));
    t.resolved = ctx.now;
    t.resolution_code = code;
    t.resolution_note = note;
  });
}

model::Ticket close(Context& ctx, model::TicketId id)
{
  return change_ticket(ctx, id, model::Action::close, std::nullopt, [&](model::Ticket& t) {
    move_to(t, target(t, model::record_type(t.kind).moves.close, "close"));
    // A change closes with its outcome (recorded by `sdesk change review`):
    // the invariants (field-required) refuse a closed change without one.
    t.closed = ctx.now;
  });
}

model::Ticket reopen(Context& ctx, model::TicketId id, const std::string& reason)
{
  require_text(reason, "--reason");
  return change_ticket(ctx, id, model::Action::reopen, reason, [&](model::Ticket& t) {
    const model::RecordType& type = model::record_type(t.kind);
    const model::Status to =
      target(t, t.assignee ? type.moves.reopen_assigned : type.moves.reopen, "reopen");
    if (!type.is_resolved(t.status) || type.is_final(t.status)) {
      throw Error(ErrorKind::refused,
                  fmt::format("ticket {} is {}; only resolved tickets can be reopened{}", t.id,
                              model::to_string(t.status),
                              type.is_final(t.status)
                                ? fmt::format(" ({} is final, open a new ticket)", model::to_string(t.status))
                                : ""));
    }
    move_to(t, to);
    t.resolved.reset();
    t.resolution_code.reset();
    t.resolution_note.reset();
  });
}

} // namespace sdesk::ops

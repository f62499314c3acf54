#include "lib/ops/change_flow.hpp"

#include "lib/model/fields.hpp"
#include "lib/model/lifecycle.hpp"
#include "lib/ops/announce.hpp"
#include "lib/ops/change.hpp"
#include "lib/ops/validate.hpp"
#include "lib/ops/workflow.hpp"
#include "lib/util/error.hpp"
#include "lib/util/json_writer.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::ops {

namespace {

// Throws Error(refused) unless `t` is a change.
void require_change(const model::Ticket& t, std::string_view verb)
{
  if (t.kind != model::Kind::change) {
    throw Error(ErrorKind::refused, fmt::format("ticket {} is a {}; 'change {}' applies to changes only",
                                                t.id, model::to_string(t.kind), verb));
  }
}

void move_to(model::Ticket& t, model::Status to)
{
  model::require_transition(t.id, t.kind, t.status, to);
  t.status = to;
}

// `value` when it is one of field `field`'s choices; else Error(usage)
// naming `option`.
std::string require_choice(const std::string& value, std::string_view field, std::string_view option)
{
  if (const auto problem = model::choice_problem(*model::find_field(field), value)) {
    throw Error(ErrorKind::usage, fmt::format("{}: {}", option, *problem));
  }
  return value;
}

void require_text(const std::string& text, std::string_view what)
{
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw Error(ErrorKind::usage, fmt::format("{}: must not be empty", what));
  }
}

// The board approving changes of `t`'s type, from [change].
const std::vector<std::string>& board_members(const config::Config& config, const model::Ticket& t)
{
  return model::board_of(model::change_type_of(t)) == "ecab" ? config.change.ecab : config.change.cab;
}

std::int64_t approvals_needed(const config::Config& config, const model::Ticket& t)
{
  return model::change_type_of(t) == "emergency" ? config.change.emergency_approvals
                                                : config.change.normal_approvals;
}

} // namespace

model::Ticket assess_change(Context& ctx, model::TicketId id, const std::optional<std::string>& risk)
{
  if (risk) {
    require_choice(*risk, "risk", "--risk");
  }
  return change_ticket(ctx, id, model::Action::assess, std::nullopt, [&](model::Ticket& t) {
    require_change(t, "assess");
    move_to(t, model::Status::assessed);
    if (risk) {
      t.risk = risk;
    }
  });
}

Approval approve_change(Context& ctx, model::TicketId id, const std::optional<std::string>& comment)
{
  if (comment) {
    require_text(*comment, "--comment");
  }
  Approval result;
  result.ticket = change_ticket(
    ctx, id, model::Action::approve, comment,
    [&](model::Ticket& t) {
      require_change(t, "approve");
      const auto history = ctx.store.events(id);
      const std::string_view board = model::board_of(model::change_type_of(t));
      model::require_may_approve(t, ctx.actor, board_members(ctx.config, t), board, history, false);
      result.approvals = static_cast<std::int64_t>(model::approvers(history).size()) + 1;
      result.needed = approvals_needed(ctx.config, t);
      // An emergency change may be implemented once one ecab member approves.
      if (result.approvals >= result.needed || model::change_type_of(t) == "emergency") {
        move_to(t, model::Status::approved);
      }
    },
    [&](const model::Ticket& before, const model::Ticket&) -> std::optional<std::string> {
      util::JsonWriter data;
      data.begin_object()
        .key("board")
        .value(model::board_of(model::change_type_of(before)))
        .key("approvals")
        .value(result.approvals)
        .key("needed")
        .value(result.needed)
        .end_object();
      return data.str();
    });
  return result;
}

model::Ticket reject_change(Context& ctx, model::TicketId id, const std::string& reason)
{
  require_text(reason, "--reason");
  return change_ticket(
    ctx, id, model::Action::reject, reason,
    [&](model::Ticket& t) {
      require_change(t, "reject");
      const std::string_view board = model::board_of(model::change_type_of(t));
      model::require_may_approve(t, ctx.actor, board_members(ctx.config, t), board, ctx.store.events(id),
                                 true);
      move_to(t, model::Status::rejected);
      t.resolved = ctx.now; // rejected is final: the work is over
      t.closed = ctx.now;
    },
    [](const model::Ticket& before, const model::Ticket&) -> std::optional<std::string> {
      util::JsonWriter data;
      data.begin_object().key("board").value(model::board_of(model::change_type_of(before))).end_object();
      return data.str();
    });
}

model::Ticket cancel_change(Context& ctx, model::TicketId id, const std::string& reason)
{
  require_text(reason, "--reason");
  return change_ticket(ctx, id, model::Action::cancel, reason, [&](model::Ticket& t) {
    require_change(t, "cancel");
    move_to(t, model::Status::cancelled);
    t.resolved = ctx.now; // cancelled is final: the work is over
    t.closed = ctx.now;
  });
}

std::vector<Collision> collisions(Context& ctx, const model::Ticket& self, const model::Window& window)
{
  std::vector<Collision> result;
  for (const config::Freeze& freeze : ctx.config.change.freezes) {
    const model::Window frozen{freeze.from, freeze.to};
    if (model::overlaps(window, frozen)) {
      result.push_back({fmt::format("freeze {}", util::quote(freeze.reason)), frozen});
    }
  }
  if (!self.service) {
    return result;
  }
  store::TicketQuery query;
  query.kinds = {model::Kind::change};
  query.statuses = {model::Status::scheduled, model::Status::implementing};
  query.services = {*self.service};
  ctx.store.for_each(query, [&](const model::Ticket& other) {
    if (other.id == self.id || !other.planned_start || !other.planned_end) {
      return;
    }
    const model::Window theirs{*other.planned_start, *other.planned_end};
    if (model::overlaps(window, theirs)) {
      result.push_back({fmt::format("change {} {} ({} on service {})", other.id, util::quote(other.title),
                                    model::to_string(other.status), *other.service),
                        theirs});
    }
  });
  return result;
}

namespace {

// Announces scheduled change `t`'s window to its service's subscribers, in
// the caller's transaction.
void announce_change_window(Context& ctx, const model::Ticket& t)
{
  AnnounceRequest request;
  request.service = *t.service;
  request.subject = fmt::format("Planned change: {}", t.title);
  request.body = fmt::format("{}\n\nChange {} is planned for the window below; {} may be unavailable then.", t.title,
                             t.id, *t.service);
  request.from = t.planned_start;
  request.to = t.planned_end;
  announce_in_transaction(ctx, request, t.id);
}

} // namespace

model::Ticket schedule_change(Context& ctx, model::TicketId id, const ScheduleRequest& request)
{
  if (request.end <= request.start) {
    throw Error(ErrorKind::usage, fmt::format("--end: {} is not after --start ({})",
                                              util::format_time(request.end), util::format_time(request.start)));
  }
  if (request.override && (!request.reason || request.reason->find_first_not_of(" \t\r\n") == std::string::npos)) {
    throw Error(ErrorKind::usage, "--override: needs --reason TEXT (recorded in the history)");
  }
  if (!request.override && request.reason) {
    throw Error(ErrorKind::usage, "--reason: only with --override");
  }
  std::vector<Collision> found;
  store::Transaction tx(ctx.store, store::TxMode::write);
  model::Ticket result = apply_change(
    ctx, id, model::Action::schedule, request.override ? request.reason : std::nullopt,
    [&](model::Ticket& t) {
      require_change(t, "schedule");
      if (request.announce && !t.service) {
        throw Error(ErrorKind::refused, fmt::format("change {} has no service, so --announce has no subscribers to "
                                                    "tell (set one with 'sdesk update {} --service NAME')",
                                                    t.id, t.id));
      }
      if (t.status != model::Status::scheduled) {
        move_to(t, model::Status::scheduled);
      }
      const model::Window window{request.start, request.end};
      found = collisions(ctx, t, window);
      if (!found.empty() && !request.override) {
        const Collision& first = found.front();
        const bool freeze = first.what.starts_with("freeze");
        throw Error(ErrorKind::refused,
                    fmt::format("change {}: {} overlaps {} ({}){}; use --override --reason TEXT to schedule it "
                                "anyway (rule {})",
                                t.id, model::describe(window), first.what, model::describe(first.window),
                                found.size() > 1 ? fmt::format(" and {} more", found.size() - 1) : "",
                                freeze ? model::k_rule_change_freeze : model::k_rule_change_collision));
      }
      t.planned_start = request.start;
      t.planned_end = request.end;
    },
    [&](const model::Ticket&, const model::Ticket&) -> std::optional<std::string> {
      util::JsonWriter data;
      data.begin_object()
        .key("start")
        .value(util::format_time_utc(request.start))
        .key("end")
        .value(util::format_time_utc(request.end));
      if (request.override) {
        data.key("override").value(true).key("reason").value(*request.reason);
        data.key("overrides").begin_array();
        for (const Collision& c : found) {
          data.value(c.what);
        }
        data.end_array();
      }
      if (request.announce) {
        data.key("announce").value(true);
      }
      data.end_object();
      return data.str();
    });
  if (request.announce) {
    announce_change_window(ctx, result);
  }
  tx.commit();
  return result;
}

model::Ticket start_change(Context& ctx, model::TicketId id)
{
  require_change(load_ticket(ctx.store, id), "start");
  return start(ctx, id);
}

model::Ticket review_change(Context& ctx, model::TicketId id, const std::string& outcome,
                            const std::optional<std::string>& note)
{
  require_choice(outcome, "outcome", "--outcome");
  if (note) {
    require_text(*note, "--note");
  }
  return change_ticket(
    ctx, id, model::Action::review, note,
    [&](model::Ticket& t) {
      require_change(t, "review");
      if (t.status != model::Status::review) {
        move_to(t, model::Status::review);
        t.resolved = ctx.now; // review: the work is done, the clocks stop
      }
      t.outcome = outcome;
    },
    [&](const model::Ticket&, const model::Ticket&) -> std::optional<std::string> {
      util::JsonWriter data;
      data.begin_object().key("outcome").value(outcome).end_object();
      return data.str();
    });
}

Opened open_from_template(Context& ctx, const std::string& name, OpenRequest request)
{
  const config::ChangeTemplate* found = ctx.config.change.find_template(name);
  if (found == nullptr) {
    std::vector<std::string> names;
    for (const config::ChangeTemplate& t : ctx.config.change.templates) {
      names.push_back(t.name);
    }
    throw Error(ErrorKind::usage,
                fmt::format("--template: unknown template {} (accepted: {})", util::quote_with_suggestion(name, names),
                            names.empty() ? "none configured in [change.templates]" : util::join(names, ", ")));
  }
  const config::ChangeTemplate& t = *found;
  request.kind = model::Kind::change;
  request.change.change_type = "standard";
  if (request.title.empty()) {
    request.title = t.title;
  }
  if (request.description.empty() && t.description) {
    request.description = *t.description;
  }
  const auto fill = [](std::optional<std::string>& field, const std::optional<std::string>& from) {
    if (!field) {
      field = from;
    }
  };
  fill(request.category, t.category);
  fill(request.service, t.service);
  fill(request.group, t.group);
  fill(request.change.risk, t.risk);
  fill(request.change.release, t.release);
  fill(request.change.plan, t.plan);
  fill(request.change.backout_plan, t.backout_plan);
  fill(request.change.test_plan, t.test_plan);
  return open_or_find(ctx, request);
}

} // namespace sdesk::ops

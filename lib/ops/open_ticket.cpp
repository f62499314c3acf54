#include "lib/ops/open_ticket.hpp"

#include "lib/model/record_type.hpp"
#include "lib/ops/change.hpp"
#include "lib/ops/problem.hpp"
#include "lib/ops/write.hpp"
#include "lib/ops/validate.hpp"
#include "lib/model/fields.hpp"
#include "lib/sla/policy.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

namespace sdesk::ops {

namespace {

// Sets the change fields of `request` on `t`, a new ticket of its kind
// (apply_plan: Error(usage) naming the option for a non-change or a value
// not accepted). A change without a type is normal; a standard change is
// pre-approved.
void set_change_fields(const OpenRequest& request, model::Ticket& t)
{
  apply_plan(request.change, t);
  if (t.kind != model::Kind::change) {
    return;
  }
  if (!t.change_type) {
    t.change_type = "normal";
  }
  if (t.change_type == "standard") {
    t.status = model::Status::approved; // pre-approved (docs/sdesk-change.md)
  }
}

} // namespace

model::Ticket open_ticket(Context& ctx, const OpenRequest& request)
{
  return open_or_find(ctx, request).ticket;
}

namespace {

// The change set that opens `request`'s ticket (checked, not written).
ChangeSet open_set(Context& ctx, const OpenRequest& request)
{
  const auto& config = ctx.config;
  require_one_line(request.title, "title");
  if (request.ref) {
    require_ref(*request.ref, "--ref");
  }
  model::Ticket t;
  t.kind = request.kind;
  t.status = model::record_type(t.kind).initial;
  t.title = request.title;
  t.description = request.description;
  t.impact = request.impact;
  t.urgency = request.urgency;
  t.priority = request.priority ? model::parse_priority(*request.priority, config.matrix.lowest())
                                : config.matrix.priority(t.impact, t.urgency);
  if (request.category) {
    t.category = listed_or_none(config.categories, *request.category, "--category");
  }
  if (request.service) {
    t.service = listed_or_none(config.services, *request.service, "--service");
  }
  t.group = require_group(config, request.group.value_or(config.default_group), "--group").name;
  t.requester = request.requester.value_or(ctx.actor);
  require_one_line(*t.requester, "--requester");
  if (request.assignee) {
    require_agent(config, *request.assignee, "--assignee");
    t.assignee = request.assignee;
    // What assignment means is the type's; a type whose assignment keeps
    // the status starts in its initial one.
    if (const auto assigned = model::record_type(t.kind).moves.assign) {
      t.status = *assigned;
    }
  }
  set_change_fields(request, t);
  t.tags = model::normalise_tags(request.tags);
  t.ref = request.ref;
  if (request.restricted) {
    t.restricted = require_group(config, *request.restricted, "--restricted").name;
  }
  t.created = ctx.now;
  t.updated = ctx.now;
  // The SLA clock starts now; its due times are part of the initial fields.
  const model::Event opened{0, 0, ctx.now, ctx.actor, model::Action::open, "status", std::nullopt,
                            std::string(model::to_string(t.status)), std::nullopt, std::nullopt};
  sla::refresh(config.sla, t, std::span(&opened, 1));

  ChangeSet set;
  for (auto& field : model::initial_fields(t)) {
    set.events.push_back({0, 0, ctx.now, ctx.actor, model::Action::open, std::move(field.field), std::nullopt,
                          std::move(field.new_value), std::nullopt, std::nullopt});
  }
  set.records.push_back({std::nullopt, std::move(t)});
  return set;
}

} // namespace

model::Ticket open_in_transaction(Context& ctx, const OpenRequest& request)
{
  ChangeSet set = open_set(ctx, request);
  write_changes(ctx, set);
  return std::move(set.records.front().after);
}

Opened open_or_find(Context& ctx, const OpenRequest& request)
{
  ChangeSet set = open_set(ctx, request);
  // The write lock is held from here: no other process can store the ref
  // between the look-up and the insert.
  store::Transaction tx(ctx.store, store::TxMode::write);
  const auto& ref = set.records.front().after.ref;
  if (ref) {
    if (const auto id = ctx.store.find_by_ref(*ref)) {
      return {load_ticket(ctx.store, *id), true, {}}; // nothing to commit
    }
  }
  write_changes(ctx, set);
  auto known_errors = matching_known_errors(ctx, set.records.front().after);
  tx.commit();
  return {std::move(set.records.front().after), false, std::move(known_errors)};
}

} // namespace sdesk::ops

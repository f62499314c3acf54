#include "lib/ops/link.hpp"

#include "lib/ops/change.hpp"
#include "lib/ops/write.hpp"
#include "lib/util/error.hpp"
#include "lib/util/json_writer.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::ops {

namespace {

// The event on ticket `self` for a change of `link`.
model::Event link_event(const Context& ctx, const model::Link& link, model::TicketId self,
                        LinkChange change, util::Time at)
{
  const model::LinkEnd end = model::link_end(link, self);
  util::JsonWriter data;
  data.begin_object().key("type").value(end.type).key("target").value(std::int64_t{end.target});
  data.end_object();
  return {0,
          self,
          at,
          ctx.actor,
          change == LinkChange::link ? model::Action::link : model::Action::unlink,
          std::nullopt,
          std::nullopt,
          std::nullopt,
          fmt::format("{} #{}", end.type, end.target),
          data.str()};
}

// When a link of unknown time is recorded on `t`: its `updated`, or its
// last event when that is later (an import may give an `updated` before
// the history it brings), so that the history stays in time order.
util::Time untimed_at(store::TicketStore& store, const model::Ticket& t)
{
  const std::vector<model::Event> history = store.events(t.id);
  return history.empty() ? t.updated : std::max(t.updated, history.back().at);
}

LinkResult change_link(Context& ctx, model::TicketId a, std::string_view type, model::TicketId b,
                       LinkChange change)
{
  const model::Link link = model::make_link(a, type, b);
  store::Transaction tx(ctx.store, store::TxMode::write);
  const bool changed = apply_link(ctx, link, change, ctx.now);
  tx.commit();
  return {link, changed};
}

} // namespace

bool apply_link(Context& ctx, const model::Link& link, LinkChange change,
                std::optional<util::Time> at)
{
  model::Ticket from = load_ticket(ctx.store, link.from);
  model::Ticket to = load_ticket(ctx.store, link.to);
  const auto stored = ctx.store.links(link.from);
  const bool exists = std::find(stored.begin(), stored.end(), link) != stored.end();
  if (exists == (change == LinkChange::link)) {
    return false; // an idempotent repeat: nothing to record
  }
  // One change set through the write path: the link, and an event on each
  // of its records.
  ChangeSet set;
  set.links.push_back({link.from, link.type, link.to, change == LinkChange::link});
  if (at) {
    // A link is a change of both records: their `updated` moves with it.
    for (const model::Ticket* t : {&from, &to}) {
      model::Ticket after = *t;
      after.updated = *at;
      set.records.push_back({*t, std::move(after)});
    }
  }
  const util::Time from_at = at ? *at : untimed_at(ctx.store, from);
  const util::Time to_at = at ? *at : untimed_at(ctx.store, to);
  set.events = {link_event(ctx, link, from.id, change, from_at),
                link_event(ctx, link, to.id, change, to_at)};
  write_changes(ctx, set);
  return true;
}

LinkResult link_tickets(Context& ctx, model::TicketId a, std::string_view type, model::TicketId b)
{
  return change_link(ctx, a, type, b, LinkChange::link);
}

LinkResult unlink_tickets(Context& ctx, model::TicketId a, std::string_view type, model::TicketId b)
{
  return change_link(ctx, a, type, b, LinkChange::unlink);
}

std::vector<model::LinkedTicket> linked_tickets(store::TicketStore& store, model::TicketId id)
{
  std::vector<model::LinkedTicket> result;
  for (const model::Link& link : store.links(id)) {
    model::LinkEnd end = model::link_end(link, id);
    auto other = store.find(end.target);
    result.push_back({std::move(end.type), end.target, other ? std::move(other->ref) : std::nullopt,
                      other ? std::move(other->title) : std::string{}});
  }
  return result;
}

} // namespace sdesk::ops

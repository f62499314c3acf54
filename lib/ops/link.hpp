#pragma once

#include "lib/model/link.hpp"
#include "lib/model/ticket.hpp"
#include "lib/ops/context.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace sdesk::ops {

// Whether a link change adds or removes the link.
enum class LinkChange { link, unlink };

// What link_tickets and unlink_tickets did: the link in its canonical
// direction, and whether the store changed (false: an idempotent repeat).
struct LinkResult {
  model::Link link;
  bool changed = false;
};

// `sdesk link A B --type TYPE`, in one write transaction: links ticket `a`
// to `b` (`type` a name of model::link_types() or its inverse). Refuses,
// with the store unchanged: an unknown type or a == b (Error(usage)), a
// ticket that does not exist (Error(not_found)), a change dated before a
// ticket's last change (Error(refused), rule history-order). A link that is
// already stored writes nothing and returns changed == false.
LinkResult link_tickets(Context& ctx, model::TicketId a, std::string_view type, model::TicketId b);

// `sdesk unlink A B --type TYPE`: removes the link, as link_tickets adds it;
// a link that is not stored writes nothing and returns changed == false.
LinkResult unlink_tickets(Context& ctx, model::TicketId a, std::string_view type,
                          model::TicketId b);

// The write itself, inside a write transaction the caller holds (for
// import, and for the shared write path): adds or removes `link`
// (canonical) and, when the store changed, appends one event to each
// ticket: action "link" or "unlink", the note "causes #7" and the data
// {"type":"causes","target":7} from that ticket's point of view. With `at`,
// both events are at `at` and both tickets' `updated` moves to it; without
// (import, where when a link was made is not known), each event is at its
// ticket's own `updated` (or its last event, when later), and `updated`
// stays. Returns whether the store changed.
// Throws Error(not_found) for a missing ticket and Error(refused) (rule
// history-order) when `at` is before either ticket's last change; writes
// nothing then.
bool apply_link(Context& ctx, const model::Link& link, LinkChange change,
                std::optional<util::Time> at);

// The links of ticket `id` seen from it, with the other end's ref and
// title, in the store's order. Reads in the caller's transaction.
std::vector<model::LinkedTicket> linked_tickets(store::TicketStore& store, model::TicketId id);

} // namespace sdesk::ops

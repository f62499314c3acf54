#pragma once

// Links between records: their types, as data. A link is stored once, in
// its canonical direction (from, type, to) with `type` the canonical name
// of k_link_types; each end shows it under its own name: "12 caused-by 7"
// is "7 causes 12" seen from 7. Adding a link type is one row of
// k_link_types (lib/model/link.cpp); nothing else names the types.

#include "lib/model/ticket.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::model {

// One type of link: its canonical name (stored) and the name its inverse is
// shown and accepted under. A symmetric type has name == inverse.
struct LinkType {
  std::string_view name;    // "caused-by": from is caused by to
  std::string_view inverse; // "causes": to causes from

  bool symmetric() const { return name == inverse; }
};

// A link as stored: `from` `type` `to`, with `type` a canonical name and,
// for a symmetric type, from < to.
struct Link {
  TicketId from = 0;
  std::string type;
  TicketId to = 0;

  bool operator==(const Link&) const = default;
};

// A link seen from one of its ends: "causes #7".
struct LinkEnd {
  std::string type; // the name from this end's point of view
  TicketId target = 0;
};

// A link as one of its ends shows it (show, export): the type from that
// end, and the other end with its ref and title.
struct LinkedTicket {
  std::string type; // from this end's point of view: "causes"
  TicketId target = 0;
  std::optional<std::string> target_ref;
  std::string title;
};

// Every link type, in the order help and errors list them.
std::span<const LinkType> link_types();

// Every accepted name (canonical names and inverses, each once), in table
// order: "caused-by, causes, duplicates, ...".
std::vector<std::string_view> link_type_names();

// The link `a` `type` `b` in its canonical direction. `type` may be a
// canonical name or an inverse, case-insensitive. Throws Error(usage)
// "--type: unknown value 'x' (accepted: ...)" for an unknown type (`what`
// names the option or field), and Error(usage) "a ticket cannot be linked to
// itself" when a == b.
Link make_link(TicketId a, std::string_view type, TicketId b, std::string_view what = "--type");

// `link` seen from `self` (one of its ends): the type's name from there and
// the other end. Throws Error(internal) when `self` is neither end or the
// type is unknown (a store written by a newer sdesk).
LinkEnd link_end(const Link& link, TicketId self);

} // namespace sdesk::model

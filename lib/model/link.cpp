#include "lib/model/link.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/format.h>

namespace sdesk::model {

namespace {

// The link types. A row is all a new type needs; keep existing names (they
// are stored in ticket_link.type and in history data).
constexpr std::array k_link_types{
  LinkType{"caused-by", "causes"},         // an incident caused by a problem or change
  LinkType{"duplicates", "duplicated-by"}, // the same request twice
  LinkType{"relates-to", "relates-to"},    // symmetric
  LinkType{"fixed-by", "fixes"},           // a problem fixed by a change
  LinkType{"blocks", "blocked-by"},        // work that must wait for another
};

const LinkType* find_type(std::string_view name)
{
  for (const LinkType& t : k_link_types) {
    if (t.name == name) {
      return &t;
    }
  }
  return nullptr;
}

} // namespace

std::span<const LinkType> link_types()
{
  return k_link_types;
}

std::vector<std::string_view> link_type_names()
{
  std::vector<std::string_view> names;
  for (const LinkType& t : k_link_types) {
    names.push_back(t.name);
    if (!t.symmetric()) {
      names.push_back(t.inverse);
    }
  }
  return names;
}

Link make_link(TicketId a, std::string_view type, TicketId b, std::string_view what)
{
  const std::string name = util::to_lower(util::trim(type));
  for (const LinkType& t : k_link_types) {
    if (name != t.name && name != t.inverse) {
      continue;
    }
    if (a == b) {
      throw Error(ErrorKind::usage, fmt::format("ticket {}: a ticket cannot be linked to itself", a));
    }
    if (t.symmetric()) {
      return {std::min(a, b), std::string(t.name), std::max(a, b)};
    }
    return name == t.name ? Link{a, std::string(t.name), b} : Link{b, std::string(t.name), a};
  }
  std::vector<std::string> names;
  for (const std::string_view n : link_type_names()) {
    names.emplace_back(n);
  }
  throw Error(ErrorKind::usage, fmt::format("{}: unknown value {} (accepted: {})", what,
                                            util::quote_with_suggestion(type, names),
                                            util::join(names, ", ")));
}

LinkEnd link_end(const Link& link, TicketId self)
{
  const LinkType* t = find_type(link.type);
  if (t == nullptr || (self != link.from && self != link.to)) {
    throw Error(ErrorKind::internal,
                fmt::format("link {} {} {} cannot be shown from ticket {}", link.from, link.type,
                            link.to, self));
  }
  if (self == link.from) {
    return {std::string(t->name), link.to};
  }
  return {std::string(t->inverse), link.from};
}

} // namespace sdesk::model

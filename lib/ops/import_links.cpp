#include "lib/ops/import_links.hpp"

#include "lib/model/link.hpp"
#include "lib/ops/link.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>
#include <iterator>
#include <optional>

#include <fmt/format.h>

namespace sdesk::ops {

void ImportLinks::note(const io::ImportRecord& record, model::TicketId stored)
{
  if (record.source_id) {
    m_ids.emplace_back(*record.source_id, stored);
  }
  if (!record.links.empty()) {
    m_pending.push_back({record.line, stored, record.links});
  }
}

std::size_t ImportLinks::write(Context& ctx)
{
  std::size_t events = 0;
  if (m_pending.empty()) {
    return events;
  }
  // By input id; of records with the same id, the last one in the input
  // (the one stored last) is the one its id names.
  std::stable_sort(m_ids.begin(), m_ids.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  const auto find_id = [this](std::int64_t id) -> std::optional<model::TicketId> {
    const auto it = std::upper_bound(m_ids.begin(), m_ids.end(), id,
                                     [](std::int64_t v, const auto& e) { return v < e.first; });
    if (it == m_ids.begin() || std::prev(it)->first != id) {
      return std::nullopt;
    }
    return std::prev(it)->second;
  };
  for (const Pending& p : m_pending) {
    for (std::size_t i = 0; i < p.links.size(); ++i) {
      const io::LinkRef& l = p.links[i];
      const auto fail = [&](std::string_view field, const std::string& message) {
        return Error(ErrorKind::usage,
                     fmt::format("line {}: field 'links[{}]{}': {}", p.line, i, field, message));
      };
      model::TicketId target = 0;
      if (l.target_ref) {
        const auto id = ctx.store.find_by_ref(*l.target_ref);
        if (!id) {
          throw fail(".target_ref", fmt::format("no ticket has ref {}, in the store or the input",
                                                util::quote(*l.target_ref)));
        }
        target = *id;
      } else {
        const auto id = find_id(*l.target);
        if (!id) {
          throw fail(".target", fmt::format("no record of this input has id {} (a link names a "
                                            "record of the same input by its id, any ticket by "
                                            "target_ref)",
                                            *l.target));
        }
        target = *id;
      }
      if (target == p.ticket) {
        throw fail("", "a ticket cannot be linked to itself");
      }
      const model::Link link = model::make_link(p.ticket, l.type, target);
      if (apply_link(ctx, link, LinkChange::link, std::nullopt)) {
        events += 2;
      }
    }
  }
  return events;
}

} // namespace sdesk::ops

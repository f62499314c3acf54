#pragma once

#include "lib/io/record.hpp"
#include "lib/ops/context.hpp"

#include <cstddef>
#include <utility>
#include <vector>

namespace sdesk::ops {

// The links of an import, resolved once every record of the input is
// stored: a link may name a record that comes later in the input.
class ImportLinks {
public:
  // Notes that `record` was stored as ticket `stored`: its `id` in the
  // input now names that ticket, and its links are to be written.
  void note(const io::ImportRecord& record, model::TicketId stored);

  // Writes every noted link that is not stored yet, in input order, inside
  // the import's transaction (ops::apply_link without a time: each event at
  // its ticket's `updated`, or its last event when later), and returns the
  // number of history events written. Sorts the noted ids (not const).
  // Throws Error(usage) "line N: field 'links[i].target': ..." for a target
  // that no record of the input has as its id, "links[i].target_ref" for a
  // ref no ticket has, and "links[i]" for a link of a ticket to itself;
  // Error(not_found) cannot happen (both ends are stored).
  std::size_t write(Context& ctx);

private:
  struct Pending {
    std::size_t line = 0;
    model::TicketId ticket = 0;
    std::vector<io::LinkRef> links;
  };

  // (input id, stored id) in input order: appending is all an import of
  // records without links pays; write() sorts them when links need them.
  std::vector<std::pair<std::int64_t, model::TicketId>> m_ids;
  std::vector<Pending> m_pending;
};

} // namespace sdesk::ops

#include "lib/store/ticket_store.hpp"

#include "lib/util/error.hpp"

namespace sdesk::store {

void TicketStore::write_links(const std::vector<model::LinkChange>& links)
{
  for (const model::LinkChange& change : links) {
    const model::Link link{change.from, change.type, change.to};
    if (change.added) {
      add_link(link);
    } else {
      remove_link(link);
    }
  }
}

} // namespace sdesk::store

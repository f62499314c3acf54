#include "lib/store/ticket_store.hpp"

#include "lib/util/error.hpp"

namespace sdesk::store {

void TicketStore::write_links(const std::vector<model::LinkChange>& links)
{
  if (!links.empty()) {
    throw Error(ErrorKind::internal, "this store keeps no links between records");
  }
}

} // namespace sdesk::store

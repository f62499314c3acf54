#include "lib/model/outbox.hpp"

#include <algorithm>
#include <array>

namespace sdesk::model {

namespace {

constexpr std::array<std::string_view, 11> k_notifiable{
  "open",     "assign",   "start", "pending", "comment", "update",
  "escalate", "escalate_hierarchical", "resolve", "close", "reopen",
};

} // namespace

bool is_notifiable(std::string_view action)
{
  return std::find(k_notifiable.begin(), k_notifiable.end(), action) != k_notifiable.end();
}

} // namespace sdesk::model

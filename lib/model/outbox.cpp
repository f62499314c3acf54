#include "lib/model/outbox.hpp"

#include <algorithm>
#include <array>

namespace sdesk::model {

namespace {

constexpr std::array k_notifiable{
  Action::open,     Action::assign,   Action::start,   Action::pending,
  Action::comment,  Action::update,   Action::escalate, Action::escalate_hierarchical,
  Action::resolve,  Action::close,    Action::reopen,  Action::known_error,
  Action::assess,   Action::approve,  Action::reject,  Action::schedule, Action::review,
  Action::cancel,
  Action::sla_warning, Action::sla_breach,
};

} // namespace

bool is_notifiable(Action action)
{
  return std::find(k_notifiable.begin(), k_notifiable.end(), action) != k_notifiable.end();
}

} // namespace sdesk::model

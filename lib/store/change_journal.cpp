#include "lib/store/change_journal.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

// Actions named in describe(); more are summed up as "...".
constexpr std::size_t k_max_actions = 4;

} // namespace

void ChangeJournal::begin()
{
  m_pending = {};
}

void ChangeJournal::created(model::TicketId id)
{
  if (m_pending.created == 0) {
    m_pending.first_created = id;
  }
  ++m_pending.created;
}

void ChangeJournal::appended(const std::vector<model::Event>& events)
{
  for (const auto& e : events) {
    if (m_pending.created > 0 && e.ticket_id >= m_pending.first_created) {
      continue; // part of creating the ticket
    }
    if (m_pending.changed == 0 || e.ticket_id != m_pending.last_changed) {
      ++m_pending.changed;
      m_pending.last_changed = e.ticket_id;
    }
    add_action(m_pending, std::string(model::to_string(e.action)));
  }
}

void ChangeJournal::commit()
{
  merge(m_committed, m_pending);
  m_pending = {};
}

void ChangeJournal::rollback()
{
  m_pending = {};
}

void ChangeJournal::add_action(Tally& tally, const std::string& action)
{
  if (std::find(tally.actions.begin(), tally.actions.end(), action) == tally.actions.end() &&
      tally.actions.size() <= k_max_actions) {
    tally.actions.push_back(action);
  }
}

void ChangeJournal::merge(Tally& into, const Tally& from)
{
  if (from.created > 0 && into.created == 0) {
    into.first_created = from.first_created;
  }
  into.created += from.created;
  if (from.changed > 0) {
    // A ticket changed by two transactions in a row counts once.
    const bool same = into.changed > 0 && from.changed == 1 && into.last_changed == from.last_changed;
    into.changed += same ? 0 : from.changed;
    into.last_changed = from.last_changed;
  }
  for (const auto& action : from.actions) {
    add_action(into, action);
  }
}

std::string ChangeJournal::describe() const
{
  const Tally& t = m_committed;
  std::string actions;
  for (std::size_t i = 0; i < t.actions.size(); ++i) {
    actions += i == 0 ? "" : ", ";
    actions += i < k_max_actions ? t.actions[i] : "...";
  }
  const std::string how = actions.empty() ? "" : fmt::format(" ({})", actions);
  if (t.created == 0 && t.changed == 0) {
    return {};
  }
  if (t.changed == 0) {
    return t.created == 1 ? fmt::format("ticket {} was created", t.first_created)
                          : fmt::format("{} tickets were created", t.created);
  }
  if (t.created == 0) {
    return t.changed == 1 ? fmt::format("ticket {} was changed{}", t.last_changed, how)
                          : fmt::format("{} tickets were changed{}", t.changed, how);
  }
  return fmt::format("{} {} created and {} changed{}",
                     t.created == 1 ? fmt::format("ticket {}", t.first_created)
                                    : fmt::format("{} tickets", t.created),
                     t.created == 1 ? "was" : "were", t.changed, how);
}

} // namespace sdesk::store

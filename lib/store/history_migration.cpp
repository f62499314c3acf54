#include "lib/store/history_migration.hpp"

#include "lib/store/statement.hpp"

#include "lib/model/chain.hpp"
#include "lib/model/event_data.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <charconv>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

using model::Action;
using model::Event;

// The trigger of migration 1, made again after the pass.
constexpr std::string_view k_no_update_trigger =
  "CREATE TRIGGER ticket_event_no_update BEFORE UPDATE ON ticket_event\n"
  "BEGIN SELECT RAISE(ABORT, 'ticket history is append-only'); END;";

std::optional<std::int64_t> number(const std::optional<std::string>& text)
{
  std::int64_t value = 0;
  if (!text) {
    return std::nullopt;
  }
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  return ec == std::errc{} && end == text->data() + text->size() ? std::optional{value} : std::nullopt;
}

// Fills the data of the escalation starting at events[begin] and taking
// the rows up to `end` (one action: its note on the first row, one row per
// field it changed), unless it has data already.
void fill_escalation(std::vector<Event>& events, std::size_t begin, std::size_t end)
{
  Event& first = events[begin];
  if (first.data) {
    return;
  }
  model::EscalationData data;
  const bool skipped = first.action == Action::escalate_skipped;
  if (first.note) {
    model::read_old_note(*first.note, first.action == Action::escalate_hierarchical, skipped, data);
  }
  if (skipped && first.new_value) {
    data.rule = first.new_value; // the rule's name was always its new value
  }
  for (std::size_t i = begin; i < end; ++i) {
    if (events[i].field == "group") {
      data.from = events[i].old_value;
      data.to = events[i].new_value;
    } else if (events[i].field == "escalation_level") {
      data.level = number(events[i].new_value);
    }
  }
  if (data != model::EscalationData{}) {
    first.data = model::to_json(data);
  }
}

// Fills the escalation data of one ticket's history.
void fill_data(std::vector<Event>& events)
{
  std::size_t begin = 0;
  while (begin < events.size()) {
    std::size_t end = begin + 1;
    // The rows of one action: same action and time, no note of their own.
    while (end < events.size() && events[end].action == events[begin].action
           && events[end].at == events[begin].at && !events[end].note) {
      ++end;
    }
    const Action action = events[begin].action;
    if (model::is_escalation(action) || action == Action::escalate_skipped) {
      fill_escalation(events, begin, end);
    }
    begin = end;
  }
}

class Backfill {
public:
  explicit Backfill(Database& db)
    : m_write_event(db.prepare("UPDATE ticket_event SET data = ?, hash = ? WHERE id = ?")),
      m_write_head(db.prepare("UPDATE ticket SET event_count = ?, event_head = ? WHERE id = ?"))
  {
  }

  // Writes the data, hashes, count and head of one ticket's history.
  void write(std::vector<Event>& events)
  {
    if (events.empty()) {
      return;
    }
    fill_data(events);
    model::ChainHead head;
    for (const Event& e : events) {
      const auto hash = model::extend(head, e);
      m_write_event.reset();
      m_write_event.bind(1, e.data).bind_blob(2, util::as_bytes(hash)).bind(3, e.id);
      m_write_event.run();
    }
    m_write_head.reset();
    m_write_head.bind(1, head.count).bind_blob(2, util::as_bytes(head.head)).bind(3,
                                                                                events.front().ticket_id);
    m_write_head.run();
    events.clear();
  }

private:
  Statement m_write_event;
  Statement m_write_head;
};

} // namespace

void backfill_history(Database& db)
{
  db.exec("DROP TRIGGER ticket_event_no_update");
  {
    Backfill backfill(db);
    // Writes touch only `data` and `hash`, which the index this scan walks
    // (ticket_event_by_ticket) does not hold.
    auto read = db.prepare("SELECT id, ticket_id, at, actor, action, field, old_value, new_value,"
                           " note, data FROM ticket_event ORDER BY ticket_id, id");
    std::vector<Event> events; // of one ticket
    while (read.step()) {
      const std::string name = read.get_text(4);
      const auto action = model::find_action(name);
      if (!action) {
        throw Error(ErrorKind::store,
                    fmt::format("event {} of ticket {} has an unknown action {}", read.get_int(0),
                                read.get_int(1), util::quote(name)));
      }
      const model::TicketId ticket = read.get_int(1);
      if (!events.empty() && events.front().ticket_id != ticket) {
        backfill.write(events);
      }
      events.push_back({read.get_int(0), ticket, model::Time{std::chrono::seconds{read.get_int(2)}},
                        read.get_text(3), *action, read.get_opt_text(5), read.get_opt_text(6),
                        read.get_opt_text(7), read.get_opt_text(8), read.get_opt_text(9)});
    }
    backfill.write(events);
  }
  db.exec(k_no_update_trigger);
}

} // namespace sdesk::store

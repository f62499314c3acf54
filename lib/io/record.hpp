#pragma once

#include "lib/io/fields.hpp"
#include "lib/model/ticket.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::io {

// One event of an imported ticket's history: a status change (`status`),
// or one of the actions that change no status and carry a note: a comment,
// an escalation (`action`). `actor` and `note` are optional.
struct HistoryEvent {
  util::Time at{};
  std::optional<model::Status> status;
  std::string action_name;            // "action" as given (checked by RecordBuilder::check_event)
  std::optional<model::Action> action; // without a status: one of k_note_actions; with one: nothing or migrate
  std::optional<std::string> actor;
  std::optional<std::string> note;
};

// A link of an imported record to another record, as the input names it:
// its type from this record's point of view (a name or inverse of
// model::link_types()), and the other end, by `target_ref` (a ref stored or
// in the input) when given, else by `target` (the `id` of another record
// of the same input, as export writes it).
struct LinkRef {
  std::string type;
  std::optional<std::int64_t> target;
  std::optional<std::string> target_ref;
};

// The one action a status event may name: the move schema 9 made onto a
// record type's own lifecycle (exported and imported as it was recorded).
inline constexpr model::Action k_migrate_action = model::Action::migrate;

// The actions a history event without a status may name.
inline constexpr std::array k_note_actions{model::Action::comment, model::Action::escalate,
                                           model::Action::escalate_hierarchical};

// One ticket as read from an import file: the ticket's fields, its
// history and where it came from. Fields the input did not mention keep
// their defaults and are absent from `present` (an update leaves them as
// stored); a field given as null or an empty CSV cell is present and empty.
struct ImportRecord {
  model::Ticket ticket;
  std::vector<HistoryEvent> events; // in input order
  std::vector<LinkRef> links;       // in input order
  std::optional<std::int64_t> source_id; // its `id` in the input, when an integer
  std::uint64_t present = 0;        // one bit per Field
  std::size_t line = 0;             // 1-based line the record starts on
  std::string text;                 // its input text, when kept (import --rejects)
  std::optional<std::string> error; // why the reader refused it (import --skip-invalid)

  bool has(Field field) const { return (present >> static_cast<unsigned>(field)) & 1U; }
  void mark(Field field) { present |= std::uint64_t{1} << static_cast<unsigned>(field); }

  // Back to an empty record (defaults, nothing present).
  void clear()
  {
    ticket = model::Ticket{};
    events.clear();
    links.clear();
    source_id.reset();
    present = 0;
    line = 0;
    text.clear();
    error.reset();
  }
};

static_assert(static_cast<unsigned>(Field::skip) < 64, "ImportRecord::present has one bit per Field");

} // namespace sdesk::io

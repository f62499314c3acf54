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
  std::string action; // without a status: one of k_note_actions
  std::optional<std::string> actor;
  std::optional<std::string> note;
};

// The actions a history event without a status may name.
inline constexpr std::array<std::string_view, 3> k_note_actions{"comment", "escalate",
                                                                "escalate_hierarchical"};

// One ticket as read from an import file: the ticket's fields, its
// history and where it came from. Fields the input did not mention keep
// their defaults and are absent from `present` (an update leaves them as
// stored); a field given as null or an empty CSV cell is present and empty.
struct ImportRecord {
  model::Ticket ticket;
  std::vector<HistoryEvent> events; // in input order
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
    present = 0;
    line = 0;
    text.clear();
    error.reset();
  }
};

static_assert(static_cast<unsigned>(Field::skip) < 64, "ImportRecord::present has one bit per Field");

} // namespace sdesk::io

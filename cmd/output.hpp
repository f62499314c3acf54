#pragma once

#include "lib/model/ticket.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sdesk::cmd {

// Where primary output goes (stdout) and how it may look. Colour only when
// stdout is a terminal, NO_COLOR is unset and --color does not say never
// (or --color=always). Errors and notices go to stderr from main only.
class Output {
public:
  Output(std::string_view color_option, bool stdout_is_tty);

  bool color() const { return m_color; }
  bool is_tty() const { return m_tty; }
  // Columns of the terminal, or 0 when stdout is not one.
  std::size_t width() const;

  // Writes `text` to stdout (buffered). Throws Error(io) with the message
  // of stdout_failure() when the write fails.
  void write(std::string_view text);

  // A pair of escape sequences (before, after), or empty strings without colour.
  std::pair<std::string, std::string> style(std::string_view sgr) const;
  std::pair<std::string, std::string> priority_style(int priority) const;
  std::pair<std::string, std::string> status_style(model::Status status) const;

private:
  bool m_color;
  bool m_tty;
};

// "write failure on standard output: <reason for errno `errnum`>" (without
// the reason for 0): the message for a failed write to stdout.
std::string stdout_failure(int errnum);

// Whether `message` is one made by stdout_failure().
bool is_stdout_failure(std::string_view message);

// User text made safe for a terminal (control characters replaced).
std::string safe(std::string_view text);

// "-" for an absent value, else the sanitised value.
std::string safe_or_dash(const std::optional<std::string>& text);

// The list table: ID, PRI, STATUS, KIND, GROUP, ASSIGNEE, UPDATED, TITLE.
std::string render_ticket_table(const std::vector<model::Ticket>& tickets, const Output& out);

// CSV header and rows for tickets (RFC 4180), with the JSON field names.
std::string ticket_csv_header();
std::string ticket_csv_row(const model::Ticket& ticket);

// One ticket as a JSON object, and a history event, as text.
std::string ticket_json(const model::Ticket& ticket);

// One ticket as a JSON object with a field `key` added at the end.
std::string ticket_json(const model::Ticket& ticket, std::string_view key, bool value);

// A one-line summary after a change: "ticket 42: assigned to alice (status assigned)".
std::string describe(const model::Ticket& ticket);

} // namespace sdesk::cmd

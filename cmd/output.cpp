#include "cmd/output.hpp"

#include "lib/io/writer.hpp"
#include "lib/model/ticket_json.hpp"
#include "lib/util/csv.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"
#include "lib/util/text_table.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/ioctl.h>
#include <unistd.h>

#include <fmt/format.h>

namespace sdesk::cmd {

Output::Output(std::string_view color_option, bool stdout_is_tty)
  : m_tty(stdout_is_tty)
{
  const char* no_color = std::getenv("NO_COLOR");
  const bool no_color_set = no_color && *no_color;
  if (color_option == "always") {
    m_color = true;
  } else if (color_option == "never") {
    m_color = false;
  } else {
    m_color = stdout_is_tty && !no_color_set;
  }
}

std::size_t Output::width() const
{
  if (!m_tty) {
    return 0;
  }
  winsize size{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) {
    return 80;
  }
  return size.ws_col;
}

void Output::write(std::string_view text)
{
  errno = 0;
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) {
    throw Error(ErrorKind::io, stdout_failure(errno));
  }
}

std::string stdout_failure(int errnum)
{
  const std::string_view prefix = "write failure on standard output";
  return errnum == 0 ? std::string(prefix) : fmt::format("{}: {}", prefix, std::strerror(errnum));
}

bool is_stdout_failure(std::string_view message)
{
  return message.starts_with(stdout_failure(0));
}

std::pair<std::string, std::string> Output::style(std::string_view sgr) const
{
  if (!m_color) {
    return {};
  }
  return {fmt::format("\x1b[{}m", sgr), "\x1b[0m"};
}

std::pair<std::string, std::string> Output::priority_style(int priority) const
{
  switch (priority) {
  case 1: return style("1;31");
  case 2: return style("33");
  default: return {};
  }
}

std::pair<std::string, std::string> Output::status_style(model::Status status) const
{
  return model::is_open_status(status) ? std::pair<std::string, std::string>{} : style("2");
}

std::string safe(std::string_view text)
{
  return util::sanitize_for_terminal(text);
}

std::string safe_or_dash(const std::optional<std::string>& text)
{
  return text ? safe(*text) : "-";
}

std::string render_ticket_table(const std::vector<model::Ticket>& tickets, const Output& out)
{
  util::TextTable table({"ID", "PRI", "STATUS", "KIND", "GROUP", "ASSIGNEE", "UPDATED", "TITLE"});
  for (const auto& t : tickets) {
    const auto updated = util::format_time(t.updated).substr(0, 16); // to the minute
    table.add_row({std::to_string(t.id), model::format_priority(t.priority),
                   std::string(model::to_string(t.status)), std::string(model::to_string(t.kind)),
                   safe_or_dash(t.group), safe_or_dash(t.assignee), updated, safe(t.title)},
                  {{}, out.priority_style(t.priority), out.status_style(t.status)});
  }
  return table.render(out.width());
}

std::string ticket_csv_header()
{
  return io::csv_header();
}

std::string ticket_csv_row(const model::Ticket& t)
{
  std::string out;
  io::append_csv(out, t);
  return out;
}

std::string ticket_json(const model::Ticket& ticket)
{
  util::JsonWriter json;
  model::write_json(json, ticket);
  return json.str() + "\n";
}

std::string ticket_json(const model::Ticket& ticket, std::string_view key, bool value)
{
  util::JsonWriter json;
  model::write_json(json, ticket);
  std::string text = json.str();
  text.pop_back(); // the object's closing brace: the field goes before it
  util::JsonWriter field;
  field.begin_object().key(key).value(value).end_object();
  return fmt::format("{},{}\n", text, field.str().substr(1));
}

std::string describe(const model::Ticket& t)
{
  std::string text = fmt::format("ticket {}: {}", t.id, model::to_string(t.status));
  if (t.group) {
    text += fmt::format(", group {}", safe(*t.group));
  }
  if (t.assignee) {
    text += fmt::format(", assignee {}", safe(*t.assignee));
  }
  return text + "\n";
}

} // namespace sdesk::cmd

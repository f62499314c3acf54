#include "cmd/known_errors.hpp"

#include "cmd/output.hpp"
#include "lib/util/json_writer.hpp"

#include <cstdio>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

// `text` on one line: line breaks become spaces, and made safe.
std::string one_line(std::string_view text)
{
  std::string line(text);
  for (char& c : line) {
    if (c == '\n' || c == '\r' || c == '\t') {
      c = ' ';
    }
  }
  return safe(line);
}

} // namespace

void note_known_errors(const model::Ticket& ticket, const std::vector<store::KnownError>& found)
{
  if (found.empty()) {
    return;
  }
  std::string which;
  for (const store::KnownError& k : found) {
    which += fmt::format("{}#{} '{}'", which.empty() ? "" : ", ", k.id, one_line(k.title));
  }
  const std::string tail =
    found.size() == 1 ? fmt::format("; workaround: {}", one_line(found.front().workaround.value_or("-")))
                      : "; see 'sdesk show' for their workarounds";
  fmt::print(stderr, "sdesk: note: incident {} matches known error{} {} (service {}, category {}){}\n",
             ticket.id, found.size() == 1 ? "" : "s", which, one_line(ticket.service.value_or("")),
             one_line(ticket.category.value_or("")), tail);
}

std::string with_known_errors(std::string json, const std::vector<store::KnownError>& found)
{
  util::JsonWriter list;
  list.begin_array();
  for (const store::KnownError& k : found) {
    list.begin_object().key("id").value(std::int64_t{k.id}).key("title").value(k.title);
    list.key("workaround").value(k.workaround).end_object();
  }
  list.end_array();
  const auto brace = json.rfind('}');
  json.insert(brace, fmt::format(",\"known_errors\":{}", list.str()));
  return json;
}

} // namespace sdesk::cmd

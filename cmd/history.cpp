#include "cmd/history.hpp"

#include "lib/model/ticket_json.hpp"
#include "lib/util/text_table.hpp"

namespace sdesk::cmd {

namespace {

std::string shorten(const std::optional<std::string>& value)
{
  if (!value) {
    return "(none)";
  }
  std::string text = safe(*value);
  return text.size() > 60 ? util::truncate_to_width(text, 60) : text;
}

} // namespace

std::string render_history(const std::vector<model::Event>& events)
{
  util::TextTable table({"TIME", "ACTOR", "ACTION", "CHANGE"});
  for (const auto& e : events) {
    std::string change;
    if (e.field) {
      change = *e.field + ": " + shorten(e.old_value) + " -> " + shorten(e.new_value);
      if (e.note) {
        change += "  (" + shorten(e.note) + ")";
      }
    } else if (e.note) {
      change = shorten(e.note);
    }
    table.add_row({util::format_time(e.at), safe(e.actor), std::string(model::to_string(e.action)), change});
  }
  return table.render();
}

std::string history_json(const std::vector<model::Event>& events)
{
  util::JsonWriter json;
  json.begin_array();
  for (const auto& e : events) {
    model::write_json(json, e);
  }
  json.end_array();
  return json.str() + "\n";
}

} // namespace sdesk::cmd

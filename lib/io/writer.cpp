#include "lib/io/writer.hpp"

#include "lib/io/record.hpp"
#include "lib/model/fields.hpp"
#include "lib/model/ticket_json.hpp"
#include "lib/util/csv.hpp"

#include <algorithm>

namespace sdesk::io {

namespace {

bool carries_note(const model::Event& e)
{
  return std::find(k_note_actions.begin(), k_note_actions.end(), e.action) != k_note_actions.end();
}

void write_event(util::JsonWriter& json, const model::Event& e, std::string_view kind,
                 std::string_view value, const std::optional<std::string>& note)
{
  json.begin_object();
  json.key("at").value(util::format_time(e.at));
  json.key(kind).value(value);
  if (kind == "status" && e.action == k_migrate_action) {
    json.key("action").value(model::to_string(e.action)); // the one status change that names its action
  }
  json.key("actor").value(e.actor);
  json.key("note").value(note);
  json.end_object();
}

} // namespace

void append_jsonl(std::string& out, const model::Ticket& ticket,
                  std::span<const model::Event> history, std::span<const model::LinkedTicket> links)
{
  util::JsonWriter object;
  model::write_json(object, ticket);
  const std::string& text = object.str();
  out.append(text, 0, text.size() - 1); // all but the closing brace
  util::JsonWriter events;
  events.begin_array();
  const model::Event* action_start = nullptr; // first row of the current action
  for (const model::Event& e : history) {
    // One action writes a row per field it changes, its note on the first.
    const bool same_action = action_start && action_start->at == e.at
                             && action_start->action == e.action && !e.note;
    if (!same_action) {
      action_start = &e;
    }
    const bool noted = carries_note(e);
    if (noted && !same_action) {
      write_event(events, e, "action", model::to_string(e.action), e.note);
    }
    if (e.field == "status" && e.new_value) {
      // An escalation's note went with its action.
      write_event(events, e, "status", *e.new_value, noted ? std::nullopt : e.note);
    }
  }
  events.end_array();
  out += ",\"events\":";
  out += events.str();
  if (!links.empty()) {
    util::JsonWriter array;
    array.begin_array();
    for (const model::LinkedTicket& l : links) {
      array.begin_object().key("type").value(l.type).key("target").value(std::int64_t{l.target});
      array.key("target_ref").value(l.target_ref).end_object();
    }
    array.end_array();
    out += ",\"links\":";
    out += array.str();
  }
  out += "}\n";
}

std::string csv_header()
{
  std::vector<std::string> names;
  for (const model::FieldSpec& spec : model::k_fields) {
    names.emplace_back(spec.name);
  }
  std::string out;
  util::append_csv_record(out, names);
  return out;
}

void append_csv(std::string& out, const model::Ticket& ticket)
{
  std::vector<std::string> cells;
  model::csv_cells(ticket, cells);
  util::append_csv_record(out, cells);
}

} // namespace sdesk::io

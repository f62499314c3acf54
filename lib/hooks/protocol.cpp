#include "lib/hooks/protocol.hpp"

#include "lib/io/reader.hpp"
#include "lib/model/fields.hpp"
#include "lib/model/ticket_json.hpp"
#include "lib/ops/validate.hpp"
#include "lib/util/error.hpp"
#include "lib/util/json_writer.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace sdesk::hooks {

namespace {

// The fields a hook may patch: those a person sets with a command. Not the
// record's identity and lifecycle (id, ref, kind, status and its times),
// nor what sdesk derives (SLA due times and durations, escalation level).
constexpr std::array<std::string_view, 24> k_patchable{
  "title",    "description", "impact",     "urgency",       "priority",      "category",
  "service",  "group",       "assignee",   "requester",     "tags",          "resolution_code",
  "resolution_note", "outcome", "root_cause", "workaround", "change_type",   "risk",
  "planned_start", "planned_end", "release", "plan",         "backout_plan",  "test_plan",
};

bool patchable(std::string_view name)
{
  return std::find(k_patchable.begin(), k_patchable.end(), name) != k_patchable.end();
}

// Copies field `index` from `from` to `to`.
void copy_field(std::size_t index, const model::Ticket& from, model::Ticket& to)
{
  model::visit_field(index, [&](auto i) {
    constexpr auto member = model::field_member<decltype(i)::value>();
    to.*member = from.*member;
  });
}

// The accepted field names, for messages.
std::string accepted_names()
{
  std::string names;
  for (const std::string_view name : k_patchable) {
    names += (names.empty() ? "" : ", ") + std::string(name);
  }
  return names;
}

} // namespace

std::span<const std::string_view> patchable_fields()
{
  return k_patchable;
}

std::string input_json(const HookInput& input)
{
  util::JsonWriter json;
  json.begin_object();
  json.key("api").value(std::int64_t{k_api_version});
  json.key("event").value(input.event);
  json.key("actor").value(input.actor);
  json.key("action").value(input.action);
  json.key("outbox_id").value(input.outbox_id);
  json.key("before");
  if (input.before != nullptr) {
    model::write_json(json, *input.before);
  } else {
    json.null();
  }
  json.key("after");
  if (input.after != nullptr) {
    model::write_json(json, *input.after);
  } else {
    json.null();
  }
  json.key("changes").begin_array();
  for (const model::Event& e : input.events) {
    if (e.field) {
      json.begin_object();
      json.key("field").value(*e.field);
      json.key("old").value(e.old_value);
      json.key("new").value(e.new_value);
      json.end_object();
    }
  }
  json.end_array();
  json.key("events").begin_array();
  for (const model::Event& e : input.events) {
    model::write_json(json, e);
  }
  json.end_array();
  json.end_object();
  return json.str() + "\n";
}

bool apply_patch(std::string_view out, const config::Config& config, model::Ticket& patched)
{
  model::Ticket ticket = patched; // `patched` changes only when every check passed
  const auto first = out.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return false;
  }
  if (out[first] != '{') {
    throw Error(ErrorKind::usage, "output: not a JSON object (a hook patches with {\"field\": value})");
  }
  std::string line(out.substr(first));
  std::replace(line.begin(), line.end(), '\n', ' '); // one JSON Lines record
  std::replace(line.begin(), line.end(), '\r', ' ');
  io::Input input = io::Input::from_text(line, "output");
  const io::FieldMap fields;
  const io::TimeReader times;
  io::RecordBuilder builder(times, config.matrix.lowest());
  const auto reader = io::make_jsonl_reader(input, fields, builder);
  io::ImportRecord record;
  if (!reader->next(record)) {
    return false;
  }
  if (io::ImportRecord extra; reader->next(extra)) {
    throw Error(ErrorKind::usage, "output: more than one JSON object");
  }
  bool any = false;
  for (std::size_t i = 0; i < model::k_field_count; ++i) {
    if (!record.has(static_cast<io::Field>(i))) {
      continue;
    }
    const std::string_view name = model::k_fields[i].name;
    if (!patchable(name)) {
      throw Error(ErrorKind::usage, fmt::format("field '{}': a hook cannot patch it (accepted: {})", name,
                                                accepted_names()));
    }
    copy_field(i, record.ticket, ticket);
    any = true;
  }
  if (record.has(io::Field::events) || !record.links.empty()) {
    throw Error(ErrorKind::usage,
                fmt::format("a hook cannot patch events or links (accepted: {})", accepted_names()));
  }
  const auto given = [&record](std::string_view name) {
    const auto* spec = model::find_field(name);
    return record.has(static_cast<io::Field>(spec - model::k_fields));
  };
  if ((given("impact") || given("urgency")) && !given("priority")) {
    ticket.priority = config.matrix.priority(ticket.impact, ticket.urgency);
  }
  if (given("category") && ticket.category) {
    ops::require_listed(config.categories, *ticket.category, "category");
  }
  if (given("service") && ticket.service) {
    ops::require_listed(config.services, *ticket.service, "service");
  }
  if (given("group") && ticket.group) {
    ops::require_group(config, *ticket.group, "group");
  }
  if (given("assignee") && ticket.assignee) {
    ops::require_agent(config, *ticket.assignee, "assignee");
  }
  if (given("resolution_code") && ticket.resolution_code) {
    ops::require_listed(config.resolution_codes, *ticket.resolution_code, "resolution_code");
  }
  if (any) {
    patched = std::move(ticket);
  }
  return any;
}

void patch_events(ops::ChangeSet& set, std::size_t index, const model::Ticket& unpatched)
{
  const ops::RecordChange& record = set.records[index];
  const model::TicketId id = record.before ? record.before->id : 0;
  const auto changes = model::diff(unpatched, record.after);
  if (changes.empty()) {
    return;
  }
  const auto mine = [id](const model::Event& e) { return e.ticket_id == id; };
  auto first = std::find_if(set.events.begin(), set.events.end(), mine);
  if (first == set.events.end()) {
    throw Error(ErrorKind::internal, "a patched record has no event");
  }
  const model::Event pattern = *first;
  for (const model::FieldChange& change : changes) {
    auto it = std::find_if(set.events.begin(), set.events.end(), [&](const model::Event& e) {
      return mine(e) && e.field == change.field;
    });
    if (it != set.events.end()) {
      it->new_value = change.new_value;
      continue;
    }
    model::Event e;
    e.ticket_id = id;
    e.at = pattern.at;
    e.actor = pattern.actor;
    e.action = pattern.action;
    e.field = change.field;
    if (record.before) {
      const auto* spec = model::find_field(change.field);
      e.old_value = model::history_text(*spec, *record.before);
    }
    e.new_value = change.new_value;
    const auto last = std::find_if(set.events.rbegin(), set.events.rend(), mine);
    set.events.insert(last.base(), std::move(e));
  }
}

} // namespace sdesk::hooks

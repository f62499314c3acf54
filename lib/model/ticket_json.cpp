#include "lib/model/ticket_json.hpp"

#include "lib/model/event_data.hpp"

namespace sdesk::model {

namespace {

void time_field(util::JsonWriter& json, std::string_view name, const std::optional<Time>& t)
{
  json.key(name);
  if (t) {
    json.value(util::format_time(*t));
  } else {
    json.null();
  }
}

} // namespace

void write_json(util::JsonWriter& json, const Ticket& t)
{
  json.begin_object();
  json.key("id").value(std::int64_t{t.id});
  json.key("ref").value(t.ref);
  json.key("kind").value(to_string(t.kind));
  json.key("title").value(t.title);
  json.key("description").value(t.description);
  json.key("status").value(to_string(t.status));
  json.key("impact").value(to_string(t.impact));
  json.key("urgency").value(to_string(t.urgency));
  json.key("priority").value(format_priority(t.priority));
  json.key("category").value(t.category);
  json.key("service").value(t.service);
  json.key("group").value(t.group);
  json.key("assignee").value(t.assignee);
  json.key("requester").value(t.requester);
  json.key("escalation_level").value(std::int64_t{t.escalation_level});
  json.key("tags").value(t.tags);
  time_field(json, "created", t.created);
  time_field(json, "updated", t.updated);
  time_field(json, "first_response", t.first_response);
  time_field(json, "resolved", t.resolved);
  time_field(json, "closed", t.closed);
  json.key("resolution_code").value(t.resolution_code);
  json.key("resolution_note").value(t.resolution_note);
  time_field(json, "response_due", t.response_due);
  time_field(json, "resolution_due", t.resolution_due);
  json.key("sla_policy").value(t.sla_policy);
  json.key("response_business_seconds")
    .value(t.response_business ? std::optional{std::int64_t{t.response_business->count()}}
                               : std::nullopt);
  json.key("resolution_business_seconds")
    .value(t.resolution_business ? std::optional{std::int64_t{t.resolution_business->count()}}
                                 : std::nullopt);
  json.end_object();
}

void write_json(util::JsonWriter& json, const Event& e)
{
  json.begin_object();
  json.key("id").value(std::int64_t{e.id});
  json.key("ticket").value(std::int64_t{e.ticket_id});
  time_field(json, "at", e.at);
  json.key("actor").value(e.actor);
  json.key("action").value(to_string(e.action));
  json.key("field").value(e.field);
  json.key("old").value(e.old_value);
  json.key("new").value(e.new_value);
  json.key("note").value(e.note);
  json.key("data");
  if (e.data && is_json_object(*e.data)) {
    json.raw(*e.data);
  } else {
    json.value(e.data);
  }
  json.end_object();
}

void write_json(util::JsonWriter& json, const OutboxEntry& entry)
{
  json.begin_object();
  json.key("event").value(std::int64_t{entry.event_id});
  json.key("ticket").value(std::int64_t{entry.ticket_id});
  json.key("kind").value(entry.kind);
  time_field(json, "created", entry.created);
  json.end_object();
}

} // namespace sdesk::model

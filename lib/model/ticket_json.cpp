#include "lib/model/ticket_json.hpp"

#include "lib/model/event_data.hpp"
#include "lib/model/fields.hpp"

#include <type_traits>

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

// The JSON value of each kind of field.
void json_value(util::JsonWriter& json, const FieldSpec&, TicketId value)
{
  json.value(std::int64_t{value});
}

void json_value(util::JsonWriter& json, const FieldSpec&, const std::string& value)
{
  json.value(value);
}

void json_value(util::JsonWriter& json, const FieldSpec&, const std::optional<std::string>& value)
{
  json.value(value);
}

template<typename Enum>
  requires std::is_enum_v<Enum>
void json_value(util::JsonWriter& json, const FieldSpec&, Enum value)
{
  json.value(to_string(value));
}

void json_value(util::JsonWriter& json, const FieldSpec& spec, int value)
{
  if (spec.type == FieldType::priority) {
    json.value(format_priority(value));
  } else {
    json.value(std::int64_t{value});
  }
}

void json_value(util::JsonWriter& json, const FieldSpec&, Time value)
{
  json.value(util::format_time(value));
}

void json_value(util::JsonWriter& json, const FieldSpec&, const std::optional<Time>& value)
{
  if (value) {
    json.value(util::format_time(*value));
  } else {
    json.null();
  }
}

void json_value(util::JsonWriter& json, const FieldSpec&, const std::optional<std::chrono::seconds>& value)
{
  json.value(value ? std::optional{std::int64_t{value->count()}} : std::nullopt);
}

void json_value(util::JsonWriter& json, const FieldSpec&, const std::vector<std::string>& value)
{
  json.value(value);
}

} // namespace

void write_json(util::JsonWriter& json, const Ticket& t)
{
  json.begin_object();
  for_each_field([&](auto i) {
    constexpr const FieldSpec& spec = k_fields[decltype(i)::value];
    if constexpr (spec.kinds != k_every_kind) {
      if (!spec.applies_to(t.kind)) {
        return; // a field of other record types: no key
      }
    }
    json.key(spec.name);
    json_value(json, spec, t.*field_member<decltype(i)::value>());
  });
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

#pragma once

#include "lib/model/outbox.hpp"
#include "lib/model/ticket.hpp"
#include "lib/util/json_writer.hpp"

namespace sdesk::model {

// Writes `ticket` as one JSON object with the field names `sdesk show
// --json`, `list --json` and export use (docs/json.md); times in ISO 8601
// with the local offset, absent values as null.
void write_json(util::JsonWriter& json, const Ticket& ticket);

// Writes one history event as a JSON object; its `data` as the JSON object
// it is (as a string if the stored text is not one, which only an edit by
// hand makes).
void write_json(util::JsonWriter& json, const Event& event);

// Writes one outbox entry as {"event", "ticket", "kind", "created"}.
void write_json(util::JsonWriter& json, const OutboxEntry& entry);

} // namespace sdesk::model

#include "lib/model/ticket.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>
#include <functional>

#include <fmt/format.h>

namespace sdesk::model {

namespace {

using Text = std::optional<std::string>;

Text text(const std::optional<std::string>& value)
{
  return value;
}

Text text(const std::optional<Time>& value)
{
  return value ? Text{util::format_time_utc(*value)} : std::nullopt;
}

Text text(const std::optional<std::chrono::seconds>& value)
{
  return value ? Text{std::to_string(value->count())} : std::nullopt;
}

struct FieldRule {
  const char* name;
  std::function<Text(const Ticket&)> get;
};

// Every tracked field with how to show it in history. `id`, `created` and
// `updated` are not here: they never change through an action.
const std::vector<FieldRule>& field_rules()
{
  static const std::vector<FieldRule> rules{
    {"ref", [](const Ticket& t) { return text(t.ref); }},
    {"kind", [](const Ticket& t) { return Text{std::string(to_string(t.kind))}; }},
    {"title", [](const Ticket& t) { return Text{t.title}; }},
    {"description", [](const Ticket& t) { return Text{t.description}; }},
    {"status", [](const Ticket& t) { return Text{std::string(to_string(t.status))}; }},
    {"impact", [](const Ticket& t) { return Text{std::string(to_string(t.impact))}; }},
    {"urgency", [](const Ticket& t) { return Text{std::string(to_string(t.urgency))}; }},
    {"priority", [](const Ticket& t) { return Text{format_priority(t.priority)}; }},
    {"category", [](const Ticket& t) { return text(t.category); }},
    {"service", [](const Ticket& t) { return text(t.service); }},
    {"group", [](const Ticket& t) { return text(t.group); }},
    {"assignee", [](const Ticket& t) { return text(t.assignee); }},
    {"requester", [](const Ticket& t) { return text(t.requester); }},
    {"escalation_level", [](const Ticket& t) { return Text{std::to_string(t.escalation_level)}; }},
    {"tags", [](const Ticket& t) { return t.tags.empty() ? Text{} : Text{util::join(t.tags, ",")}; }},
    {"first_response", [](const Ticket& t) { return text(t.first_response); }},
    {"resolved", [](const Ticket& t) { return text(t.resolved); }},
    {"closed", [](const Ticket& t) { return text(t.closed); }},
    {"resolution_code", [](const Ticket& t) { return text(t.resolution_code); }},
    {"resolution_note", [](const Ticket& t) { return text(t.resolution_note); }},
    {"response_due", [](const Ticket& t) { return text(t.response_due); }},
    {"resolution_due", [](const Ticket& t) { return text(t.resolution_due); }},
    {"sla_policy", [](const Ticket& t) { return text(t.sla_policy); }},
    {"response_business_seconds", [](const Ticket& t) { return text(t.response_business); }},
    {"resolution_business_seconds", [](const Ticket& t) { return text(t.resolution_business); }},
  };
  return rules;
}

} // namespace

std::vector<FieldChange> diff(const Ticket& before, const Ticket& after)
{
  std::vector<FieldChange> changes;
  for (const auto& rule : field_rules()) {
    auto old_value = rule.get(before);
    auto new_value = rule.get(after);
    if (old_value != new_value) {
      changes.push_back({rule.name, std::move(old_value), std::move(new_value)});
    }
  }
  return changes;
}

std::vector<FieldChange> initial_fields(const Ticket& ticket)
{
  std::vector<FieldChange> fields;
  for (const auto& rule : field_rules()) {
    if (auto value = rule.get(ticket); value && !value->empty()) {
      fields.push_back({rule.name, std::nullopt, std::move(value)});
    }
  }
  return fields;
}

std::vector<std::string> normalise_tags(const std::vector<std::string>& tags)
{
  std::vector<std::string> result;
  for (const auto& tag : tags) {
    const std::string clean = util::to_lower(util::trim(tag));
    if (clean.empty()) {
      continue;
    }
    if (clean.find_first_of(", \t\n") != std::string::npos) {
      throw Error(ErrorKind::usage,
                  fmt::format("tag: bad tag {} (accepted: a word without commas or spaces)",
                              util::quote(tag)));
    }
    result.push_back(clean);
  }
  std::sort(result.begin(), result.end());
  result.erase(std::unique(result.begin(), result.end()), result.end());
  return result;
}

std::optional<std::string> ref_problem(std::string_view ref)
{
  if (util::trim(ref).empty()) {
    return "must not be empty";
  }
  const bool control = std::any_of(ref.begin(), ref.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
  if (control) {
    return "must not contain control characters or line breaks";
  }
  return std::nullopt;
}

} // namespace sdesk::model

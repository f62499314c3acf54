// Escalation data as JSON: written with util::JsonWriter, read with
// RapidJSON (header-only; also used by lib/io for import files).
#include "lib/model/event_data.hpp"

#include "lib/util/json_writer.hpp"
#include "lib/util/strings.hpp"

#include <rapidjson/document.h>

#include <charconv>

namespace sdesk::model {

namespace {

std::optional<std::string> text_member(const rapidjson::Value& object, const char* key)
{
  const auto member = object.FindMember(key);
  if (member == object.MemberEnd() || !member->value.IsString()) {
    return std::nullopt;
  }
  return std::string(member->value.GetString(), member->value.GetStringLength());
}

std::optional<std::int64_t> int_member(const rapidjson::Value& object, const char* key)
{
  const auto member = object.FindMember(key);
  if (member == object.MemberEnd() || !member->value.IsInt64()) {
    return std::nullopt;
  }
  return member->value.GetInt64();
}

// "auto: rule NAME (P% of TARGET target)" at the start of `text`: fills the
// rule, percent and target, and returns what follows; nothing otherwise.
std::optional<std::string_view> read_auto_marker(std::string_view text, EscalationData& data)
{
  constexpr std::string_view k_prefix = "auto: rule ";
  if (!text.starts_with(k_prefix)) {
    return std::nullopt;
  }
  text.remove_prefix(k_prefix.size());
  const auto open = text.find(" (");
  if (open == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view name = text.substr(0, open);
  std::string_view rest = text.substr(open + 2);
  std::int64_t percent = 0;
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), percent);
  if (ec != std::errc{} || name.empty()) {
    return std::nullopt;
  }
  rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
  for (const std::string_view target : {"response", "resolution"}) {
    const std::string tail = "% of " + std::string(target) + " target)";
    if (rest.starts_with(tail)) {
      data.rule = std::string(name);
      data.percent = percent;
      data.target = std::string(target);
      return rest.substr(tail.size());
    }
  }
  return std::nullopt;
}

} // namespace

std::string to_json(const EscalationData& data)
{
  util::JsonWriter json;
  json.begin_object();
  if (data.from) {
    json.key("from").value(*data.from);
  }
  if (data.to) {
    json.key("to").value(*data.to);
  }
  if (data.level) {
    json.key("level").value(*data.level);
  }
  if (!data.informed.empty()) {
    json.key("informed").value(data.informed);
  }
  if (data.rule) {
    json.key("rule").value(*data.rule);
  }
  if (data.percent) {
    json.key("percent").value(*data.percent);
  }
  if (data.target) {
    json.key("target").value(*data.target);
  }
  if (data.reason) {
    json.key("reason").value(*data.reason);
  }
  json.end_object();
  return json.str();
}

bool is_json_object(std::string_view text)
{
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  return !doc.HasParseError() && doc.IsObject();
}

bool is_internal(std::string_view text)
{
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return false;
  }
  const auto member = doc.FindMember("internal");
  return member != doc.MemberEnd() && member->value.IsBool() && member->value.GetBool();
}

std::optional<EscalationData> parse_escalation_data(std::string_view text)
{
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return std::nullopt;
  }
  EscalationData data;
  data.from = text_member(doc, "from");
  data.to = text_member(doc, "to");
  data.level = int_member(doc, "level");
  if (const auto informed = doc.FindMember("informed");
      informed != doc.MemberEnd() && informed->value.IsArray()) {
    for (const auto& name : informed->value.GetArray()) {
      if (name.IsString()) {
        data.informed.emplace_back(name.GetString(), name.GetStringLength());
      }
    }
  }
  data.rule = text_member(doc, "rule");
  data.percent = int_member(doc, "percent");
  data.target = text_member(doc, "target");
  data.reason = text_member(doc, "reason");
  return data;
}

void read_old_note(std::string_view note, bool hierarchical, bool skipped, EscalationData& data)
{
  std::string_view reason = note;
  if (hierarchical) {
    constexpr std::string_view k_informed = "informed: ";
    if (!note.starts_with(k_informed)) {
      return;
    }
    note.remove_prefix(k_informed.size());
    const auto end = note.find("; ");
    for (const auto& name : util::split_list(std::string(note.substr(0, end)))) {
      data.informed.push_back(name);
    }
    reason = end == std::string_view::npos ? std::string_view{} : note.substr(end + 2);
  }
  EscalationData found;
  const auto rest = read_auto_marker(reason, found);
  if (!rest) {
    return;
  }
  constexpr std::string_view k_could_not = " could not apply: ";
  if (skipped ? !rest->starts_with(k_could_not) : !rest->empty()) {
    return; // not the exact form: a person's words
  }
  data.rule = found.rule;
  data.percent = found.percent;
  data.target = found.target;
  if (skipped) {
    data.reason = std::string(rest->substr(k_could_not.size()));
  }
}

} // namespace sdesk::model

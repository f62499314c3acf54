// Alertmanager's webhook payload (version 4): RapidJSON parses it into a DOM
// (iteratively, so deep nesting cannot exhaust the stack), read into plain
// structs and then into model::Alerts.

#include "lib/io/alertmanager.hpp"

#include "lib/util/error.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace sdesk::io {

namespace {

using Value = rapidjson::Value;

constexpr unsigned k_parse_flags = rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag;

[[noreturn]] void malformed(std::string_view where, std::string_view what)
{
  throw Error(ErrorKind::usage, fmt::format("payload: {}{}", where, what));
}

std::string text_of(const Value& value)
{
  return {value.GetString(), value.GetStringLength()};
}

// The member `name` of `object` if it is a string; nothing when absent;
// throws when it is something else.
std::optional<std::string> string_member(const Value& object, const char* name, std::string_view where)
{
  const auto it = object.FindMember(name);
  if (it == object.MemberEnd() || it->value.IsNull()) {
    return std::nullopt;
  }
  if (!it->value.IsString()) {
    malformed(where, fmt::format("{}: expected a string", name));
  }
  return text_of(it->value);
}

// An object of strings ("labels", "annotations"); empty when absent.
std::vector<std::pair<std::string, std::string>> string_map(const Value& object, const char* name,
                                                            std::string_view where)
{
  std::vector<std::pair<std::string, std::string>> pairs;
  const auto it = object.FindMember(name);
  if (it == object.MemberEnd() || it->value.IsNull()) {
    return pairs;
  }
  if (!it->value.IsObject()) {
    malformed(where, fmt::format("{}: expected an object of strings", name));
  }
  for (const auto& member : it->value.GetObject()) {
    if (!member.value.IsString()) {
      malformed(where, fmt::format("{}: expected an object of strings", name));
    }
    pairs.emplace_back(text_of(member.name), text_of(member.value));
  }
  return pairs;
}

// An RFC 3339 time as Alertmanager writes it ("2026-03-01T09:00:00.123Z"):
// fractions of a second are dropped; Go's zero time is nothing.
std::optional<util::Time> time_member(const Value& object, const char* name, std::string_view where)
{
  const auto text = string_member(object, name, where);
  if (!text || text->empty() || text->starts_with("0001-01-01")) {
    return std::nullopt;
  }
  std::string trimmed = *text;
  if (const auto dot = trimmed.find('.'); dot != std::string::npos) {
    auto end = dot + 1;
    while (end < trimmed.size() && std::isdigit(static_cast<unsigned char>(trimmed[end])) != 0) {
      ++end;
    }
    trimmed.erase(dot, end - dot);
  }
  try {
    return util::parse_time(trimmed, name);
  } catch (const Error&) {
    malformed(where, fmt::format("{}: expected an RFC 3339 time such as \"2026-03-01T09:00:00Z\", got \"{}\"",
                                 name, *text));
  }
}

AlertmanagerAlert read_alert(const Value& value, std::string_view where)
{
  if (!value.IsObject()) {
    malformed(where, "expected an object");
  }
  AlertmanagerAlert alert;
  const auto status = string_member(value, "status", where);
  if (!status || (*status != "firing" && *status != "resolved")) {
    malformed(where, "status: expected \"firing\" or \"resolved\"");
  }
  alert.firing = *status == "firing";
  alert.labels = string_map(value, "labels", where);
  alert.annotations = string_map(value, "annotations", where);
  alert.starts_at = time_member(value, "startsAt", where);
  alert.ends_at = time_member(value, "endsAt", where);
  alert.fingerprint = string_member(value, "fingerprint", where).value_or("");
  return alert;
}

std::string value_of(const std::vector<std::pair<std::string, std::string>>& pairs, std::string_view name)
{
  const auto it = std::find_if(pairs.begin(), pairs.end(), [&](const auto& p) { return p.first == name; });
  return it == pairs.end() ? std::string() : it->second;
}

// The first non-blank line of `text`, trimmed of blanks.
std::string first_line(std::string_view text)
{
  const auto start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) {
    return {};
  }
  text = text.substr(start);
  text = text.substr(0, text.find_first_of("\r\n"));
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

std::optional<model::Severity> severity_of(const AlertmanagerAlert& a)
{
  std::string text = value_of(a.labels, "severity");
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const model::Severity s :
       {model::Severity::critical, model::Severity::error, model::Severity::warning, model::Severity::info}) {
    if (model::to_string(s) == text) {
      return s;
    }
  }
  return std::nullopt;
}

std::optional<std::string> summary_of(const AlertmanagerAlert& a)
{
  for (const std::string& text : {value_of(a.annotations, "summary"), value_of(a.annotations, "description"),
                                  value_of(a.labels, "alertname")}) {
    std::string line = first_line(text);
    if (!line.empty()) {
      return line;
    }
  }
  return std::nullopt;
}

} // namespace

AlertmanagerPayload parse_alertmanager(std::string_view json)
{
  rapidjson::Document doc;
  doc.Parse<k_parse_flags>(json.data(), json.size());
  if (doc.HasParseError()) {
    malformed("", fmt::format("not JSON: {} (at byte {})", rapidjson::GetParseError_En(doc.GetParseError()),
                              doc.GetErrorOffset()));
  }
  if (!doc.IsObject()) {
    malformed("", "expected an object (Alertmanager's webhook payload)");
  }
  const auto version = string_member(doc, "version", "");
  if (version != "4") {
    malformed("", fmt::format("version: expected \"4\", got {}", version ? "\"" + *version + "\"" : "none"));
  }
  AlertmanagerPayload payload;
  payload.group_key = string_member(doc, "groupKey", "").value_or("");
  payload.external_url = string_member(doc, "externalURL", "").value_or("");
  const auto alerts = doc.FindMember("alerts");
  if (alerts == doc.MemberEnd() || !alerts->value.IsArray()) {
    malformed("", "alerts: expected an array");
  }
  std::size_t index = 0;
  for (const Value& value : alerts->value.GetArray()) {
    payload.alerts.push_back(read_alert(value, fmt::format("alerts[{}]: ", index)));
    ++index;
  }
  return payload;
}

std::vector<model::Alert> alertmanager_alerts(const AlertmanagerPayload& payload, const std::string& source,
                                              const std::vector<std::string>& key_labels, util::Time now)
{
  std::vector<model::Alert> alerts;
  std::size_t index = 0;
  for (const AlertmanagerAlert& a : payload.alerts) {
    model::Alert alert;
    alert.source = source;
    if (key_labels.empty()) {
      if (a.fingerprint.empty()) {
        malformed(fmt::format("alerts[{}]: ", index), "no fingerprint (or give --key labels:NAME,...)");
      }
      alert.key = a.fingerprint;
    } else {
      for (const std::string& name : key_labels) {
        alert.key += (alert.key.empty() ? "" : ",") + name + "=" + value_of(a.labels, name);
      }
    }
    alert.action = a.firing ? model::AlertAction::trigger : model::AlertAction::resolve;
    alert.severity = severity_of(a);
    alert.summary = summary_of(a);
    alert.labels = a.labels;
    alert.annotations = a.annotations;
    const auto at = a.firing ? a.starts_at : a.ends_at;
    alert.at = at ? *at : now;
    alerts.push_back(std::move(alert));
    ++index;
  }
  return alerts;
}

} // namespace sdesk::io

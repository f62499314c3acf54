#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::model {

// The structured data (model::Event::data) of an escalation event
// (escalate, escalate_hierarchical, escalate_skipped), as one JSON object
// with these keys, each left out when absent (docs/history.md):
//   from, to    functional: the group before and after (text)
//   level       functional: the escalation level after (number)
//   informed    hierarchical: who was told (array of text)
//   rule        the escalation rule that fired, or could not apply (text)
//   percent     the share of the target used when the rule fired (number)
//   target      the target the rule watches: "response" or "resolution"
//   reason      escalate_skipped: why the rule could not apply (text)
struct EscalationData {
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::optional<std::int64_t> level;
  std::vector<std::string> informed;
  std::optional<std::string> rule;
  std::optional<std::int64_t> percent;
  std::optional<std::string> target;
  std::optional<std::string> reason;

  bool operator==(const EscalationData&) const = default;
};

// Whether `text` is one JSON object (and nothing else).
bool is_json_object(std::string_view text);

// `data` as compact JSON, its keys in the order above: the same data always
// gives the same text (the hash chain covers the text).
std::string to_json(const EscalationData& data);

// The escalation data in JSON object `text`: keys it does not know and
// values of the wrong type are ignored. Nothing when `text` is not a JSON
// object.
std::optional<EscalationData> parse_escalation_data(std::string_view text);

// Whether event data `text` marks its event internal, {"internal": true}:
// a comment that stays inside the desk (`comment --internal`, `mail
// receive --action comment`), which mail out tells no requester or
// watcher. False for anything else, also text that is no JSON object.
bool is_internal(std::string_view text);

// The escalation data an older sdesk wrote as prose into an escalation's
// note (store migration 6; nothing reads notes otherwise): "informed: A, B"
// (then "; REASON") for a hierarchical escalation; a reason (or a skip's
// note) of the exact form "auto: rule NAME (P% of TARGET target)" (then " could
// not apply: WHY" for a skip) for what an escalation rule did. Fills what
// it finds into `data`.
void read_old_note(std::string_view note, bool hierarchical, bool skipped, EscalationData& data);

} // namespace sdesk::model

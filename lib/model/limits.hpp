#pragma once

// The size limits on the text sdesk stores and reads, in one table. The
// same figures are documented in docs/limits.md (tests/cli/hostile_input.sh
// checks that they agree). A value over its limit, text that is not valid
// UTF-8 or holds a NUL byte, or a title or short text with a line break, is
// bad input: Error(usage), exit 2.

#include "lib/model/ticket.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::model {

// What a limit applies to.
enum class Limited : std::uint8_t {
  title,         // a ticket's one-line title
  long_text,     // description, comment, resolution note, any action's note
  short_text,    // every other text field: ref, category, group, actor...
  tag,           // one tag
  tags,          // tags on one ticket (a count, not bytes)
  import_record, // one line of JSON Lines, one record of CSV (lines of a quoted field included)
};

// One row of the table: the maximum in bytes (a count for `tags`).
struct Limit {
  Limited what;
  std::string_view name;
  std::size_t max;
};

// One kibibyte, for the table below.
inline constexpr std::size_t k_kib = 1024;

// The limits; docs/limits.md lists the same rows.
inline constexpr std::array<Limit, 6> k_limits{{
  {Limited::title, "title", 1 * k_kib},
  {Limited::long_text, "long text", 1024 * k_kib},
  {Limited::short_text, "short text", 256},
  {Limited::tag, "tag", 64},
  {Limited::tags, "tags", 64},
  {Limited::import_record, "import record", 16 * 1024 * k_kib},
}};

// The maximum for `what`, from k_limits.
std::size_t limit(Limited what);

// The limit that applies to the stored field named `field` (its JSON name):
// its FieldSpec::limit (lib/model/fields.hpp); short text for a name that
// is no field.
Limited limit_of_field(std::string_view field);

// What is wrong with `text` as a value of kind `kind`: "too long, N bytes
// (accepted: at most M bytes; see docs/limits.md)", "not valid UTF-8 at
// byte N (accepted: UTF-8 text)", "a NUL byte at byte N ..." or, for a
// title or short text, "must be one line"; nothing when it is fine.
std::optional<std::string> text_problem(std::string_view text, Limited kind);

// What is wrong with a tag list: more tags than the limit, or a tag as
// text_problem() says; nothing when it is fine.
std::optional<std::string> tags_problem(const std::vector<std::string>& tags);

// Checks text to be stored as `what` (a field name or option for the
// message). Throws Error(usage) "WHAT: PROBLEM" (text_problem()).
void check_text(std::string_view what, std::string_view text, Limited kind);

// Checks a tag list (tags_problem()); `what` names the field.
void check_tags(std::string_view what, const std::vector<std::string>& tags);

// Checks every text field and the tags of a ticket (check_text, check_tags),
// each under its FieldSpec::limit, in table order.
void check_texts(const Ticket& ticket);

// Checks the text an event brings into the store: its actor, its note
// (named "comment" for a comment) and, for a field change, the new value
// under the limit of that field. The old value is not checked: it is what
// was stored before.
void check_texts(const Event& event);

} // namespace sdesk::model

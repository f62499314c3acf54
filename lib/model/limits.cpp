#include "lib/model/limits.hpp"

#include "lib/model/fields.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"
#include "lib/util/utf8.hpp"

#include <fmt/format.h>

namespace sdesk::model {

std::size_t limit(Limited what)
{
  for (const Limit& row : k_limits) {
    if (row.what == what) {
      return row.max;
    }
  }
  throw Error(ErrorKind::internal, "no limit for this kind of text");
}

Limited limit_of_field(std::string_view field)
{
  const FieldSpec* spec = find_field(field);
  return spec ? spec->limit : Limited::short_text;
}

std::optional<std::string> text_problem(std::string_view text, Limited kind)
{
  const std::size_t max = limit(kind);
  if (text.size() > max) {
    return fmt::format("too long, {} bytes (accepted: at most {} bytes; see docs/limits.md)",
                       text.size(), max);
  }
  if (const auto bad = util::find_invalid_utf8(text)) {
    return fmt::format("not valid UTF-8 at byte {} (accepted: UTF-8 text)", *bad + 1);
  }
  // Valid UTF-8, but no text holds it: it would cut the text short for any
  // consumer that reads C strings.
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    return fmt::format("a NUL byte at byte {} (accepted: UTF-8 text without NUL)", nul + 1);
  }
  // A title and every short text (a name, a code, a ref) is one line: it
  // is shown in table rows, report rows, CSV cells and history lines.
  if ((kind == Limited::title || kind == Limited::short_text)
      && text.find_first_of("\r\n") != std::string_view::npos) {
    return "must be one line";
  }
  return std::nullopt;
}

std::optional<std::string> tags_problem(const std::vector<std::string>& tags)
{
  const std::size_t max = limit(Limited::tags);
  if (tags.size() > max) {
    return fmt::format("{} tags (accepted: at most {}; see docs/limits.md)", tags.size(), max);
  }
  for (const std::string& tag : tags) {
    if (auto problem = text_problem(tag, Limited::tag)) {
      return problem;
    }
  }
  return std::nullopt;
}

void check_text(std::string_view what, std::string_view text, Limited kind)
{
  if (const auto problem = text_problem(text, kind)) {
    throw Error(ErrorKind::usage, fmt::format("{}: {}", what, *problem));
  }
}

void check_tags(std::string_view what, const std::vector<std::string>& tags)
{
  if (const auto problem = tags_problem(tags)) {
    throw Error(ErrorKind::usage, fmt::format("{}: {}", what, *problem));
  }
}

void check_texts(const Ticket& t)
{
  for_each_field([&](auto i) {
    constexpr const FieldSpec& spec = k_fields[decltype(i)::value];
    const auto& value = t.*field_member<decltype(i)::value>();
    using T = std::remove_cvref_t<decltype(value)>;
    if constexpr (std::is_same_v<T, std::string>) {
      check_text(spec.name, value, spec.limit);
    } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
      if (value) {
        check_text(spec.name, *value, spec.limit);
      }
    } else if constexpr (spec.type == FieldType::tags) {
      check_tags(spec.name, value);
    }
  });
}

void check_texts(const Event& e)
{
  check_text("actor", e.actor, Limited::short_text);
  if (e.note) {
    check_text(e.action == Action::comment ? "comment" : "note", *e.note, Limited::long_text);
  }
  if (!e.field || !e.new_value) {
    return;
  }
  if (*e.field == "tags") {
    check_tags("tags", util::split_list(*e.new_value));
  } else {
    check_text(*e.field, *e.new_value, limit_of_field(*e.field));
  }
}

} // namespace sdesk::model

#include "lib/model/limits.hpp"

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
  if (field == "title") {
    return Limited::title;
  }
  if (field == "description" || field == "resolution_note") {
    return Limited::long_text;
  }
  if (field == "tags") {
    return Limited::tags;
  }
  return Limited::short_text;
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
  const auto optional = [](std::string_view what, const std::optional<std::string>& text,
                           Limited kind) {
    if (text) {
      check_text(what, *text, kind);
    }
  };
  optional("ref", t.ref, Limited::short_text);
  check_text("title", t.title, Limited::title);
  check_text("description", t.description, Limited::long_text);
  optional("category", t.category, Limited::short_text);
  optional("service", t.service, Limited::short_text);
  optional("group", t.group, Limited::short_text);
  optional("assignee", t.assignee, Limited::short_text);
  optional("requester", t.requester, Limited::short_text);
  check_tags("tags", t.tags);
  optional("resolution_code", t.resolution_code, Limited::short_text);
  optional("resolution_note", t.resolution_note, Limited::long_text);
  optional("sla_policy", t.sla_policy, Limited::short_text);
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

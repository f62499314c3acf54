#include "lib/util/edit_form.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::util {

namespace {

std::vector<std::string_view> lines_of(std::string_view text)
{
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (line.ends_with('\r')) {
      line.remove_suffix(1);
    }
    lines.push_back(line);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
  return lines;
}

bool is_comment(std::string_view line)
{
  return line.starts_with('#');
}

bool is_blank(std::string_view line)
{
  return trim(line).empty();
}

// "Name: value" with a name of letters, digits, '-' and '_' (starting with
// a letter): the name, else "".
std::string_view field_name(std::string_view line)
{
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 ||
      !((line[0] >= 'A' && line[0] <= 'Z') || (line[0] >= 'a' && line[0] <= 'z'))) {
    return {};
  }
  const std::string_view name = line.substr(0, colon);
  const bool word = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
  return word ? name : std::string_view();
}

std::string join_lines(const std::vector<std::string_view>& lines, std::size_t from, std::size_t to)
{
  while (from < to && is_blank(lines[from])) {
    ++from;
  }
  while (to > from && is_blank(lines[to - 1])) {
    --to;
  }
  std::string text;
  for (std::size_t i = from; i < to; ++i) {
    text += lines[i];
    if (i + 1 < to) {
      text += '\n';
    }
  }
  return text;
}

} // namespace

std::string render_form(const EditForm& form, std::string_view title, std::string_view text)
{
  std::string out;
  if (form.has_title) {
    out += fmt::format("{}\n\n", title);
  }
  if (!text.empty()) {
    out += fmt::format("{}\n\n", text);
  } else if (!form.has_title) {
    out += "\n\n";
  }
  for (const auto& hint : form.hints) {
    out += hint.empty() ? "#\n" : fmt::format("# {}\n", hint);
  }
  for (const auto& [name, value] : form.fields) {
    out += value.empty() ? fmt::format("{}:\n", name) : fmt::format("{}: {}\n", name, value);
  }
  return out;
}

EditedForm parse_form(std::string_view edited, const EditForm& form)
{
  std::vector<std::string_view> lines;
  for (const auto line : lines_of(edited)) {
    if (!is_comment(line)) {
      lines.push_back(line);
    }
  }
  // The trailing run of field lines.
  std::size_t first_field = lines.size();
  while (first_field > 0 && !is_blank(lines[first_field - 1]) &&
         !field_name(lines[first_field - 1]).empty()) {
    --first_field;
  }
  if (form.fields.empty()) {
    first_field = lines.size(); // nothing to set: every line is text
  }
  EditedForm result;
  std::vector<std::string> accepted;
  for (const auto& field : form.fields) {
    accepted.push_back(field.first);
  }
  for (std::size_t i = first_field; i < lines.size(); ++i) {
    const std::string_view name = field_name(lines[i]);
    const auto known = std::find_if(form.fields.begin(), form.fields.end(),
                                    [&](const FormField& f) { return to_lower(f.first) == to_lower(name); });
    if (known == form.fields.end()) {
      throw Error(ErrorKind::usage, fmt::format("{}: unknown field {} (accepted: {})", name,
                                                quote_with_suggestion(name, accepted), join(accepted, ", ")));
    }
    const std::string value(trim(lines[i].substr(name.size() + 1)));
    if (!value.empty()) {
      result.fields.emplace_back(known->first, value);
    }
  }
  std::size_t start = 0;
  if (form.has_title) {
    while (start < first_field && is_blank(lines[start])) {
      ++start;
    }
    if (start < first_field) {
      result.title = std::string(trim(lines[start]));
      ++start;
    }
  }
  result.text = join_lines(lines, start, first_field);
  return result;
}

} // namespace sdesk::util

#include "lib/model/alert_title.hpp"

#include "lib/util/error.hpp"

#include <fmt/format.h>

#include <optional>

namespace sdesk::model {

namespace {

constexpr std::string_view k_accepted =
  "{{labels.NAME}}, {{annotations.NAME}}, {{source}}, {{key}}, {{severity}}, {{summary}}";

// The value of `name` in `pairs`, or empty.
std::string value_of(const std::vector<std::pair<std::string, std::string>>& pairs, std::string_view name)
{
  for (const auto& [k, v] : pairs) {
    if (k == name) {
      return v;
    }
  }
  return {};
}

// The value of placeholder `name` (without braces, trimmed of blanks), or
// nothing when it is not a placeholder. `alert` null: only checks.
std::optional<std::string> placeholder(std::string_view name, const Alert* alert)
{
  const auto trimmed_start = name.find_first_not_of(' ');
  const auto trimmed_end = name.find_last_not_of(' ');
  if (trimmed_start == std::string_view::npos) {
    return std::nullopt;
  }
  name = name.substr(trimmed_start, trimmed_end - trimmed_start + 1);
  const auto after = [&](std::string_view prefix) -> std::optional<std::string_view> {
    if (name.size() > prefix.size() && name.substr(0, prefix.size()) == prefix) {
      return name.substr(prefix.size());
    }
    return std::nullopt;
  };
  if (const auto label = after("labels.")) {
    return alert ? value_of(alert->labels, *label) : "";
  }
  if (const auto annotation = after("annotations.")) {
    return alert ? value_of(alert->annotations, *annotation) : "";
  }
  if (name == "source") {
    return alert ? alert->source : "";
  }
  if (name == "key") {
    return alert ? alert->key : "";
  }
  if (name == "severity") {
    return alert && alert->severity ? std::string(to_string(*alert->severity)) : "";
  }
  if (name == "summary") {
    return alert && alert->summary ? *alert->summary : "";
  }
  return std::nullopt;
}

std::string render(std::string_view text, const Alert* alert)
{
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto open = text.find("{{", pos);
    if (open == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, open - pos));
    const auto close = text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      throw Error(ErrorKind::usage, fmt::format("unclosed '{{{{' in \"{}\"", text));
    }
    const std::string_view name = text.substr(open + 2, close - open - 2);
    const auto value = placeholder(name, alert);
    if (!value) {
      throw Error(ErrorKind::usage,
                  fmt::format("unknown placeholder '{{{{{}}}}}' (accepted: {})", name, k_accepted));
    }
    out += *value;
    pos = close + 2;
  }
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') {
      c = ' ';
    }
  }
  const auto first = out.find_first_not_of(' ');
  if (first == std::string::npos) {
    return {};
  }
  return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

} // namespace

void check_title_template(std::string_view text)
{
  render(text, nullptr);
}

std::string render_title(std::string_view text, const Alert& alert)
{
  return render(text, &alert);
}

} // namespace sdesk::model

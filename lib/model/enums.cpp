#include "lib/model/enums.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <charconv>
#include <span>

#include <fmt/format.h>

namespace sdesk::model {

namespace {

template<typename Enum>
Enum parse_enum(std::string_view text, std::string_view what, std::span<const Enum> values)
{
  const std::string wanted = util::to_lower(util::trim(text));
  std::vector<std::string> names;
  for (const Enum value : values) {
    if (wanted == to_string(value)) {
      return value;
    }
    names.emplace_back(to_string(value));
  }
  throw Error(ErrorKind::usage, fmt::format("{}: unknown value {} (accepted: {})", what,
                                            util::quote_with_suggestion(text, names),
                                            util::join(names, ", ")));
}

} // namespace

std::string_view to_string(Kind kind)
{
  switch (kind) {
  case Kind::incident: return "incident";
  case Kind::request: return "request";
  case Kind::change: return "change";
  case Kind::problem: return "problem";
  }
  return "?";
}

std::string_view to_string(Status status)
{
  switch (status) {
  case Status::new_: return "new";
  case Status::assigned: return "assigned";
  case Status::in_progress: return "in_progress";
  case Status::pending: return "pending";
  case Status::resolved: return "resolved";
  case Status::closed: return "closed";
  case Status::investigating: return "investigating";
  case Status::known_error: return "known_error";
  case Status::requested: return "requested";
  case Status::assessed: return "assessed";
  case Status::approved: return "approved";
  case Status::rejected: return "rejected";
  case Status::scheduled: return "scheduled";
  case Status::implementing: return "implementing";
  case Status::review: return "review";
  case Status::cancelled: return "cancelled";
  }
  return "?";
}

std::string_view to_string(Level level)
{
  switch (level) {
  case Level::high: return "high";
  case Level::medium: return "medium";
  case Level::low: return "low";
  }
  return "?";
}

Kind parse_kind(std::string_view text, std::string_view what)
{
  return parse_enum<Kind>(text, what, k_kinds);
}

Status parse_status(std::string_view text, std::string_view what)
{
  return parse_status(text, what, k_statuses);
}

Status parse_status(std::string_view text, std::string_view what, std::span<const Status> accepted)
{
  std::string normalised = util::to_lower(util::trim(text));
  for (char& c : normalised) {
    if (c == '-' || c == ' ') {
      c = '_';
    }
  }
  if (normalised == "open") {
    throw Error(ErrorKind::usage,
                fmt::format("{}: 'open' is not a status; use --open for every unresolved ticket", what));
  }
  return parse_enum<Status>(normalised, what, accepted);
}

Level parse_level(std::string_view text, std::string_view what)
{
  const auto trimmed = util::trim(text);
  if (trimmed == "1" || trimmed == "2" || trimmed == "3") {
    return static_cast<Level>(trimmed[0] - '0');
  }
  return parse_enum<Level>(trimmed, what, k_levels);
}

std::string format_priority(int priority)
{
  return fmt::format("P{}", priority);
}

int parse_priority(std::string_view text, int lowest, std::string_view what)
{
  std::string_view digits = util::trim(text);
  if (!digits.empty() && (digits.front() == 'P' || digits.front() == 'p')) {
    digits.remove_prefix(1);
  }
  int value = 0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() || value < 1
      || value > lowest) {
    throw Error(ErrorKind::usage,
                fmt::format("{}: bad value {} (accepted: P1 to P{})", what, util::quote(text), lowest));
  }
  return value;
}

} // namespace sdesk::model

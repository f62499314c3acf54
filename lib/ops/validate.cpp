#include "lib/ops/validate.hpp"

#include "lib/model/limits.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::ops {

namespace {

[[noreturn]] void unknown(std::string_view what, std::string_view noun, std::string_view value,
                          const std::vector<std::string>& accepted)
{
  throw Error(ErrorKind::usage, fmt::format("{}: unknown {} {} (accepted: {})", what, noun,
                                            util::quote_with_suggestion(value, accepted),
                                            util::join(accepted, ", ")));
}

} // namespace

const config::Group& require_group(const config::Config& config, std::string_view name,
                                   std::string_view what)
{
  if (const auto* group = config.find_group(name)) {
    return *group;
  }
  unknown(what, "group", name, config.group_names());
}

const config::Agent* require_agent(const config::Config& config, std::string_view name,
                                   std::string_view what)
{
  if (util::trim(name).empty()) {
    throw Error(ErrorKind::usage, fmt::format("{}: agent name is empty", what));
  }
  require_one_line(name, what);
  if (config.agents.empty()) {
    return nullptr;
  }
  if (const auto* agent = config.find_agent(name)) {
    return agent;
  }
  unknown(what, "agent", name, config.agent_names());
}

void require_member(const config::Agent* agent, std::string_view group, std::string_view what)
{
  if (agent == nullptr || agent->groups.empty()
      || std::find(agent->groups.begin(), agent->groups.end(), group) != agent->groups.end()) {
    return;
  }
  throw Error(ErrorKind::usage,
              fmt::format("{}: agent '{}' is not in group '{}' (their groups: {})", what,
                          agent->name, group, util::join(agent->groups, ", ")));
}

void require_listed(const std::vector<std::string>& accepted, std::string_view value,
                    std::string_view what)
{
  if (accepted.empty() || std::find(accepted.begin(), accepted.end(), value) != accepted.end()) {
    return;
  }
  unknown(what, "value", value, accepted);
}

void require_one_line(std::string_view text, std::string_view what)
{
  if (util::trim(text).empty()) {
    throw Error(ErrorKind::usage, fmt::format("{}: must not be empty", what));
  }
  if (text.find_first_of("\r\n") != std::string_view::npos) {
    throw Error(ErrorKind::usage, fmt::format("{}: must be a single line", what));
  }
}

std::optional<std::string> listed_or_none(const std::vector<std::string>& accepted, std::string_view value,
                                          std::string_view what)
{
  if (util::trim(value).empty()) {
    return std::nullopt;
  }
  require_one_line(value, what);
  require_listed(accepted, value, what);
  return std::string(value);
}

void require_ref(std::string_view ref, std::string_view what)
{
  const std::size_t longest = model::limit(model::Limited::short_text);
  const auto accepted =
    fmt::format("accepted: one line of 1 to {} bytes, such as INC0012345", longest);
  if (const auto problem = model::ref_problem(ref)) {
    throw Error(ErrorKind::usage, fmt::format("{}: {} ({})", what, *problem, accepted));
  }
  if (ref.size() > longest) {
    throw Error(ErrorKind::usage,
                fmt::format("{}: {} bytes is too long ({})", what, ref.size(), accepted));
  }
}

} // namespace sdesk::ops

#include "lib/ops/mail_identity.hpp"

#include "lib/mail/message.hpp"
#include "lib/model/limits.hpp"
#include "lib/ops/validate.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <fmt/format.h>

namespace sdesk::ops {

const config::Agent* agent_by_address(const config::Config& config, std::string_view address)
{
  for (const config::Agent& agent : config.agents) {
    if (agent.email && mail::same_address(*agent.email, address)) {
      return &agent;
    }
  }
  return nullptr;
}

std::string mail_identity(const config::Config& config, std::string_view address)
{
  if (const config::Agent* agent = agent_by_address(config, address)) {
    return agent->name;
  }
  return util::to_lower(util::trim(address));
}

std::string normalise_watcher(const config::Config& config, std::string_view who, std::string_view what)
{
  const std::string text(util::trim(who));
  if (text.empty()) {
    throw Error(ErrorKind::usage, fmt::format("{}: must not be empty (accepted: an agent's name or an "
                                              "email address)",
                                              what));
  }
  require_one_line(text, what);
  if (text.size() > model::limit(model::Limited::short_text)) {
    throw Error(ErrorKind::usage, fmt::format("{}: too long, {} bytes (accepted: at most {} bytes)", what,
                                              text.size(), model::limit(model::Limited::short_text)));
  }
  if (text.find('@') != std::string::npos) {
    if (text.find_first_of(" \t<>,;") != std::string::npos || text.front() == '@' || text.back() == '@') {
      throw Error(ErrorKind::usage, fmt::format("{}: not an email address: {} (accepted: an agent's name "
                                                "or an address such as ann@example.org)",
                                                what, util::quote(text)));
    }
    return mail_identity(config, text);
  }
  if (!config.agents.empty() && config.find_agent(text) == nullptr) {
    throw Error(ErrorKind::usage, fmt::format("{}: unknown agent {} (accepted: an agent's name or an "
                                              "email address)",
                                              what, util::quote_with_suggestion(text, config.agent_names())));
  }
  return text;
}

bool may_write(const config::Config& config, const model::Ticket& ticket,
               const std::vector<std::string>& watchers, std::string_view address)
{
  if (agent_by_address(config, address) != nullptr) {
    return true;
  }
  const std::string identity = mail_identity(config, address);
  const auto matches = [&](const std::string& who) {
    if (who == identity || mail::same_address(who, address)) {
      return true;
    }
    const config::Agent* agent = config.find_agent(who);
    return agent != nullptr && agent->email && mail::same_address(*agent->email, address);
  };
  if (ticket.requester && matches(*ticket.requester)) {
    return true;
  }
  for (const std::string& w : watchers) {
    if (matches(w)) {
      return true;
    }
  }
  return false;
}

} // namespace sdesk::ops

#include "lib/ops/mail_template.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace sdesk::ops {

namespace {

struct Builtin {
  std::string_view event;
  std::string_view text;
};

// The texts sdesk ships (docs/sdesk-mail.md shows them). Plain and short:
// what happened, what the reader can do, and how a reply comes back.
constexpr Builtin k_builtins[] = {
  {"open", R"(Subject: {title}

Hello,

your request has been recorded as ticket {tag}:

  {title}

Group: {group}    Priority: {priority}    Status: {status}

To add to it, reply to this message and keep {tag} in the subject.

-- 
{desk}
)"},
  {"comment", R"(Subject: {title}

{actor} wrote on ticket {tag}:

{note}

To answer, reply to this message and keep {tag} in the subject.

-- 
{desk}
)"},
  {"assign", R"(Subject: {title} (assigned to {assignee})

Ticket {tag} is now assigned to {assignee} (group {group}), by {actor}.

  {title}

Priority: {priority}    Status: {status}    Requester: {requester}

-- 
{desk}
)"},
  {"resolve", R"(Subject: {title} (resolved)

Ticket {tag} has been resolved by {actor}:

{note}

If this does not solve it, reply to this message within {reopen_within} and
the ticket is reopened; a later reply opens a new ticket.

-- 
{desk}
)"},
  {"escalate", R"(Subject: {title} (escalated)

Ticket {tag} has been escalated by {actor}: {note}

  {title}

Group: {group}    Assignee: {assignee}    Priority: {priority}    Status: {status}

-- 
{desk}
)"},
  {"sla_warning", R"(Subject: {title} (SLA warning: {percent}% of the {target} target)

Ticket {tag} has used {percent}% of its {target} target.

  {title}

Group: {group}    Assignee: {assignee}    Priority: {priority}    Status: {status}

-- 
{desk}
)"},
  {"sla_breach", R"(Subject: {title} (SLA breached: {target} target)

Ticket {tag} has missed its {target} target ({percent}% used).

  {title}

Group: {group}    Assignee: {assignee}    Priority: {priority}    Status: {status}

-- 
{desk}
)"},
  {"change", R"(Subject: {title} ({action})

Ticket {tag}: {action} by {actor}.

{note}

Status: {status}    Group: {group}    Assignee: {assignee}

-- 
{desk}
)"},
};

std::string known_placeholders()
{
  std::vector<std::string> names;
  for (const std::string_view p : k_template_placeholders) {
    names.emplace_back(p);
  }
  return util::join(names, ", ");
}

} // namespace

std::string_view builtin_template(std::string_view event)
{
  for (const Builtin& b : k_builtins) {
    if (b.event == event) {
      return b.text;
    }
  }
  throw Error(ErrorKind::internal, fmt::format("no built-in mail template for event '{}'", event));
}

std::string load_template(const std::optional<std::string>& dir, std::string_view event)
{
  if (dir) {
    const std::string path = fmt::format("{}/{}.txt", *dir, event);
    std::ifstream in(path, std::ios::binary);
    if (in) {
      std::ostringstream text;
      text << in.rdbuf();
      if (in.bad()) {
        throw Error(ErrorKind::config, fmt::format("mail.templates: cannot read {}", util::quote(path)));
      }
      return text.str();
    }
  }
  return std::string(builtin_template(event));
}

namespace {

// `text` with its placeholders replaced (see render_template).
std::string substitute(std::string_view name, std::string_view text,
                       const std::map<std::string, std::string, std::less<>>& values)
{
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      out += c;
      ++i;
      continue;
    }
    if (c == '}') {
      throw Error(ErrorKind::config,
                  fmt::format("mail template {}: a '}}' without its '{{' (write '}}}}' for a brace)", name));
    }
    if (c != '{') {
      out += c;
      continue;
    }
    const auto close = text.find('}', i + 1);
    if (close == std::string_view::npos) {
      throw Error(ErrorKind::config,
                  fmt::format("mail template {}: a '{{' without its '}}' (write '{{{{' for a brace)", name));
    }
    const std::string_view key = text.substr(i + 1, close - i - 1);
    if (std::find(std::begin(k_template_placeholders), std::end(k_template_placeholders), key)
        == std::end(k_template_placeholders)) {
      throw Error(ErrorKind::config, fmt::format("mail template {}: unknown placeholder {{{}}} (accepted: {})", name,
                                                 util::sanitize_for_terminal(key), known_placeholders()));
    }
    const auto value = values.find(key);
    out += value != values.end() && !value->second.empty() ? value->second : "-";
    i = close;
  }
  return out;
}

} // namespace

RenderedMail render_template(std::string_view name, std::string_view text,
                             const std::map<std::string, std::string, std::less<>>& values)
{
  // Split before substituting: a value with a line break stays in its part.
  constexpr std::string_view k_subject = "Subject:";
  const auto line_end = text.find('\n');
  if (!text.starts_with(k_subject) || line_end == std::string_view::npos || text.substr(line_end, 2) != "\n\n") {
    throw Error(ErrorKind::config,
                fmt::format("mail template {}: expected a first line \"Subject: ...\" and then a blank line", name));
  }
  RenderedMail mail;
  mail.subject = std::string(util::trim(substitute(name, text.substr(k_subject.size(), line_end - k_subject.size()), values)));
  mail.body = substitute(name, text.substr(line_end + 2), values);
  return mail;
}

} // namespace sdesk::ops

#pragma once

// The texts of notifications (docs/sdesk-mail.md, "Templates"): one per
// notification event, built into sdesk, each replaceable by a file
// EVENT.txt in mail.templates. A template is a "Subject: ..." line, a
// blank line and the body; {name} is replaced by a placeholder's value,
// {{ and }} stand for braces.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::ops {

// The placeholders a template may use, in the order docs/sdesk-mail.md
// lists them.
inline constexpr std::string_view k_template_placeholders[] = {
  "id",     "tag",    "title", "status", "priority", "group",         "assignee", "requester",
  "actor",  "action", "note",  "desk",   "reopen_within", "percent", "target",
};

// A rendered notification.
struct RenderedMail {
  std::string subject;
  std::string body;
};

// The built-in template of notification event `event` ("open",
// "comment", ...: config::k_notify_events). Throws Error(internal) for
// another name.
std::string_view builtin_template(std::string_view event);

// The template of `event`: `dir`/EVENT.txt when `dir` is set and the file
// exists, else the built-in one. Throws Error(config) when the file exists
// but cannot be read.
std::string load_template(const std::optional<std::string>& dir, std::string_view event);

// `text` (a template named `name` in messages) with its placeholders
// replaced by `values` (absent ones by "-"). Throws Error(config) naming
// the template for an unknown placeholder, an unclosed brace, or a first
// line that is not "Subject: ..." followed by a blank line.
RenderedMail render_template(std::string_view name, std::string_view text,
                             const std::map<std::string, std::string, std::less<>>& values);

} // namespace sdesk::ops

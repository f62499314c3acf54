// Reads [hooks]: a directory of hooks of the site's own (next to the
// system's and the user's hooks/ directories) and how long a hook may run.
// docs/config.md and docs/hooks.md document the keys.

#include "lib/config/sections.hpp"
#include "lib/util/duration.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

namespace sdesk::config::detail {

namespace {

using Type = Value::Type;

// The longest timeout a hook may be given.
constexpr std::chrono::seconds k_max_hook_timeout{3600};

} // namespace

void read_hooks(const Value& section, Config& config)
{
  check_keys(expect(section, Type::table, "a table"), {"dir", "timeout"});
  if (const Value* dir = section.find("dir")) {
    config.hooks.dir = read_string(*dir);
  }
  if (const Value* timeout = section.find("timeout")) {
    const std::string& text = expect(*timeout, Type::string, "a duration such as \"10s\"").text;
    std::chrono::seconds duration{};
    try {
      duration = util::parse_duration(text, timeout->path);
    } catch (const Error& e) {
      throw Error(ErrorKind::config, fmt::format("{}: {}", timeout->origin, e.what()));
    }
    if (duration < std::chrono::seconds{1} || duration > k_max_hook_timeout) {
      throw error_at(*timeout, fmt::format("expected from 1s to 1h, got {}", describe(*timeout)));
    }
    config.hooks.timeout = duration;
  }
}

} // namespace sdesk::config::detail

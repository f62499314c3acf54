#include "cmd/command.hpp"

#include "lib/io/input.hpp"
#include "lib/model/limits.hpp"
#include "lib/ops/actor.hpp"
#include "lib/ops/mail_out.hpp"
#include "lib/store/open.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <pwd.h>
#include <unistd.h>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

std::optional<std::string> env_var(const char* name)
{
  const char* value = std::getenv(name);
  return value && *value ? std::optional<std::string>{value} : std::nullopt;
}

// $XDG_<kind>_HOME, else $HOME/<fallback>.
std::string xdg_dir(const char* variable, std::string_view fallback)
{
  if (auto dir = env_var(variable)) {
    return *dir;
  }
  return fmt::format("{}/{}", env_var("HOME").value_or("."), fallback);
}

// The hooks directories: hooks/ next to the system and the user config
// files, then hooks.dir.
std::vector<std::string> find_hook_dirs(const config::Sources& sources, const config::Config& config)
{
  std::vector<std::string> dirs;
  for (const auto& file : {sources.system_file, sources.user_file}) {
    if (file) {
      dirs.push_back(std::filesystem::path(*file).parent_path().append("hooks").string());
    }
  }
  if (config.hooks.dir) {
    dirs.push_back(*config.hooks.dir);
  }
  return dirs;
}

// Whether hooks are off: --no-hooks, or SDESK_NO_HOOKS set (not "0").
bool hooks_off(const GlobalOptions& options)
{
  const auto variable = env_var("SDESK_NO_HOOKS");
  return options.no_hooks || (variable && *variable != "0");
}

config::Sources config_sources(const GlobalOptions& options)
{
  config::Sources sources;
  sources.system_file = env_var("SDESK_SYSTEM_CONFIG").value_or("/etc/sdesk/config.toml");
  sources.user_file = xdg_dir("XDG_CONFIG_HOME", ".config") + "/sdesk/config.toml";
  sources.explicit_file = options.config ? options.config : env_var("SDESK_CONFIG");
  return sources;
}

// The login name: $USER or $LOGNAME as the login shell set them, else the
// password database (which may ask nscd or LDAP: slow, so only as a fallback).
std::string login_name()
{
  if (auto user = env_var("USER")) {
    return *user;
  }
  if (auto logname = env_var("LOGNAME")) {
    return *logname;
  }
  if (const passwd* entry = getpwuid(geteuid()); entry && entry->pw_name) {
    return entry->pw_name;
  }
  return "unknown";
}

} // namespace

Env::Env(const GlobalOptions& options, Output& out, Needs needs, store::ChangeJournal& journal)
  : Env(options, config_sources(options), out, needs, journal)
{
}

Env::Env(const GlobalOptions& options, const config::Sources& sources, Output& out, Needs needs,
         store::ChangeJournal& journal)
  : m_config(config::load(sources)),
    m_out(out),
    m_journal(&journal)
{
  if (options.now) {
    m_now = util::parse_time(*options.now, "--now");
  } else if (const auto fixed = env_var("SDESK_NOW")) {
    m_now = util::parse_time(*fixed, "SDESK_NOW");
  } else {
    m_now = util::now();
    m_clock = true;
  }
  const auto named = options.as ? options.as : env_var("SDESK_USER");
  const std::string_view named_by = options.as ? "--as" : "SDESK_USER";
  set_actor(ops::choose_actor(named, named_by, login_name(), std::nullopt));

  const auto chosen = options.db ? options.db : env_var("SDESK_DB");
  const auto configured = chosen ? chosen : m_config.store_path;
  m_store_path = configured.value_or(xdg_dir("XDG_DATA_HOME", ".local/share") + "/sdesk/desk.db");
  m_hook_dirs = find_hook_dirs(sources, m_config);
  if (needs != Needs::store) {
    return;
  }
  // Only the default location is created on first use: a store named
  // explicitly must exist, so a typo in a path cannot scatter tickets.
  if (!configured && !std::filesystem::exists(m_store_path)) {
    store::init_store(m_store_path, {false, std::nullopt, m_config.busy_timeout});
  }
  m_backend = store::open_store(m_store_path, m_config.busy_timeout);
  m_backend->tickets().note_changes_in(journal);
  // A store with logins of its own says who acts (docs/postgresql.md).
  if (auto role = m_backend->connected_role()) {
    set_actor(ops::choose_actor(named, named_by, login_name(), role));
  }
  // A hook's sdesk must not wait for the write lock its own command holds.
  if (const auto guarded = env_var(hooks::k_store_variable)) {
    std::error_code ec;
    if (std::filesystem::equivalent(*guarded, m_store_path, ec)) {
      m_backend->tickets().refuse_writes(
        fmt::format("store '{}': a hook cannot write the store it runs for ({} is set; "
                    "the command that runs the hook holds the store)",
                    m_store_path, hooks::k_store_variable));
    }
  }
  if (!hooks_off(options)) { // cheap: nothing is looked for until a write
    m_hooks = std::make_unique<hooks::Runner>(hooks::Settings{m_hook_dirs, m_config.hooks.timeout, m_store_path});
  }
}

void Env::set_actor(ops::Actor actor)
{
  m_actor = std::move(actor.name);
  m_actor_named = std::move(actor.fixed);
}

void Env::after_run() noexcept
{
  if (m_hooks) {
    try {
      ops::Context ctx = context();
      m_hooks->deliver_queued(ctx);
    } catch (...) { // left pending: `sdesk tick` delivers it
    }
  }
  if (m_backend && m_config.mail.deliver_at_commit && m_config.mail.address && m_journal
      && !m_journal->describe().empty()) {
    try {
      ops::Context ctx = context();
      ops::send_mail_now(ctx);
    } catch (...) { // left queued: `sdesk tick` or `mail flush` sends it
    }
  }
}

model::TicketId parse_ticket_id(std::string_view text)
{
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '#') {
    digits.remove_prefix(1);
  }
  model::TicketId id = 0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() || id <= 0) {
    throw Error(ErrorKind::usage,
                fmt::format("ticket id: bad value {} (accepted: a number such as 42)", util::quote(text)));
  }
  return id;
}

std::string read_stdin()
{
  // At most one byte more than the longest text sdesk stores: the store's
  // check then refuses it as too long, without reading (say) a gigabyte.
  return io::Input::open("-").read_rest(model::limit(model::Limited::long_text) + 1);
}

} // namespace sdesk::cmd

#pragma once

// Adding a command — every touchpoint:
//   1. cmd/<verb>.cpp with `void register_<verb>(CLI::App&, Invocation&)`;
//      names in its anonymous namespace must be unique across cmd/ (the
//      folder is compiled as one unity translation unit to keep CLI11 cheap).
//      Register optional options with add_optional (cmd/optional_option.hpp):
//      a run then pays only for the options it names.
//   2. A row in k_commands (cmd/main.cpp).
//   3. The use case in lib/ops (one transaction, no printing). A change to
//      tickets goes through the write path: change_ticket/apply_change
//      (lib/ops/change.hpp) for one ticket's fields, else a ChangeSet to
//      write_changes (lib/ops/write.hpp); never store insert/update/append.
//      A new action name: decide in model::is_notifiable (lib/model/outbox.cpp)
//      whether it is queued in the outbox, and list it in docs/sdesk-outbox.md.
//   4. docs/sdesk-<verb>.md, with the synopsis and every option of --help
//      (it is also the man page sdesk-<verb>(1): docs/CMakeLists.txt).
//   5. Completion: nothing to add to completions/*, which ask
//      `sdesk __complete` (cmd/complete.hpp). Give a value option a type
//      name it knows (GROUP, AGENT, KIND, LEVEL, STATUS, P, CODE, FILE,
//      PATH, TYPE), name a ticket-id positional "id", or tag the option
//      with offer(option, Values::...) / offer(option, {"a", "b"}).
//   6. tests/cli/<verb>.sh: output, --json, exit codes, store unchanged on error.

#include "cmd/output.hpp"
#include "lib/config/config.hpp"
#include "lib/hooks/runner.hpp"
#include "lib/ops/actor.hpp"
#include "lib/ops/context.hpp"
#include "lib/store/backend.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace sdesk::cmd {

// Options every command accepts (before or after the command name).
struct GlobalOptions {
  std::optional<std::string> db;     // --db PATH
  std::optional<std::string> config; // --config FILE
  std::optional<std::string> as;     // --as NAME
  std::optional<std::string> now;    // --now TIME
  std::string color = "auto";        // --color auto|always|never
  bool no_hooks = false;             // --no-hooks (or SDESK_NO_HOOKS=1)
};

// How much set-up a command needs before it runs; main does no more.
enum class Needs {
  config, // configuration only
  store,  // configuration and an open store
};

// What a command needs at run time. Built by main for the chosen command.
class Env {
public:
  // Changes committed to the store are noted in `journal` (which outlives
  // the Env, so that main can say what committed when the output fails).
  Env(const GlobalOptions& options, Output& out, Needs needs, store::ChangeJournal& journal);
  // The same, with the configuration files named (tests).
  Env(const GlobalOptions& options, const config::Sources& sources, Output& out, Needs needs,
      store::ChangeJournal& journal);

  const config::Config& config() const { return m_config; }
  // The open store's backend, and its ticket store (Needs::store only).
  store::Backend& backend() { return *m_backend; }
  store::TicketStore& store() { return m_backend->tickets(); }
  Output& out() { return m_out; }
  util::Time now() const { return m_now; }
  const std::string& actor() const { return m_actor; }
  // Whether the actor is fixed: --as or SDESK_USER named it, or the store's
  // connected role is the actor (else it is a default `tick` may replace).
  // Asks the store when the role's rights decide it (tick alone asks).
  bool actor_named() const { return m_actor_named(); }
  // The store path in effect and whether it is the default location.
  const std::string& store_path() const { return m_store_path; }

  // The use-case context: store, config, now, actor, hooks.
  ops::Context context() { return {store(), m_config, m_now, m_actor, *m_backend, m_hooks.get(), m_clock}; }

  // The hooks directories, in the order they are searched: the system's
  // (next to the system config file), the user's, then hooks.dir.
  const std::vector<std::string>& hook_dirs() const { return m_hook_dirs; }
  // The hooks of this command (Needs::store), or null when they are off.
  hooks::Runner* hooks() { return m_hooks.get(); }
  // After the command: delivers the post-commit hooks of what it queued
  // (failures are left for `sdesk tick`), and with mail.deliver =
  // "commit", when the command committed a change, sends the mail that is
  // due (ops::send_mail_now). Never throws.
  void after_run() noexcept;

private:
  void set_actor(ops::Actor actor);

  config::Config m_config;
  std::unique_ptr<store::Backend> m_backend;
  Output& m_out;
  util::Time m_now;
  bool m_clock = false; // m_now is the clock's (no --now, no SDESK_NOW)
  std::string m_actor;
  std::function<bool()> m_actor_named;
  std::string m_store_path;
  std::vector<std::string> m_hook_dirs;
  std::unique_ptr<hooks::Runner> m_hooks;
  const store::ChangeJournal* m_journal = nullptr; // what committed (after_run's mail)
};

// Filled by a command's parse callback: what to run and what it needs.
struct Invocation {
  std::function<int(Env&)> run;
  Needs needs = Needs::store;
  // The exit code for a store that stayed busy (StoreBusy), when not
  // the usual 5 (`sdesk event`: 75, so that the sender retries).
  std::optional<int> busy_exit;
  // The exit code for any store error while opening the store (unreachable,
  // damaged), when not the usual 5 (`mail receive`: 75, so that the MTA
  // keeps the message and retries).
  std::optional<int> store_error_exit;
  // Set before registering: the command may leave out the options that
  // the command line does not name (wants(), cmd/optional_option.hpp).
  // main parses again with every option when a lean parse fails or asks
  // for help.
  bool lean = false;
  // The words of the command line after the program name (set with lean).
  std::vector<std::string_view> words;

  // Whether a command registers the optional option `names` ("-c,--category"):
  // always, except in a lean parse whose words do not name it (as a word,
  // as --name=VALUE, or as a letter of a cluster of short options). A
  // required option or a positional must not be left out this way: a lean
  // parse that lacks them could succeed where the whole interface fails.
  bool wants(std::string_view names) const;
};

using Register = void (*)(CLI::App& app, Invocation& invocation);

// Parses a ticket id ("42" or "#42"); throws Error(usage) otherwise.
model::TicketId parse_ticket_id(std::string_view text);

// Reads standard input (for "-d -"); throws Error(io) on failure. Stops one
// byte past the long-text limit (model/limits.hpp), so that a longer input
// is refused as too long without being read to its end.
std::string read_stdin();

} // namespace sdesk::cmd

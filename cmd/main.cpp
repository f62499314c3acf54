// sdesk: a command-line IT service desk. main() is a table of commands and
// the one place where errors become messages and exit codes.

#include "cmd/command.hpp"
#include "cmd/complete.hpp"
#include "cmd/exit_code.hpp"
#include "lib/util/strings.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <fcntl.h>
#include <memory>
#include <string_view>
#include <unistd.h>
#include <vector>

#include <fmt/format.h>

namespace sdesk::cmd {

void register_init(CLI::App&, Invocation&);
void register_open(CLI::App&, Invocation&);
void register_show(CLI::App&, Invocation&);
void register_list(CLI::App&, Invocation&);
void register_log(CLI::App&, Invocation&);
void register_assign(CLI::App&, Invocation&);
void register_start(CLI::App&, Invocation&);
void register_comment(CLI::App&, Invocation&);
void register_pending(CLI::App&, Invocation&);
void register_escalate(CLI::App&, Invocation&);
void register_sla(CLI::App&, Invocation&);
void register_resolve(CLI::App&, Invocation&);
void register_close(CLI::App&, Invocation&);
void register_reopen(CLI::App&, Invocation&);
void register_update(CLI::App&, Invocation&);
void register_config(CLI::App&, Invocation&);
void register_report(CLI::App&, Invocation&);
void register_import(CLI::App&, Invocation&);
void register_export(CLI::App&, Invocation&);
void register_verify(CLI::App&, Invocation&);
void register_outbox(CLI::App&, Invocation&);
void register_link(CLI::App&, Invocation&);
void register_unlink(CLI::App&, Invocation&);
void register_problem(CLI::App&, Invocation&);
void register_change(CLI::App&, Invocation&);
void register_event(CLI::App&, Invocation&);
void register_recurring(CLI::App&, Invocation&);
void register_tick(CLI::App&, Invocation&);
void register_hook(CLI::App&, Invocation&);
void register_mail(CLI::App&, Invocation&);
void register_watch(CLI::App&, Invocation&);
void register_unwatch(CLI::App&, Invocation&);
void register_attach(CLI::App&, Invocation&);
void register_attachment(CLI::App&, Invocation&);
void register_store(CLI::App&, Invocation&);
void register_announce(CLI::App&, Invocation&);
void register_subscribe(CLI::App&, Invocation&);
void register_unsubscribe(CLI::App&, Invocation&);

namespace {

// Every command, in the order `sdesk --help` lists them. The name must be
// the one its register function gives the subcommand (checked whenever all
// are registered, e.g. by `sdesk --help`).
struct Command {
  std::string_view name;
  Register add;
};
constexpr std::array<Command, 38> k_commands{{
  {"init", register_init},         {"open", register_open},         {"show", register_show},
  {"list", register_list},         {"log", register_log},           {"assign", register_assign},
  {"start", register_start},       {"comment", register_comment},   {"pending", register_pending},
  {"escalate", register_escalate}, {"sla", register_sla},           {"resolve", register_resolve},
  {"close", register_close},       {"reopen", register_reopen},     {"update", register_update},
  {"config", register_config},     {"report", register_report},     {"import", register_import},
  {"export", register_export},     {"verify", register_verify},     {"outbox", register_outbox},
  {"link", register_link},         {"unlink", register_unlink},     {"problem", register_problem},
  {"change", register_change},     {"event", register_event},       {"hook", register_hook},
  {"recurring", register_recurring}, {"tick", register_tick},
  {"mail", register_mail},         {"watch", register_watch},       {"unwatch", register_unwatch},
  {"attach", register_attach},     {"attachment", register_attachment},
  {"store", register_store},
  {"announce", register_announce}, {"subscribe", register_subscribe}, {"unsubscribe", register_unsubscribe},
}};

// The command named on the command line when nothing but global options and
// their values come before it; else null (help, version, a typo, no command).
// Building CLI11 options for all 19 commands costs more than half of a
// write command's own CPU time, so main builds only the one that will run.
// Which global options take a value is asked of `app`, where they are
// defined.
const Command* chosen_command(const CLI::App& app, int argc, char** argv)
{
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (word.starts_with('-')) {
      const auto name = word.substr(0, word.find('='));
      const CLI::Option* option = app.get_option_no_throw(std::string(name));
      if (option == nullptr || option == app.get_help_ptr() || option == app.get_version_ptr()) {
        return nullptr; // --help, --version or not a global option
      }
      if (option->get_items_expected_min() == 0) {
        continue; // a flag (--no-hooks): takes no value
      }
      if (name.size() == word.size()) {
        ++i; // the value is the next word
      }
      continue;
    }
    for (const auto& command : k_commands) {
      if (word == command.name) {
        return &command;
      }
    }
    return nullptr;
  }
  return nullptr;
}

void add_commands(CLI::App& app, Invocation& invocation, const Command* chosen)
{
  if (chosen) {
    chosen->add(app, invocation);
    return;
  }
  for (const auto& command : k_commands) {
    command.add(app, invocation);
    if (app.get_subcommands({}).back()->get_name() != command.name) {
      throw std::logic_error(fmt::format("k_commands names '{}' for the command registered as '{}'",
                                         command.name,
                                         app.get_subcommands({}).back()->get_name()));
    }
  }
}

void add_global_options(CLI::App& app, GlobalOptions& options)
{
  app.add_option("--db", options.db, "Store file or postgresql:// URI (else $SDESK_DB, store.path, default location)")
    ->type_name("PATH")
    ->take_last();
  app.add_option("--config", options.config, "Extra config file, read last (else $SDESK_CONFIG)")
    ->type_name("FILE")
    ->take_last();
  app.add_option("--as", options.as, "Act as this user (else $SDESK_USER, else login name)")
    ->type_name("NAME")
    ->take_last();
  app.add_option("--now", options.now, "Behave as if run at this ISO 8601 time (else $SDESK_NOW)")
    ->type_name("TIME")
    ->take_last();
  app.add_option("--color", options.color, "Colour output: auto, always, never")
    ->check(CLI::IsMember({"auto", "always", "never"}))
    ->type_name("WHEN");
  app.add_flag("--no-hooks", options.no_hooks, "Run no hooks (else $SDESK_NO_HOOKS=1)");
}

// Makes sure descriptors 0, 1 and 2 are open before anything opens a file:
// a file opened in the place of a closed one (the store, say) would be read
// as standard input or overwritten as standard output. A closed one gets
// /dev/null opened the wrong way round, so that reading standard input or
// writing standard output still fails as it would have (EBADF) and is
// reported, instead of reading nothing.
void fill_closed_std_descriptors()
{
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) {
      continue;
    }
    const int opened = ::open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
    if (opened > 2) { // cannot happen: the lowest free descriptor is fd
      ::close(opened);
    }
  }
}

void print_error(std::string_view text)
{
  // Messages quote user input: nothing in them may act on the terminal.
  const std::string message = util::sanitize_for_terminal(text);
  // stdio, not fmt::print: reporting must not throw if stderr is gone too.
  std::fflush(stdout);
  std::fprintf(stderr, "sdesk: error: %.*s\n", static_cast<int>(message.size()), message.data());
}

// Flushes stdout and reports the command's outcome in one line on stderr:
// `error` (what the command threw, if anything), or a failed write to stdout
// (a full disk, a closed pipe). When the command's change committed and only
// the output was lost, the line says what committed (from `journal`), so a
// script need not guess whether to retry.
int finish(int code, const std::optional<std::string>& error, const store::ChangeJournal& journal)
{
  errno = 0;
  const bool flushed = std::fflush(stdout) == 0;
  const int flush_errno = errno;
  const bool output_failed = !flushed || std::ferror(stdout);
  if (error && !(output_failed && is_stdout_failure(*error))) {
    print_error(*error);
    return code;
  }
  if (!output_failed) {
    return code;
  }
  const std::string failure = error ? *error : stdout_failure(flush_errno);
  const std::string committed = journal.describe();
  print_error(committed.empty() ? failure : fmt::format("{}, but there was a {}", committed, failure));
  return code == k_exit_ok ? k_exit_io : code;
}

// "unknown command 'x' (did you mean 'y'?); see 'sdesk --help'".
std::string unknown_command(const CLI::App& app, const std::string& word)
{
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands({})) {
    names.push_back(sub->get_name());
  }
  return fmt::format("unknown command {}; see 'sdesk --help'",
                     util::quote_with_suggestion(word, names));
}

// The command-line interface of one attempt at parsing: the app, the global
// options and what the chosen command's callback sets.
struct Parser {
  CLI::App app{"sdesk - a command-line IT service desk", "sdesk"};
  GlobalOptions options;
  Invocation invocation;

  Parser()
  {
    app.set_version_flag("--version", std::string(SDESK_VERSION));
    app.require_subcommand(1);
    app.fallthrough();
    add_global_options(app, options);
  }
};

// CLI11, like getopt, reads `-t=a,b` as the value "=a,b": `open -t=a,b`
// stored the tag "=a". Nobody means that, so a word of that form (before
// `--`) that names a short option taking a value is refused, naming the
// two forms that work. Other words of that form are left to CLI11.
void refuse_short_option_with_equals(const Command* chosen, int argc, char** argv)
{
  if (chosen == nullptr) {
    return; // no command to ask (help, a typo): CLI11 reports it
  }
  std::optional<CLI::App> app; // every option of the command, built at the first such word
  Invocation invocation;      // not lean
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (word == "--") {
      return;
    }
    if (word.size() < 3 || word[0] != '-' || std::isalpha(static_cast<unsigned char>(word[1])) == 0 ||
        word[2] != '=') {
      continue;
    }
    if (!app) {
      chosen->add(app.emplace(), invocation);
    }
    const std::string_view name = word.substr(0, 2);
    const CLI::Option* option = app->get_subcommands({}).front()->get_option_no_throw(std::string(name));
    if (option == nullptr || option->get_items_expected_min() == 0) {
      continue; // not an option of the command, or a flag: CLI11 reports it
    }
    const std::string_view value = word.substr(3);
    std::string accepted = fmt::format("'{} {}'", name, value);
    if (!option->get_lnames().empty()) {
      accepted += fmt::format(" or '--{}={}'", option->get_lnames().front(), value);
    }
    throw Error(ErrorKind::usage,
                fmt::format("{}: a short option's value follows a space, not '=' (accepted: {})", word, accepted));
  }
}

// Parses the command line into `parser`, which gets the chosen command
// (or every command). First lean: without the optional options that the
// command line does not name (Invocation::wants): each option costs about
// 15,000 instructions to register, so a run is spared those it does not
// use. Any parse error or --help means parsing again with all options,
// so that messages, help and results are those of the whole interface
// (a lean parse that succeeds named no option it lacks: CLI11 tells
// options from values by their form, not by their names).
void parse(std::unique_ptr<Parser>& parser, int argc, char** argv)
{
  const Command* chosen = chosen_command(parser->app, argc, argv);
  refuse_short_option_with_equals(chosen, argc, argv);
  parser->invocation.lean = chosen != nullptr;
  parser->invocation.words.assign(argv + 1, argv + argc);
  add_commands(parser->app, parser->invocation, chosen);
  try {
    parser->app.parse(argc, argv);
    return;
  } catch (const CLI::ParseError&) {
    if (!parser->invocation.lean) {
      throw;
    }
  }
  parser = std::make_unique<Parser>();
  add_commands(parser->app, parser->invocation, chosen);
  parser->app.parse(argc, argv);
}

// "event show " for `sdesk event show ...`: the commands given, down to the
// deepest one CLI11 parsed (empty when none was), for the help hint of a
// usage error.
std::string command_path(const CLI::App* command)
{
  std::string path;
  for (; command != nullptr;
       command = command->get_subcommands().empty() ? nullptr : command->get_subcommands().front()) {
    path += command->get_name() + " ";
  }
  return path;
}

int run(int argc, char** argv, store::ChangeJournal& journal)
{
  auto parser = std::make_unique<Parser>();
  // The hidden `sdesk __complete [--] WORD...` (docs/completion.md).
  if (argc >= 2 && std::string_view(argv[1]) == "__complete") {
    const int first = argc >= 3 && std::string_view(argv[2]) == "--" ? 3 : 2;
    const std::vector<std::string> words(argv + first, argv + argc);
    // Only the command named before the word being completed, if any (as
    // below: registering every command costs about 1 ms).
    std::vector<char*> before{argv[0]};
    before.insert(before.end(), argv + first, argv + std::max(first, argc - 1));
    CLI::App& app = parser->app;
    add_commands(app, parser->invocation,
                 chosen_command(app, static_cast<int>(before.size()), before.data()));
    return complete(app, words);
  }
  try {
    parse(parser, argc, argv);
  } catch (const CLI::ParseError& e) {
    const CLI::App& app = parser->app;
    if (e.get_exit_code() == 0) {
      return app.exit(e); // --help, --version
    }
    const auto* chosen = app.get_subcommands().empty() ? nullptr : app.get_subcommands().front();
    if (!chosen && !app.remaining().empty()) {
      print_error(unknown_command(app, app.remaining().front()));
    } else {
      print_error(fmt::format("{} (see 'sdesk {}--help')", e.what(), command_path(chosen)));
    }
    return k_exit_usage;
  }
  const GlobalOptions& options = parser->options;
  const Invocation& invocation = parser->invocation;
  Output out(options.color, isatty(STDOUT_FILENO) == 1);
  try {
    Env env(options, out, invocation.needs, journal);
    const int code = invocation.run(env);
    env.after_run(); // post-commit hooks of what the command queued
    return code;
  } catch (const StoreBusy& e) {
    if (invocation.busy_exit) {
      throw ExitError(e, *invocation.busy_exit);
    }
    throw;
  } catch (const ExitError&) {
    throw;
  } catch (const Error& e) {
    if (invocation.store_error_exit && e.kind() == ErrorKind::store) {
      throw ExitError(e, *invocation.store_error_exit);
    }
    throw;
  }
}

} // namespace

} // namespace sdesk::cmd

int main(int argc, char** argv)
{
  using namespace sdesk::cmd;
  fill_closed_std_descriptors();
  sdesk::store::ChangeJournal journal;
  int code = k_exit_ok;
  std::optional<std::string> error;
  try {
    code = run(argc, argv, journal);
  } catch (const ExitError& e) {
    code = e.code();
    error = e.what();
  } catch (const sdesk::Error& e) {
    code = exit_code(e.kind());
    error = e.what();
  } catch (const std::exception& e) {
    code = k_exit_internal;
    error = fmt::format("internal error: {}", e.what());
  }
  return finish(code, error, journal);
}

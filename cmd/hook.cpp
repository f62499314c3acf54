// sdesk hook: the installed hooks (list), a dry run of one event's hooks on
// a ticket (test), and the delivery of due post-commit hooks (deliver).

#include "cmd/command.hpp"
#include "cmd/complete.hpp"
#include "lib/hooks/discover.hpp"
#include "lib/util/error.hpp"
#include "lib/util/json_writer.hpp"
#include "lib/util/strings.hpp"
#include "lib/util/text_table.hpp"

#include <CLI/CLI.hpp>

namespace sdesk::cmd {

namespace {

struct HookOptions {
  bool json = false;
  std::string event;
  std::string id;
  std::int64_t limit = 1000;
};

int run_hook_list(Env& env, const HookOptions& o)
{
  const hooks::Found found = hooks::discover(env.hook_dirs());
  Output& out = env.out();
  if (o.json) {
    util::JsonWriter json;
    json.begin_object().key("dirs").value(env.hook_dirs());
    json.key("hooks").begin_array();
    for (const hooks::Hook& h : found.hooks) {
      json.begin_object().key("event").value(h.event).key("name").value(h.name).key("path").value(h.path);
      json.end_object();
    }
    json.end_array().key("ignored").begin_array();
    for (const hooks::Ignored& i : found.ignored) {
      json.begin_object().key("path").value(i.path).key("reason").value(i.reason).end_object();
    }
    json.end_array().end_object();
    out.write(json.str() + "\n");
    return 0;
  }
  if (!found.hooks.empty()) {
    util::TextTable table({"EVENT", "NAME", "PATH"});
    for (const hooks::Hook& h : found.hooks) {
      table.add_row({h.event, safe(h.name), safe(h.path)});
    }
    out.write(table.render());
  }
  if (!found.ignored.empty()) {
    out.write("ignored:\n");
    for (const hooks::Ignored& i : found.ignored) {
      out.write(fmt::format("  {}: {}\n", safe(i.path), safe(i.reason)));
    }
  }
  return 0;
}

int run_hook_test(Env& env, const HookOptions& o)
{
  const model::TicketId id = parse_ticket_id(o.id);
  hooks::Runner* runner = env.hooks();
  if (runner == nullptr) {
    throw Error(ErrorKind::usage, "hook test: hooks are off (--no-hooks or SDESK_NO_HOOKS)");
  }
  ops::Context ctx = env.context();
  const hooks::TestRun test = runner->test(ctx, o.event, id);
  Output& out = env.out();
  if (o.json) {
    util::JsonWriter json;
    json.begin_object().key("event").value(o.event).key("input").raw(test.input.substr(0, test.input.size() - 1));
    json.key("hooks").begin_array();
    for (const hooks::Answer& a : test.answers) {
      json.begin_object().key("name").value(a.hook->name).key("path").value(a.hook->path);
      json.key("exit").value(std::int64_t{a.result.exit_code}).key("timed_out").value(a.result.timed_out);
      json.key("stdout").value(a.result.out).key("stderr").value(a.result.err);
      json.key("patch").begin_object();
      for (const model::FieldChange& c : a.patch) {
        json.key(c.field).value(c.new_value);
      }
      json.end_object().key("patch_error").value(a.patch_error).end_object();
    }
    json.end_array().end_object();
    out.write(json.str() + "\n");
    return 0;
  }
  out.write(fmt::format("input: {}", safe(test.input)));
  if (test.answers.empty()) {
    out.write(fmt::format("no {} hooks\n", o.event));
  }
  for (const hooks::Answer& a : test.answers) {
    const std::string status = a.result.timed_out ? "timed out" : fmt::format("exit {}", a.result.exit_code);
    out.write(fmt::format("{}: {}\n", safe(a.hook->name), status));
    if (!a.result.out.empty()) {
      out.write(fmt::format("  stdout: {}\n", safe(util::trim(a.result.out))));
    }
    if (!a.result.err.empty()) {
      out.write(fmt::format("  stderr: {}\n", safe(util::trim(a.result.err))));
    }
    for (const model::FieldChange& c : a.patch) {
      out.write(fmt::format("  patch: {} = {}\n", c.field, safe(c.new_value.value_or(""))));
    }
    if (a.patch_error) {
      out.write(fmt::format("  patch refused: {}\n", safe(*a.patch_error)));
    }
  }
  return 0;
}

int run_hook_deliver(Env& env, const HookOptions& o)
{
  if (o.limit < 1) {
    throw Error(ErrorKind::usage, "--limit: must be at least 1");
  }
  ops::Context ctx = env.context();
  const std::size_t delivered = ops::deliver_hooks(ctx, static_cast<std::size_t>(o.limit));
  if (o.json) {
    env.out().write(fmt::format("{{\"delivered\":{}}}\n", delivered));
  } else if (delivered > 0) {
    env.out().write(fmt::format("delivered {}\n", delivered));
  }
  return 0;
}

} // namespace

void register_hook(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<HookOptions>();
  auto* sub = app.add_subcommand("hook", "Site hooks: list them, try them, deliver post-commit ones");
  sub->require_subcommand(1);
  auto* list = sub->add_subcommand("list", "The active hooks, and the files ignored with the reason");
  list->add_flag("--json", o->json, "Print a JSON object");
  list->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_hook_list(env, *o); };
    invocation.needs = Needs::config;
  });
  auto* test = sub->add_subcommand("test", "Run the hooks of EVENT on ticket ID, writing nothing");
  offer(test->add_option("event", o->event, "pre-open, pre-change or post-commit")->required(),
        {"pre-open", "pre-change", "post-commit"});
  test->add_option("id", o->id, "Ticket")->required();
  test->add_flag("--json", o->json, "Print a JSON object");
  test->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_hook_test(env, *o); };
  });
  auto* deliver = sub->add_subcommand("deliver", "Deliver due post-commit hooks (and retry failed ones)");
  deliver->add_option("--limit", o->limit, "At most N deliveries (default 1000)")->type_name("N");
  deliver->add_flag("--json", o->json, "Print {\"delivered\": N}");
  deliver->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_hook_deliver(env, *o); };
  });
}

} // namespace sdesk::cmd

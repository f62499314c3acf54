#include "cmd/command.hpp"
#include "lib/store/open.hpp"
#include "lib/store/store_uri.hpp"
#include "lib/util/json_writer.hpp"

#include <CLI/CLI.hpp>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct InitOptions {
  std::optional<std::string> path;
  bool shared = false;
  std::optional<std::string> group;
  bool json = false;
};

int run_init(Env& env, const InitOptions& o)
{
  const std::string store = o.path.value_or(env.store_path());
  const auto result =
    store::init_store(store, {o.shared, o.group, env.config().busy_timeout});
  const std::string path = store::redact_uri(store); // a URI's password is never shown
  if (o.json) {
    util::JsonWriter json;
    json.begin_object()
      .key("path").value(path)
      .key("created").value(result.created)
      .key("shared").value(o.shared)
      .key("schema_version").value(std::int64_t{result.schema_version})
      .end_object();
    env.out().write(json.str() + "\n");
  } else {
    env.out().write(fmt::format("{} {}store at {} (schema version {})\n",
                                result.created ? "created" : "checked", o.shared ? "shared " : "",
                                path, result.schema_version));
  }
  return 0;
}

} // namespace

void register_init(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<InitOptions>();
  auto* sub = app.add_subcommand("init", "Create a store (or check and upgrade an existing one)");
  sub->add_option("path", o->path, "Store file (default: the store in effect)");
  sub->add_flag("--shared", o->shared,
                "For several users through a common group: group-writable, setgid directory");
  sub->add_option("--group", o->group, "Group to own a shared store")->type_name("GROUP");
  sub->add_flag("--json", o->json, "Print the result as JSON");
  sub->callback([o, &invocation] {
    invocation.needs = Needs::config;
    invocation.run = [o](Env& env) { return run_init(env, *o); };
  });
}

} // namespace sdesk::cmd

#include "cmd/command.hpp"
#include "lib/store/store_uri.hpp"
#include "lib/util/json_writer.hpp"

#include <CLI/CLI.hpp>

namespace sdesk::cmd {

namespace {

struct ConfigOptions {
  bool json = false;
};

// The value of setting `s` as shown: a store URI without its password.
std::string shown(const config::Setting& s)
{
  return s.key == "store.path" ? store::redact_uri(s.value) : s.value;
}

int run_config(Env& env, const ConfigOptions& o)
{
  const auto& settings = env.config().settings;
  if (o.json) {
    util::JsonWriter json;
    json.begin_array();
    for (const auto& s : settings) {
      json.begin_object().key("key").value(s.key).key("value").value(shown(s));
      json.key("origin").value(s.origin).end_object();
    }
    json.end_array();
    env.out().write(json.str() + "\n");
    return 0;
  }
  std::string text;
  for (const auto& s : settings) {
    text += safe(s.key) + " = " + safe(shown(s)) + "  # " + safe(s.origin) + "\n";
  }
  text += "# store in effect: " + safe(store::redact_uri(env.store_path())) + "\n";
  env.out().write(text);
  return 0;
}

} // namespace

void register_config(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<ConfigOptions>();
  auto* sub = app.add_subcommand("config", "Print the effective configuration and where each value came from");
  sub->add_flag("--json", o->json, "Print as JSON: [{key, value, origin}]");
  sub->callback([o, &invocation] {
    invocation.needs = Needs::config;
    invocation.run = [o](Env& env) { return run_config(env, *o); };
  });
}

} // namespace sdesk::cmd

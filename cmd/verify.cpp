#include "cmd/command.hpp"
#include "cmd/exit_code.hpp"
#include "lib/ops/verify.hpp"
#include "lib/util/json_writer.hpp"

#include <CLI/CLI.hpp>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct VerifyOptions {
  bool json = false;
  bool quiet = false;
};

// "ticket 12 (INC-7): resolved: missing: ... (rule resolved-status)", one
// line per violation.
std::string verify_text(const model::Ticket& t, std::span<const model::Violation> violations)
{
  std::string text;
  const std::string ref = t.ref ? fmt::format(" ({})", safe(*t.ref)) : "";
  for (const model::Violation& v : violations) {
    text += fmt::format("ticket {}{}: {}\n", t.id, ref, safe(model::describe(v)));
  }
  return text;
}

// {"id": 12, "ref": "INC-7", "violations": [{"field", "rule", "message"}]}
void verify_json(util::JsonWriter& json, const model::Ticket& t,
                 std::span<const model::Violation> violations)
{
  json.begin_object();
  json.key("id").value(static_cast<std::int64_t>(t.id));
  json.key("ref").value(t.ref);
  json.key("violations").begin_array();
  for (const model::Violation& v : violations) {
    json.begin_object();
    json.key("field").value(v.field);
    json.key("rule").value(v.rule);
    json.key("message").value(v.message);
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

int run_verify(Env& env, const VerifyOptions& o)
{
  util::JsonWriter json; // holds the tickets that break a rule, not all tickets
  if (o.json) {
    json.begin_object();
    json.key("tickets").begin_array();
  }
  const auto summary = ops::verify_store(
    env.store(), [&](const model::Ticket& t, std::span<const model::Violation> violations) {
      if (o.json) {
        verify_json(json, t, violations);
      } else if (o.quiet) {
        env.out().write(fmt::format("{}\n", t.id));
      } else {
        env.out().write(verify_text(t, violations));
      }
    });
  if (o.json) {
    json.end_array();
    json.key("checked").value(static_cast<std::int64_t>(summary.checked));
    json.key("failed").value(static_cast<std::int64_t>(summary.failed));
    json.end_object();
    env.out().write(json.str() + "\n");
  } else if (!o.quiet) {
    env.out().write(summary.failed == 0
                      ? fmt::format("checked {} ticket{}: every invariant holds\n", summary.checked,
                                    summary.checked == 1 ? "" : "s")
                      : fmt::format("checked {} ticket{}: {} break{} an invariant\n",
                                    summary.checked, summary.checked == 1 ? "" : "s",
                                    summary.failed, summary.failed == 1 ? "s" : ""));
  }
  return summary.failed == 0 ? k_exit_ok : k_exit_check_failed;
}

} // namespace

void register_verify(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<VerifyOptions>();
  auto* sub = app.add_subcommand("verify", "Check that every stored ticket satisfies the invariants");
  auto* json = sub->add_flag("--json", o->json, "Print the result as JSON");
  sub->add_flag("-q,--quiet", o->quiet, "Print only the ids of tickets that break one")->excludes(json);
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_verify(env, *o); };
  });
}

} // namespace sdesk::cmd

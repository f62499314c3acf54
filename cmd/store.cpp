#include "cmd/command.hpp"
#include "cmd/complete.hpp"
#include "cmd/exit_code.hpp"
#include "lib/ops/store_copy.hpp"
#include "lib/util/json_writer.hpp"

#include <CLI/CLI.hpp>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct StoreCopyOptions {
  std::string from;
  std::string to;
  bool json = false;
};

// {"from", "to", "created", "tables": {"ticket": N, ...}, "rows",
//  "verify": {"checked", "failed", "broken_chains"}, "checkpoint"}
std::string copy_json(const ops::StoreCopyResult& r, std::int64_t rows)
{
  util::JsonWriter json;
  json.begin_object();
  json.key("from").value(r.from);
  json.key("to").value(r.to);
  json.key("created").value(r.created);
  json.key("tables").begin_object();
  for (const ops::CopiedTable& t : r.tables) {
    json.key(std::string(t.name)).value(t.rows);
  }
  json.end_object();
  json.key("rows").value(rows);
  json.key("verify").begin_object();
  json.key("checked").value(static_cast<std::int64_t>(r.verified.checked));
  json.key("failed").value(static_cast<std::int64_t>(r.verified.failed));
  json.key("broken_chains").value(static_cast<std::int64_t>(r.verified.broken_chains));
  json.end_object();
  if (r.verified.broken_chains == 0) {
    json.key("checkpoint").value(ops::format_checkpoint(r.verified.checkpoint));
  }
  json.end_object();
  return json.str() + "\n";
}

std::string copy_text(const ops::StoreCopyResult& r, std::int64_t rows)
{
  std::string text = fmt::format("copied {} rows from {} to {}{}\n", rows, safe(r.from),
                                 safe(r.to), r.created ? " (new store)" : "");
  for (const ops::CopiedTable& t : r.tables) {
    text += fmt::format("  {:<20} {:>10}\n", t.name, t.rows);
  }
  const auto& v = r.verified;
  if (v.failed == 0 && v.broken_chains == 0) {
    text += fmt::format("verified {} ticket{}: every invariant holds, every history chain is "
                        "intact\n{}\n",
                        v.checked, v.checked == 1 ? "" : "s", ops::format_checkpoint(v.checkpoint));
  } else {
    text += fmt::format("verify found problems in the copy: {} of {} tickets break an invariant, "
                        "{} history chain{} broken (sdesk --db TO verify lists them)\n",
                        v.failed, v.checked, v.broken_chains, v.broken_chains == 1 ? "" : "s");
  }
  return text;
}

int run_store_copy(Env& env, const StoreCopyOptions& o)
{
  const auto result = ops::copy_store(o.from, o.to, env.config().busy_timeout,
                                      [](const model::Ticket&, std::span<const model::Violation>,
                                         const std::optional<model::ChainBreak>&) {});
  std::int64_t rows = 0;
  for (const ops::CopiedTable& t : result.tables) {
    rows += t.rows;
  }
  env.out().write(o.json ? copy_json(result, rows) : copy_text(result, rows));
  const bool verified = result.verified.failed == 0 && result.verified.broken_chains == 0;
  return verified ? k_exit_ok : k_exit_check_failed;
}

} // namespace

void register_store(CLI::App& app, Invocation& invocation)
{
  auto* sub = app.add_subcommand("store", "Work on whole stores (copy one to another backend)");
  sub->require_subcommand(1);
  auto copy = std::make_shared<StoreCopyOptions>();
  auto* c = sub->add_subcommand("copy", "Copy a whole store into a new or empty one, and verify it");
  offer(c->add_option("from", copy->from, "The store to copy (a file or postgresql:// URI)")
          ->type_name("STORE")
          ->required(),
        Values::files);
  offer(c->add_option("to", copy->to, "The new or empty store to write (a file or postgresql:// URI)")
          ->type_name("STORE")
          ->required(),
        Values::files);
  c->add_flag("--json", copy->json, "Print the result as JSON");
  c->callback([copy, &invocation] {
    invocation.needs = Needs::config;
    invocation.run = [copy](Env& env) { return run_store_copy(env, *copy); };
  });
}

} // namespace sdesk::cmd

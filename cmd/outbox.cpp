#include "cmd/command.hpp"
#include "lib/model/ticket_json.hpp"
#include "lib/ops/read.hpp"
#include "lib/util/error.hpp"
#include "lib/util/json_writer.hpp"
#include "lib/util/text_table.hpp"

#include <CLI/CLI.hpp>

namespace sdesk::cmd {

namespace {

struct OutboxOptions {
  std::optional<std::int64_t> limit;
  bool json = false;
  bool quiet = false;
};

int run_outbox(Env& env, const OutboxOptions& o)
{
  if (o.json && o.quiet) {
    throw Error(ErrorKind::usage, "outbox: choose one of --json and -q");
  }
  if (o.limit && *o.limit < 1) {
    throw Error(ErrorKind::usage, "--limit: must be at least 1");
  }
  Output& out = env.out();
  if (o.json) {
    // Streamed: one entry at a time, so memory does not grow with the outbox.
    bool first = true;
    out.write("[");
    ops::list_outbox(env.store(), o.limit, [&](const model::OutboxEntry& e) {
      util::JsonWriter json;
      model::write_json(json, e);
      out.write(first ? json.str() : "," + json.str());
      first = false;
    });
    out.write("]\n");
  } else if (o.quiet) {
    ops::list_outbox(env.store(), o.limit, [&](const model::OutboxEntry& e) {
      out.write(std::to_string(e.event_id) + "\n");
    });
  } else {
    util::TextTable table({"EVENT", "TICKET", "KIND", "CREATED"});
    ops::list_outbox(env.store(), o.limit, [&](const model::OutboxEntry& e) {
      table.add_row({std::to_string(e.event_id), std::to_string(e.ticket_id), safe(e.kind),
                     util::format_time(e.created)});
    });
    if (table.size() > 0) {
      out.write(table.render());
    }
  }
  return 0;
}

} // namespace

void register_outbox(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<OutboxOptions>();
  auto* sub = app.add_subcommand("outbox", "List queued notifications, oldest first");
  sub->add_option("--limit", o->limit, "At most N entries")->type_name("N");
  sub->add_flag("--json", o->json, "Print a JSON array of entries");
  sub->add_flag("-q,--quiet", o->quiet, "Print only event ids");
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_outbox(env, *o); };
  });
}

} // namespace sdesk::cmd

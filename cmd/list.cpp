#include "cmd/command.hpp"
#include "cmd/complete.hpp"
#include "cmd/optional_option.hpp"
#include "cmd/ticket_filter.hpp"
#include "lib/model/ticket_json.hpp"
#include "lib/ops/read.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <CLI/CLI.hpp>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct ListOptions {
  TicketFilter filter;
  std::optional<std::string> sort;
  std::optional<std::int64_t> limit;
  bool json = false;
  bool csv = false;
  bool quiet = false;
};

int run_list(Env& env, const ListOptions& o)
{
  if (int{o.json} + int{o.csv} + int{o.quiet} > 1) {
    throw Error(ErrorKind::usage, "list: choose one of --json, --csv and -q");
  }
  auto query = build_query(o.filter, env.config().matrix.lowest());
  if (o.sort) {
    query.sort = store::parse_sort(*o.sort);
    // `--sort "$KEYS"` with KEYS unset would quietly sort by id.
    if (query.sort.empty()) {
      throw Error(ErrorKind::usage,
                  fmt::format("--sort: empty value (accepted: {}; prefix '-' for descending)",
                              util::join(store::sortable_fields(), ", ")));
    }
  }
  if (o.limit && *o.limit < 1) {
    throw Error(ErrorKind::usage, "--limit: must be at least 1");
  }
  query.limit = o.limit;
  Output& out = env.out();
  if (o.json) {
    // Streamed: one ticket at a time, so memory does not grow with the store.
    bool first = true;
    out.write("[");
    ops::list_tickets(env.store(), query, [&](const model::Ticket& t) {
      util::JsonWriter json;
      model::write_json(json, t);
      out.write(first ? json.str() : "," + json.str());
      first = false;
    });
    out.write("]\n");
  } else if (o.csv) {
    out.write(ticket_csv_header());
    ops::list_tickets(env.store(), query,
                      [&](const model::Ticket& t) { out.write(ticket_csv_row(t)); });
  } else if (o.quiet) {
    ops::list_tickets(env.store(), query,
                      [&](const model::Ticket& t) { out.write(std::to_string(t.id) + "\n"); });
  } else {
    std::vector<model::Ticket> tickets;
    ops::list_tickets(env.store(), query, [&](const model::Ticket& t) { tickets.push_back(t); });
    if (!tickets.empty()) {
      out.write(render_ticket_table(tickets, out));
    }
  }
  return 0;
}

} // namespace

void register_list(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<ListOptions>();
  auto* sub = app.add_subcommand("list", "List tickets, filtered and sorted");
  add_filter_options(sub, o->filter, invocation);
  const Invocation& in = invocation;
  offer(add_optional(sub, in, "--sort", o->sort, "Fields, '-' for descending: priority,-created", "FIELDS"),
        Values::sort_fields);
  add_optional(sub, in, "--limit", o->limit, "At most N tickets", "N");
  add_optional_flag(sub, in, "--json", o->json, "Print a JSON array of tickets");
  add_optional_flag(sub, in, "--csv", o->csv, "Print CSV with a header row");
  add_optional_flag(sub, in, "-q,--quiet", o->quiet, "Print only ticket ids");
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_list(env, *o); };
  });
}

} // namespace sdesk::cmd

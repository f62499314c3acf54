// `sdesk announce --service S --subject T ...` and `sdesk announce list`
// (docs/sdesk-announce.md).

#include "cmd/command.hpp"
#include "cmd/complete.hpp"
#include "lib/ops/announce.hpp"
#include "lib/util/error.hpp"
#include "lib/util/json_writer.hpp"
#include "lib/util/text_table.hpp"

#include <CLI/CLI.hpp>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct AnnounceOptions {
  std::optional<std::string> service;
  std::optional<std::string> subject;
  std::optional<std::string> body;
  std::optional<std::string> from;
  std::optional<std::string> to;
  bool current = false;
  bool json = false;
  bool quiet = false;
};

void write_announcement(util::JsonWriter& w, const store::Announcement& a)
{
  const auto time = [](const std::optional<util::Time>& t) {
    return t ? std::optional(util::format_time(*t)) : std::nullopt;
  };
  w.begin_object();
  w.key("id").value(a.id);
  w.key("service").value(a.service);
  w.key("subject").value(a.subject);
  w.key("body").value(a.body);
  w.key("from").value(time(a.from));
  w.key("to").value(time(a.to));
  w.key("change").value(a.change);
  w.key("created").value(util::format_time(a.created));
  w.key("created_by").value(a.created_by);
  w.key("recipients").value(a.recipients);
  w.end_object();
}

int run_announce(Env& env, const AnnounceOptions& o)
{
  if (o.json && o.quiet) {
    throw Error(ErrorKind::usage, "announce: choose one of --json and -q");
  }
  if (o.current) {
    throw Error(ErrorKind::usage, "--current: only with 'announce list'");
  }
  if (!o.service || !o.subject) {
    throw Error(ErrorKind::usage, fmt::format("announce: {} is required (or 'announce list')",
                                              o.service ? "--subject" : "--service"));
  }
  ops::AnnounceRequest request;
  request.service = *o.service;
  request.subject = *o.subject;
  if (o.body) {
    request.body = *o.body == "-" ? read_stdin() : *o.body;
  }
  if (o.from) {
    request.from = util::parse_time(*o.from, "--from");
  }
  if (o.to) {
    request.to = util::parse_time(*o.to, "--to");
  }
  auto ctx = env.context();
  const ops::Announced done = ops::announce(ctx, request);
  const store::Announcement& a = done.announcement;
  if (o.json) {
    util::JsonWriter w;
    write_announcement(w, a);
    env.out().write(w.str() + "\n");
  } else if (o.quiet) {
    env.out().write(fmt::format("{}\n", a.id));
  } else {
    env.out().write(fmt::format("announcement {} to {}: {} message{} queued\n", a.id, safe(a.service), a.recipients,
                                a.recipients == 1 ? "" : "s"));
  }
  return 0;
}

int run_announce_list(Env& env, const AnnounceOptions& o)
{
  if (o.json && o.quiet) {
    throw Error(ErrorKind::usage, "announce list: choose one of --json and -q");
  }
  auto ctx = env.context();
  const std::vector<store::Announcement> list = ops::list_announcements(ctx, o.current);
  if (o.json) {
    util::JsonWriter w;
    w.begin_array();
    for (const store::Announcement& a : list) {
      write_announcement(w, a);
    }
    w.end_array();
    env.out().write(w.str() + "\n");
    return 0;
  }
  if (o.quiet) {
    for (const store::Announcement& a : list) {
      env.out().write(fmt::format("{}\n", a.id));
    }
    return 0;
  }
  util::TextTable table({"ID", "CREATED", "SERVICE", "FROM", "TO", "SENT", "SUBJECT"});
  for (const store::Announcement& a : list) {
    table.add_row({std::to_string(a.id), util::format_time(a.created), safe(a.service),
                   a.from ? util::format_time(*a.from) : "-", a.to ? util::format_time(*a.to) : "-",
                   std::to_string(a.recipients), safe(a.subject)});
  }
  if (table.size() > 0) {
    env.out().write(table.render());
  }
  return 0;
}

} // namespace

void register_announce(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<AnnounceOptions>();
  auto* sub = app.add_subcommand("announce", "Mail an announcement to a service's subscribers, or list them");
  sub->require_subcommand(0, 1);
  offer(sub->add_option("--service", o->service, "The service (required)")->type_name("SERVICE"), Values::services);
  sub->add_option("--subject", o->subject, "The subject (required, one line)")->type_name("TEXT");
  sub->add_option("--body", o->body, "The text ('-' reads standard input)")->type_name("TEXT");
  sub->add_option("--from", o->from, "Start of the window (ISO 8601)")->type_name("TIME");
  sub->add_option("--to", o->to, "End of the window (ISO 8601, exclusive)")->type_name("TIME");
  sub->add_flag("--json", o->json, "Print the announcement as JSON");
  sub->add_flag("-q,--quiet", o->quiet, "Print only its id");

  auto l = std::make_shared<AnnounceOptions>();
  auto* list = sub->add_subcommand("list", "List the announcements");
  list->add_flag("--current", l->current, "Only those whose window contains now, or without one, of the last 24h");
  list->add_flag("--json", l->json, "Print a JSON array");
  list->add_flag("-q,--quiet", l->quiet, "Print only the ids");
  list->callback([l, &invocation] {
    invocation.run = [l](Env& env) { return run_announce_list(env, *l); };
  });

  sub->callback([o, list, &invocation] {
    if (list->parsed()) {
      if (o->service || o->subject || o->body || o->from || o->to || o->json || o->quiet) {
        invocation.run = [](Env&) -> int {
          throw Error(ErrorKind::usage, "announce list: give its options after 'list' "
                                        "(accepted: --current, --json, -q)");
        };
      }
      return;
    }
    invocation.run = [o](Env& env) { return run_announce(env, *o); };
  });
}

} // namespace sdesk::cmd

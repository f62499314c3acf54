// `sdesk problem link|unlink|known-error|candidates` (issue 9).

#include "cmd/command.hpp"
#include "cmd/result.hpp"
#include "lib/ops/problem.hpp"
#include "lib/util/duration.hpp"
#include "lib/util/error.hpp"
#include "lib/util/json_writer.hpp"
#include "lib/util/strings.hpp"
#include "lib/util/text_table.hpp"
#include "lib/util/time.hpp"

#include <CLI/CLI.hpp>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct ProblemLinkOptions {
  std::string problem;
  std::vector<std::string> incidents;
  bool json = false;
  bool quiet = false;
};

struct KnownErrorOptions {
  std::string problem;
  std::string root_cause;
  std::string workaround;
  ResultFlags result;
};

struct CandidateOptions {
  std::string since = "90d";
  std::int64_t min = 5;
  std::vector<std::string> by;
  bool json = false;
  bool quiet = false;
};

int run_problem_link(Env& env, const ProblemLinkOptions& o, ops::LinkChange change)
{
  const model::TicketId problem = parse_ticket_id(o.problem);
  std::vector<model::TicketId> incidents;
  for (const std::string& id : o.incidents) {
    incidents.push_back(parse_ticket_id(id));
  }
  auto ctx = env.context();
  const auto done = ops::link_incidents(ctx, problem, incidents, change);
  const bool linking = change == ops::LinkChange::link;
  if (o.json) {
    util::JsonWriter json;
    json.begin_object().key("problem").value(std::int64_t{problem}).key("type").value("causes");
    json.key("incidents").begin_array();
    for (const auto& l : done) {
      json.begin_object().key("id").value(std::int64_t{l.incident}).key("changed").value(l.changed);
      json.end_object();
    }
    json.end_array().end_object();
    env.out().write(json.str() + "\n");
    return 0;
  }
  for (const auto& l : done) {
    if (o.quiet) {
      env.out().write(fmt::format("{}\n", l.incident));
      continue;
    }
    const std::string_view verb = l.changed ? (linking ? "linked" : "unlinked")
                                            : (linking ? "already linked:" : "not linked:");
    env.out().write(fmt::format("{} #{} caused-by #{}\n", verb, l.incident, problem));
  }
  return 0;
}

// A text option's value: itself, or standard input for "-".
std::string text_or_stdin(const std::string& value)
{
  return value == "-" ? read_stdin() : value;
}

int run_known_error(Env& env, const KnownErrorOptions& o)
{
  if (o.root_cause == "-" && o.workaround == "-") {
    throw Error(ErrorKind::usage,
                "--root-cause, --workaround: only one of them can read standard input ('-')");
  }
  const model::TicketId problem = parse_ticket_id(o.problem);
  const std::string root_cause = text_or_stdin(o.root_cause);
  const std::string workaround = text_or_stdin(o.workaround);
  auto ctx = env.context();
  return print_result(env.out(), ops::record_known_error(ctx, problem, root_cause, workaround), o.result);
}

std::string upper(std::string text)
{
  for (char& ch : text) {
    if (ch >= 'a' && ch <= 'z') {
      ch = static_cast<char>(ch - 'a' + 'A');
    }
  }
  return text;
}

std::string unix_time_text(std::int64_t seconds)
{
  return util::format_time(util::Time{std::chrono::seconds{seconds}});
}

int run_candidates(Env& env, const CandidateOptions& o)
{
  ops::CandidateRequest request;
  request.since = util::parse_duration(o.since, "--since");
  request.min = o.min;
  if (!o.by.empty()) {
    request.by.clear();
    for (const auto& part : o.by) {
      for (auto& name : util::split_list(part)) {
        request.by.push_back(util::to_lower(name));
      }
    }
  }
  auto ctx = env.context();
  const auto groups = ops::problem_candidates(ctx, request);
  if (o.json) {
    util::JsonWriter json;
    json.begin_array();
    for (const auto& g : groups) {
      json.begin_object();
      for (std::size_t i = 0; i < request.by.size(); ++i) {
        json.key(request.by[i]).value(g.keys[i]);
      }
      json.key("count").value(g.count).key("first").value(unix_time_text(g.first));
      json.key("last").value(unix_time_text(g.last)).key("ids").begin_array();
      for (const auto id : g.ids) {
        json.value(std::int64_t{id});
      }
      json.end_array().end_object();
    }
    json.end_array();
    env.out().write(json.str() + "\n");
    return 0;
  }
  if (o.quiet) {
    for (const auto& g : groups) {
      std::vector<std::string> ids;
      for (const auto id : g.ids) {
        ids.push_back(std::to_string(id));
      }
      env.out().write(util::join(ids, " ") + "\n");
    }
    return 0;
  }
  if (groups.empty()) {
    return 0;
  }
  std::vector<std::string> headers;
  for (const auto& name : request.by) {
    headers.push_back(upper(name));
  }
  for (const char* h : {"COUNT", "FIRST", "LAST", "IDS"}) {
    headers.emplace_back(h);
  }
  util::TextTable table(headers);
  for (const auto& g : groups) {
    std::vector<std::string> cells;
    for (const auto& key : g.keys) {
      cells.push_back(safe(key));
    }
    std::vector<std::string> ids;
    for (const auto id : g.ids) {
      ids.push_back(std::to_string(id));
    }
    cells.push_back(std::to_string(g.count));
    cells.push_back(unix_time_text(g.first));
    cells.push_back(unix_time_text(g.last));
    cells.push_back(util::join(ids, ","));
    table.add_row(std::move(cells));
  }
  env.out().write(table.render(env.out().width()));
  return 0;
}

void add_problem_link(CLI::App* problem, Invocation& invocation, ops::LinkChange change)
{
  const bool linking = change == ops::LinkChange::link;
  auto o = std::make_shared<ProblemLinkOptions>();
  auto* sub = problem->add_subcommand(linking ? "link" : "unlink",
                                      linking ? "Link incidents to the problem that causes them"
                                              : "Remove incidents' caused-by links to the problem");
  sub->add_option("problem", o->problem, "The problem's id")->required();
  sub->add_option("incidents", o->incidents, "Incident ids")->required();
  sub->add_flag("--json", o->json, "Print {problem, type, incidents: [{id, changed}]} as JSON");
  sub->add_flag("-q,--quiet", o->quiet, "Print only the incident ids");
  sub->callback([o, &invocation, change] {
    invocation.run = [o, change](Env& env) { return run_problem_link(env, *o, change); };
  });
}

} // namespace

void register_problem(CLI::App& app, Invocation& invocation)
{
  auto* problem = app.add_subcommand("problem", "Problem management: link incidents, known errors, candidates");
  problem->require_subcommand(1);
  add_problem_link(problem, invocation, ops::LinkChange::link);
  add_problem_link(problem, invocation, ops::LinkChange::unlink);

  auto k = make_options<KnownErrorOptions>();
  auto* known = problem->add_subcommand("known-error", "Record root cause and workaround; status known_error");
  known->add_option("problem", k->problem, "The problem's id")->required();
  known->add_option("--root-cause", k->root_cause, "The root cause; '-' reads standard input")
    ->required()
    ->type_name("TEXT");
  known->add_option("--workaround", k->workaround, "The workaround; '-' reads standard input")
    ->required()
    ->type_name("TEXT");
  add_result_flags(known, k->result);
  known->callback([k, &invocation] { invocation.run = [k](Env& env) { return run_known_error(env, *k); }; });

  auto c = make_options<CandidateOptions>();
  auto* candidates =
    problem->add_subcommand("candidates", "Groups of recurring incidents not linked to a problem");
  candidates->add_option("--since", c->since, "Incidents created in this past span (default 90d)")
    ->type_name("DURATION");
  candidates->add_option("--min", c->min, "Smallest group (default 5)")->type_name("N");
  candidates->add_option("--by", c->by, "Group by: category, service, group, priority (default category,service)")
    ->type_name("FIELDS");
  candidates->add_flag("--json", c->json, "Print the groups as a JSON array");
  candidates->add_flag("-q,--quiet", c->quiet, "Print only each group's ids, a line per group");
  candidates->callback([c, &invocation] {
    invocation.run = [c](Env& env) { return run_candidates(env, *c); };
  });
}

} // namespace sdesk::cmd

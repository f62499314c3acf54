#include "cmd/change_fields.hpp"
#include "cmd/command.hpp"
#include "cmd/complete.hpp"
#include "cmd/editor.hpp"
#include "cmd/known_errors.hpp"
#include "cmd/optional_option.hpp"
#include "cmd/result.hpp"
#include "cmd/ticket_filter.hpp"
#include "lib/ops/open_ticket.hpp"
#include "lib/ops/problem.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct OpenOptions {
  std::optional<std::string> title; // absent: composed in the editor
  std::optional<std::string> description;
  std::string kind = "incident";
  std::string impact = "medium";
  std::string urgency = "medium";
  std::optional<std::string> priority;
  std::optional<std::string> category;
  std::optional<std::string> service;
  std::optional<std::string> group;
  std::optional<std::string> requester;
  std::optional<std::string> assignee;
  std::vector<std::string> tags;
  std::optional<std::string> ref;
  std::optional<std::string> restricted;
  ChangeFieldOptions change;
  ResultFlags result;
};

int open_with(Env& env, const OpenOptions& o)
{
  ops::OpenRequest request;
  request.title = o.title.value_or("");
  bool stdin_used = false;
  if (o.description) {
    stdin_used = *o.description == "-";
    request.description = stdin_used ? read_stdin() : *o.description;
  }
  fill_change_fields(o.change, request.change, stdin_used);
  request.kind = model::parse_kind(o.kind, "--kind");
  request.impact = model::parse_level(o.impact, "--impact");
  request.urgency = model::parse_level(o.urgency, "--urgency");
  request.priority = o.priority;
  request.category = o.category;
  request.service = o.service;
  request.group = o.group;
  request.requester = o.requester;
  request.assignee = o.assignee;
  request.tags = flatten(o.tags);
  request.ref = o.ref;
  request.restricted = o.restricted;
  auto ctx = env.context();
  const auto [ticket, existed, known_errors] = ops::open_or_find(ctx, request);
  const bool matched = !existed && ops::known_errors_apply(ticket);
  if (o.result.json) {
    const std::string json = ticket_json(ticket, "existed", existed);
    env.out().write(matched ? with_known_errors(json, known_errors) : json);
  } else if (o.result.quiet) {
    env.out().write(std::to_string(ticket.id) + "\n");
  } else {
    const auto summary = fmt::format("{}, {}, group {}", model::to_string(ticket.kind),
                                     model::format_priority(ticket.priority),
                                     safe_or_dash(ticket.group));
    env.out().write(existed ? fmt::format("ticket {} already exists for ref '{}' ({}, status {})\n",
                                          ticket.id, safe(*ticket.ref), summary,
                                          model::to_string(ticket.status))
                            : fmt::format("opened ticket {} ({})\n", ticket.id, summary));
  }
  note_known_errors(ticket, known_errors);
  return 0;
}

// The editor form of `sdesk open`: the options given so far as fields.
util::EditForm open_form(const OpenOptions& o)
{
  util::EditForm form;
  form.has_title = true;
  form.hints = {"Write the title on the first line and the details below it.",
                "Lines starting with '#' are ignored; an empty title aborts (nothing is stored).",
                "The fields below are the options of 'sdesk open'; empty means the default."};
  form.fields = {{"Kind", o.kind},
                 {"Impact", o.impact},
                 {"Urgency", o.urgency},
                 {"Priority", o.priority.value_or("")},
                 {"Category", o.category.value_or("")},
                 {"Service", o.service.value_or("")},
                 {"Group", o.group.value_or("")},
                 {"Requester", o.requester.value_or("")},
                 {"Assignee", o.assignee.value_or("")},
                 {"Tags", util::join(flatten(o.tags), ", ")},
                 {"Ref", o.ref.value_or("")}};
  return form;
}

// The options the edited form sets: title, details, fields (an empty field
// takes the option's default).
OpenOptions from_form(const util::EditedForm& edited, const ResultFlags& result)
{
  OpenOptions o;
  o.result = result;
  o.title = edited.title;
  if (!edited.text.empty()) {
    o.description = edited.text;
  }
  for (const auto& [name, value] : edited.fields) {
    if (name == "Kind") {
      o.kind = value;
    } else if (name == "Impact") {
      o.impact = value;
    } else if (name == "Urgency") {
      o.urgency = value;
    } else if (name == "Priority") {
      o.priority = value;
    } else if (name == "Category") {
      o.category = value;
    } else if (name == "Service") {
      o.service = value;
    } else if (name == "Group") {
      o.group = value;
    } else if (name == "Requester") {
      o.requester = value;
    } else if (name == "Assignee") {
      o.assignee = value;
    } else if (name == "Tags") {
      o.tags = {value};
    } else if (name == "Ref") {
      o.ref = value;
    }
  }
  return o;
}

int run_open(Env& env, const OpenOptions& o)
{
  if (o.title) {
    return open_with(env, o);
  }
  if (!on_terminal()) {
    throw Error(ErrorKind::usage, "title is required (see 'sdesk open --help')");
  }
  std::string description = o.description.value_or("");
  if (description == "-") {
    description = read_stdin();
  }
  compose(open_form(o), "", description, "title", [&](const util::EditedForm& edited) {
    OpenOptions composed = from_form(edited, o.result);
    composed.restricted = o.restricted; // not a field of the form: kept from the command line
    open_with(env, composed);
  });
  return 0;
}

} // namespace

void register_open(CLI::App& app, Invocation& invocation)
{
  auto o = make_options<OpenOptions>();
  auto* sub = app.add_subcommand("open", "Record a new incident, request, change or problem");
  sub->add_option("title", o->title, "One-line summary; without one, on a terminal: $VISUAL/$EDITOR");
  // Only the options the command line names, in a lean parse.
  const Invocation& in = invocation;
  add_optional(sub, in, "-d,--description", o->description, "Details; '-' reads standard input", "TEXT");
  add_optional(sub, in, "-k,--kind", o->kind, "incident, request, change or problem", "KIND");
  add_optional(sub, in, "-i,--impact", o->impact, "high, medium or low", "LEVEL");
  add_optional(sub, in, "-u,--urgency", o->urgency, "high, medium or low", "LEVEL");
  add_optional(sub, in, "-p,--priority", o->priority, "P1.. (default: from the priority matrix)", "P");
  offer(add_optional(sub, in, "-c,--category", o->category, "Category", "NAME"), Values::categories);
  offer(add_optional(sub, in, "-s,--service", o->service, "Affected service", "NAME"), Values::services);
  add_optional(sub, in, "-g,--group", o->group, "Group (queue); default: desk.default_group", "GROUP");
  add_optional(sub, in, "-r,--requester", o->requester, "Who asked (default: the acting user)", "NAME");
  add_optional(sub, in, "-a,--assignee", o->assignee, "Assign to this agent at once", "AGENT");
  add_optional(sub, in, "-t,--tag", o->tags, "Tag (repeatable, or comma-separated)", "TAG");
  add_optional(sub, in, "--ref", o->ref, "Reference in another system; if a ticket has it, print that one",
               "REF");
  add_optional(sub, in, "--restricted", o->restricted,
               "Restrict to this group (on PostgreSQL only its members see the ticket)", "GROUP");
  add_change_field_options(sub, o->change, true, in);
  add_result_flags(sub, o->result, in);
  sub->callback([o, &invocation] {
    invocation.needs = Needs::store;
    invocation.run = [o](Env& env) { return run_open(env, *o); };
  });
}

} // namespace sdesk::cmd

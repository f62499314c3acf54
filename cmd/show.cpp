#include "cmd/command.hpp"
#include "cmd/history.hpp"
#include "cmd/optional_option.hpp"
#include "cmd/sla_format.hpp"
#include "lib/model/fields.hpp"
#include "lib/model/ticket_json.hpp"
#include "lib/ops/read.hpp"
#include "lib/ops/watch.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <CLI/CLI.hpp>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct ShowOptions {
  std::optional<std::string> id;
  std::optional<std::string> ref;
  bool json = false;
};

std::string time_or_dash(const std::optional<util::Time>& t)
{
  return t ? util::format_time(*t) : "-";
}

// Prefixes every line of `text` with `prefix`.
std::string indent(const std::string& text, std::string_view prefix = "  ")
{
  std::string out(prefix);
  for (const char c : text) {
    out += c;
    if (c == '\n') {
      out += prefix;
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) {
    out.pop_back();
  }
  return out + "\n";
}

// "2026-11-02T10:00:00+00:00  (14m left)", or "-" without a target.
std::string due_line(const std::optional<sla::TargetClock>& target)
{
  if (!target) {
    return "-";
  }
  return fmt::format("{}  {}", time_or_dash(target->due), describe_target(*target));
}

std::string render_fields(const model::Ticket& t, const sla::TicketClock& clock, const Output& out)
{
  const auto [pri_on, pri_off] = out.priority_style(t.priority);
  std::string s = fmt::format("{}#{} {}{}\n", out.style("1").first, t.id, safe(t.title),
                              out.style("1").second);
  const auto line = [&s](std::string_view name, const std::string& value) {
    s += fmt::format("  {:<15} {}\n", name, value);
  };
  line("status", std::string(model::to_string(t.status)));
  line("kind", std::string(model::to_string(t.kind)));
  line("priority", fmt::format("{}{}{}  (impact {}, urgency {})", pri_on,
                               model::format_priority(t.priority), pri_off,
                               model::to_string(t.impact), model::to_string(t.urgency)));
  line("group", fmt::format("{}  (escalation level {})", safe_or_dash(t.group), t.escalation_level));
  line("assignee", safe_or_dash(t.assignee));
  line("requester", safe_or_dash(t.requester));
  line("category", safe_or_dash(t.category));
  line("service", safe_or_dash(t.service));
  line("tags", t.tags.empty() ? "-" : safe(util::join(t.tags, ", ")));
  if (t.ref) {
    line("ref", safe(*t.ref));
  }
  line("created", util::format_time(t.created));
  line("updated", util::format_time(t.updated));
  line("first response", time_or_dash(t.first_response));
  line("sla policy", clock.policy ? fmt::format("{}  (calendar {})", clock.policy->name,
                                                 clock.calendar->name())
                                   : "-");
  line("response due", due_line(clock.response));
  line("resolution due", due_line(clock.resolution));
  line("resolved", time_or_dash(t.resolved));
  line("closed", time_or_dash(t.closed));
  if (t.resolution_code) {
    line("resolution", safe(*t.resolution_code) + (t.resolution_note ? ": " + safe(*t.resolution_note) : ""));
  }
  if (t.restricted) { // only on restricted tickets: the others' layout stays as it was
    line("restricted to", safe(*t.restricted));
  }
  // The fields the table gives a label (lib/model/fields.hpp) that this
  // record type has: no layout of their own.
  for (const model::FieldSpec& spec : model::k_fields) {
    if (!spec.label.empty() && spec.applies_to(t.kind)) {
      const std::string value = model::csv_text(spec, t);
      line(spec.label, value.empty() ? "-" : safe(value));
    }
  }
  return s;
}

int run_show(Env& env, const ShowOptions& o)
{
  if (o.id.has_value() == o.ref.has_value()) {
    throw Error(ErrorKind::usage, o.id ? "show: give the ticket ID or --ref, not both"
                                       : "show: give the ticket ID or --ref REF");
  }
  const auto also = o.json ? ops::Also::outbox : ops::Also::nothing;
  const auto record = o.ref ? ops::read_ticket_by_ref(env.store(), *o.ref, also)
                            : ops::read_ticket(env.store(), parse_ticket_id(*o.id), also);
  const sla::TicketClock clock =
    sla::evaluate(env.config().sla, record.ticket, record.events, env.now());
  auto ctx = env.context();
  const std::vector<std::string> watchers = ops::ticket_watchers(ctx, record.ticket.id);
  std::vector<model::Event> comments;
  for (const auto& e : record.events) {
    if (e.action == model::Action::comment && e.note) { // the comment text rides on its first row
      comments.push_back(e);
    }
  }
  if (o.json) {
    util::JsonWriter json;
    json.begin_object().key("ticket");
    model::write_json(json, record.ticket);
    json.key("comments").begin_array();
    for (const auto& c : comments) {
      json.begin_object().key("at").value(util::format_time(c.at)).key("author").value(c.actor);
      json.key("text").value(c.note.value_or("")).end_object();
    }
    json.end_array().key("links").begin_array();
    for (const auto& l : record.links) {
      json.begin_object().key("type").value(l.type).key("target").value(std::int64_t{l.target});
      json.key("title").value(l.title).end_object();
    }
    json.end_array();
    if (!watchers.empty()) { // no key without watchers: the shape stays as before
      json.key("watchers").value(watchers);
    }
    json.key("history").begin_array();
    for (const auto& e : record.events) {
      model::write_json(json, e);
    }
    json.end_array().key("sla");
    write_clock_json(json, clock);
    json.key("outbox").begin_array();
    for (const auto& entry : record.outbox) {
      model::write_json(json, entry);
    }
    json.end_array().end_object();
    env.out().write(json.str() + "\n");
    return 0;
  }
  std::string text = render_fields(record.ticket, clock, env.out());
  if (!record.ticket.description.empty()) {
    text += "\nDescription:\n" + indent(util::sanitize_for_terminal(record.ticket.description, true));
  }
  if (!comments.empty()) {
    text += "\nComments:\n";
    for (const auto& c : comments) {
      text += fmt::format("  {}  {}\n", util::format_time(c.at), safe(c.actor));
      text += indent(util::sanitize_for_terminal(c.note.value_or(""), true), "    ");
    }
  }
  if (!record.links.empty()) {
    text += "\nLinks:\n";
    for (const auto& l : record.links) {
      text += fmt::format("  {} #{} {}\n", l.type, l.target, safe(l.title));
    }
  }
  if (!watchers.empty()) {
    text += "\nWatchers:\n  " + safe(util::join(watchers, ", ")) + "\n";
  }
  text += "\nHistory:\n" + indent(render_history(record.events));
  env.out().write(text);
  return 0;
}

} // namespace

void register_show(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<ShowOptions>();
  auto* sub = app.add_subcommand("show", "Print a ticket: fields, description, comments, history");
  sub->add_option("id", o->id, "Ticket id (or --ref)");
  add_optional(sub, invocation, "--ref", o->ref, "The ticket with this reference in another system", "REF");
  add_optional_flag(sub, invocation, "--json", o->json,
                    "Print {ticket, comments, links, watchers, history, sla, outbox} as JSON");
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_show(env, *o); };
  });
}

} // namespace sdesk::cmd

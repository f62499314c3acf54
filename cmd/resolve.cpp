#include "cmd/command.hpp"
#include "cmd/editor.hpp"
#include "cmd/result.hpp"
#include "lib/ops/problem.hpp"
#include "lib/ops/workflow.hpp"
#include "lib/util/error.hpp"
#include "lib/util/json_writer.hpp"

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct ResolveOptions {
  std::string id;
  std::string code;
  std::optional<std::string> note;
  bool edit = false;
  bool cascade = false;
  ResultFlags result;
};

// resolve --cascade: the problem as print_result shows it (JSON with
// "resolved_incidents": [ids] added; -q: every id, the problem's first),
// then a line per incident resolved with it.
int print_cascade(Output& out, const ops::Cascade& done, const ResultFlags& flags)
{
  if (flags.json) {
    util::JsonWriter list;
    list.begin_array();
    for (const model::Ticket& t : done.incidents) {
      list.value(std::int64_t{t.id});
    }
    list.end_array();
    std::string json = ticket_json(done.problem);
    json.insert(json.rfind('}'), ",\"resolved_incidents\":" + list.str());
    out.write(json);
    return 0;
  }
  print_result(out, done.problem, flags);
  for (const model::Ticket& t : done.incidents) {
    print_result(out, t, flags);
  }
  return 0;
}

int resolve_with(Env& env, const ResolveOptions& o, const std::string& code,
                 const std::optional<std::string>& note)
{
  auto ctx = env.context();
  if (o.cascade) {
    return print_cascade(env.out(), ops::resolve_cascade(ctx, parse_ticket_id(o.id), code, note), o.result);
  }
  return print_result(env.out(), ops::resolve(ctx, parse_ticket_id(o.id), code, note), o.result);
}

// --edit: the note and the code in the editor.
int resolve_edited(Env& env, const ResolveOptions& o)
{
  if (!on_terminal()) {
    throw Error(ErrorKind::usage, "--edit: needs a terminal (use --note)");
  }
  parse_ticket_id(o.id); // a bad id is refused before the editor opens
  util::EditForm form;
  form.hints = {fmt::format("What was done to resolve ticket {}.", o.id),
                "Lines starting with '#' are ignored; an empty note aborts (nothing is stored)."};
  form.fields = {{"Code", o.code}};
  compose(form, "", o.note.value_or(""), "note", [&](const util::EditedForm& edited) {
    std::string code;
    for (const auto& [name, value] : edited.fields) {
      code = value; // the only field: Code
    }
    resolve_with(env, o, code, edited.text);
  });
  return 0;
}

} // namespace

void register_resolve(CLI::App& app, Invocation& invocation)
{
  auto o = make_options<ResolveOptions>();
  auto* sub = app.add_subcommand("resolve", "Mark a ticket resolved with a resolution code");
  sub->add_option("id", o->id, "Ticket id")->required();
  sub->add_option("--code", o->code, "Resolution code (desk.resolution_codes)")
    ->required()
    ->type_name("CODE");
  sub->add_option("--note", o->note, "What was done")->type_name("TEXT");
  sub->add_flag("--edit", o->edit, "Write the note (and check the code) in $VISUAL/$EDITOR");
  sub->add_flag("--cascade", o->cascade,
                "A problem: also resolve its open incidents (caused-by it), naming it and its workaround");
  add_result_flags(sub, o->result);
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) {
      return o->edit ? resolve_edited(env, *o) : resolve_with(env, *o, o->code, o->note);
    };
  });
}

} // namespace sdesk::cmd

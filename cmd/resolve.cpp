#include "cmd/command.hpp"
#include "cmd/editor.hpp"
#include "cmd/result.hpp"
#include "lib/ops/workflow.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct ResolveOptions {
  std::string id;
  std::string code;
  std::optional<std::string> note;
  bool edit = false;
  ResultFlags result;
};

int resolve_with(Env& env, const ResolveOptions& o, const std::string& code,
                 const std::optional<std::string>& note)
{
  auto ctx = env.context();
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
  add_result_flags(sub, o->result);
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) {
      return o->edit ? resolve_edited(env, *o) : resolve_with(env, *o, o->code, o->note);
    };
  });
}

} // namespace sdesk::cmd

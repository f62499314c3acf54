#include "cmd/command.hpp"
#include "cmd/editor.hpp"
#include "cmd/result.hpp"
#include "lib/ops/workflow.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct CommentOptions {
  std::string id;
  std::optional<std::string> text; // absent: composed in the editor
  bool internal = false;
  ResultFlags result;
};

int comment_with(Env& env, const CommentOptions& o, const std::string& text)
{
  auto ctx = env.context();
  return print_result(env.out(), ops::comment(ctx, parse_ticket_id(o.id), text, o.internal), o.result);
}

int run_comment(Env& env, const CommentOptions& o)
{
  if (o.text) {
    return comment_with(env, o, *o.text == "-" ? read_stdin() : *o.text);
  }
  if (!on_terminal()) {
    throw Error(ErrorKind::usage, "text is required (see 'sdesk comment --help')");
  }
  parse_ticket_id(o.id); // a bad id is refused before the editor opens
  util::EditForm form;
  form.hints = {fmt::format("Your comment on ticket {}.", o.id),
                "Lines starting with '#' are ignored; an empty comment aborts (nothing is stored)."};
  compose(form, "", "", "comment",
          [&](const util::EditedForm& edited) { comment_with(env, o, edited.text); });
  return 0;
}

} // namespace

void register_comment(CLI::App& app, Invocation& invocation)
{
  auto o = make_options<CommentOptions>();
  auto* sub = app.add_subcommand("comment", "Add a comment; an agent's first one is the first response");
  sub->add_option("id", o->id, "Ticket id")->required();
  sub->add_option("text", o->text,
                  "The comment; '-' reads standard input; without one, on a terminal: $VISUAL/$EDITOR");
  sub->add_flag("--internal", o->internal,
                "Keep it inside the desk: no mail to the requester or watchers; not a first response");
  add_result_flags(sub, o->result);
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_comment(env, *o); };
  });
}

} // namespace sdesk::cmd

#include "cmd/command.hpp"
#include "cmd/result.hpp"
#include "lib/ops/workflow.hpp"

namespace sdesk::cmd {

namespace {

struct CommentOptions {
  std::string id;
  std::string text;
  ResultFlags result;
};

int run_comment(Env& env, const CommentOptions& o)
{
  const std::string text = o.text == "-" ? read_stdin() : o.text;
  auto ctx = env.context();
  return print_result(env.out(), ops::comment(ctx, parse_ticket_id(o.id), text), o.result);
}

} // namespace

void register_comment(CLI::App& app, Invocation& invocation)
{
  auto o = make_options<CommentOptions>();
  auto* sub = app.add_subcommand("comment", "Add a comment; an agent's first one is the first response");
  sub->add_option("id", o->id, "Ticket id")->required();
  sub->add_option("text", o->text, "The comment; '-' reads standard input")->required();
  add_result_flags(sub, o->result);
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_comment(env, *o); };
  });
}

} // namespace sdesk::cmd

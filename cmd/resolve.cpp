#include "cmd/command.hpp"
#include "cmd/result.hpp"
#include "lib/ops/workflow.hpp"

namespace sdesk::cmd {

namespace {

struct ResolveOptions {
  std::string id;
  std::string code;
  std::optional<std::string> note;
  ResultFlags result;
};

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
  add_result_flags(sub, o->result);
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) {
      auto ctx = env.context();
      return print_result(env.out(), ops::resolve(ctx, parse_ticket_id(o->id), o->code, o->note),
                          o->result);
    };
  });
}

} // namespace sdesk::cmd

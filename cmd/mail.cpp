#include "cmd/command.hpp"
#include "cmd/complete.hpp"
#include "cmd/exit_code.hpp"
#include "lib/io/input.hpp"
#include "lib/ops/mail_receive.hpp"
#include "lib/util/error.hpp"
#include "lib/util/json_writer.hpp"

#include <CLI/CLI.hpp>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

// The most of one message `mail receive` reads; a longer one is cut there
// and quarantined (it cannot be read as mail).
constexpr std::size_t k_max_message = 128 * 1024 * 1024;

struct ReceiveOptions {
  std::optional<std::string> group;
  std::string action = "reply";
  std::optional<std::string> ticket;
  bool json = false;
};

void print_mail_result(Output& out, const ops::MailResult& r, bool json)
{
  if (json) {
    util::JsonWriter w;
    w.begin_object();
    w.key("outcome").value(ops::to_string(r.outcome));
    w.key("ticket").value(r.ticket ? std::optional<std::int64_t>(*r.ticket) : std::nullopt);
    w.key("previous").value(r.previous ? std::optional<std::int64_t>(*r.previous) : std::nullopt);
    w.key("message_id").value(r.message_id);
    w.key("reason").value(r.reason);
    w.key("attachments").value(static_cast<std::int64_t>(r.attachments));
    w.key("attachments_skipped").value(static_cast<std::int64_t>(r.skipped));
    w.end_object();
    out.write(w.str() + "\n");
    return;
  }
  out.write(fmt::format("{} {}{}\n", ops::to_string(r.outcome), r.ticket ? fmt::format("#{}", *r.ticket) : "-",
                        r.reason.empty() ? "" : " (" + safe(r.reason) + ")"));
}

int run_receive(Env& env, const ReceiveOptions& o)
{
  ops::MailRequest request;
  if (o.action != "reply" && o.action != "comment") {
    throw Error(ErrorKind::usage,
                fmt::format("--action: unknown value {} (accepted: reply, comment)", util::quote(o.action)));
  }
  request.internal = o.action == "comment";
  request.group = o.group;
  if (o.ticket) {
    request.ticket = parse_ticket_id(*o.ticket);
  }
  const auto& configured = env.config().mail.quarantine;
  request.quarantine = configured ? *configured : env.store_path() + ".quarantine";
  request.raw = io::Input::open("-").read_rest(k_max_message);
  auto ctx = env.context();
  try {
    print_mail_result(env.out(), ops::receive_mail(ctx, request), o.json);
  } catch (const ExitError&) {
    throw;
  } catch (const Error& e) {
    // The store cannot be written or the quarantine cannot be: the MTA
    // keeps the message and tries again later.
    if (e.kind() == ErrorKind::store || e.kind() == ErrorKind::io) {
      throw ExitError(e, k_exit_tempfail);
    }
    throw;
  }
  return 0;
}

void register_receive(CLI::App& mail, Invocation& invocation)
{
  auto o = std::make_shared<ReceiveOptions>();
  auto* sub = mail.add_subcommand("receive", "Read one message on standard input (an MTA pipe alias)");
  sub->add_option("--group", o->group, "The group of tickets the message opens")->type_name("GROUP");
  offer(sub->add_option("--action", o->action, "reply (default) or comment (recorded as internal)")
          ->type_name("ACTION"),
        {"reply", "comment"});
  sub->add_option("--ticket", o->ticket, "Add the message to this ticket, whatever it says")->type_name("N");
  sub->add_flag("--json", o->json, "One JSON object saying what happened");
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_receive(env, *o); };
    invocation.busy_exit = k_exit_tempfail;
    invocation.store_error_exit = k_exit_tempfail;
  });
}

} // namespace

void register_mail(CLI::App& app, Invocation& invocation)
{
  auto* sub = app.add_subcommand("mail", "E-mail into tickets: mail receive");
  sub->require_subcommand(1);
  register_receive(*sub, invocation);
}

} // namespace sdesk::cmd

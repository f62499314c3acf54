#include "cmd/command.hpp"
#include "cmd/complete.hpp"
#include "cmd/exit_code.hpp"
#include "lib/io/input.hpp"
#include "lib/ops/mail_out.hpp"
#include "lib/ops/mail_receive.hpp"
#include "lib/util/error.hpp"
#include "lib/util/json_writer.hpp"
#include "lib/util/text_table.hpp"

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

struct MailOutboxOptions {
  bool json = false;
  bool quiet = false;
};

// A message's state: "pending" (not tried yet), "failed" (the last try
// failed) or "deferred" (put off by the hourly limit).
std::string_view mail_state(const store::QueuedMail& m)
{
  if (m.last_error && m.last_error->starts_with(ops::k_deferred)) {
    return "deferred";
  }
  return m.attempts > 0 ? "failed" : "pending";
}

// A notification's state: "waiting" (for the next tick or flush) or
// "failed" (it could not be written: a bad template, say).
std::string_view mail_notification_state(const store::Delivery& d)
{
  return d.attempts > 0 ? "failed" : "waiting";
}

std::string mail_outbox_json(const ops::MailOutbox& box)
{
  util::JsonWriter w;
  w.begin_array();
  for (const store::QueuedMail& m : box.messages) {
    w.begin_object();
    w.key("id").value(m.id);
    w.key("message_id").value(m.message_id);
    w.key("ticket").value(m.ticket ? std::optional<std::int64_t>(*m.ticket) : std::nullopt);
    w.key("kind").value(m.kind);
    w.key("to").value(m.recipient);
    w.key("subject").value(m.subject);
    w.key("created").value(util::format_time_utc(m.created));
    w.key("state").value(mail_state(m));
    w.key("attempts").value(m.attempts);
    w.key("next_attempt").value(util::format_time_utc(m.next_attempt));
    w.key("last_error").value(m.last_error);
    w.end_object();
  }
  for (const store::Delivery& d : box.notifications) {
    w.begin_object();
    w.key("id").value(std::optional<std::int64_t>());
    w.key("event").value(d.entry.event_id);
    w.key("ticket").value(std::int64_t{d.entry.ticket_id});
    w.key("kind").value("notify:" + d.entry.kind);
    w.key("created").value(util::format_time_utc(d.entry.created));
    w.key("state").value(mail_notification_state(d));
    w.key("attempts").value(d.attempts);
    w.key("next_attempt").value(util::format_time_utc(d.next_attempt));
    w.key("last_error").value(d.last_error);
    w.end_object();
  }
  w.end_array();
  return w.str() + "\n";
}

int run_mail_outbox(Env& env, const MailOutboxOptions& o)
{
  if (o.json && o.quiet) {
    throw Error(ErrorKind::usage, "mail outbox: choose one of --json and -q");
  }
  auto ctx = env.context();
  const ops::MailOutbox box = ops::mail_outbox(ctx);
  Output& out = env.out();
  if (o.json) {
    out.write(mail_outbox_json(box));
    return 0;
  }
  if (o.quiet) {
    for (const store::QueuedMail& m : box.messages) {
      out.write(std::to_string(m.id) + "\n");
    }
    return 0;
  }
  util::TextTable table({"ID", "TICKET", "TO", "KIND", "STATE", "TRIES", "NEXT", "WHY"});
  for (const store::QueuedMail& m : box.messages) {
    table.add_row({std::to_string(m.id), m.ticket ? std::to_string(*m.ticket) : "-", safe(m.recipient), safe(m.kind),
                   std::string(mail_state(m)), std::to_string(m.attempts), util::format_time(m.next_attempt),
                   safe(m.last_error.value_or("-"))});
  }
  for (const store::Delivery& d : box.notifications) {
    table.add_row({"-", std::to_string(d.entry.ticket_id), "(not written yet)", safe("notify:" + d.entry.kind),
                   std::string(mail_notification_state(d)), std::to_string(d.attempts), util::format_time(d.next_attempt),
                   safe(d.last_error.value_or("-"))});
  }
  if (table.size() > 0) {
    out.write(table.render());
  }
  return 0;
}

void register_mail_outbox(CLI::App& mail, Invocation& invocation)
{
  auto o = std::make_shared<MailOutboxOptions>();
  auto* sub = mail.add_subcommand("outbox", "List outgoing mail not sent yet (pending or failed) and why");
  sub->add_flag("--json", o->json, "Print a JSON array of messages");
  sub->add_flag("-q,--quiet", o->quiet, "Print only queue ids");
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_mail_outbox(env, *o); };
  });
}

struct MailFlushOptions {
  bool json = false;
};

int run_mail_flush(Env& env, const MailFlushOptions& o)
{
  auto ctx = env.context();
  if (!ctx.config.mail.address) {
    throw Error(ErrorKind::config, "mail.address is not set: sdesk sends no mail without its own address "
                                   "(docs/config.md, [mail])");
  }
  const ops::MailDelivery done = ops::send_mail_now(ctx);
  if (o.json) {
    util::JsonWriter w;
    w.begin_object();
    w.key("queued").value(static_cast<std::int64_t>(done.queued));
    w.key("sent").value(static_cast<std::int64_t>(done.sent));
    w.key("failed").value(static_cast<std::int64_t>(done.failed));
    w.key("deferred").value(static_cast<std::int64_t>(done.deferred));
    w.key("details").value(done.details);
    w.end_object();
    env.out().write(w.str() + "\n");
    return 0;
  }
  for (const std::string& line : done.details) {
    env.out().write(safe(line) + "\n");
  }
  return 0;
}

void register_mail_flush(CLI::App& mail, Invocation& invocation)
{
  auto o = std::make_shared<MailFlushOptions>();
  auto* sub = mail.add_subcommand("flush", "Send the outgoing mail that is due now");
  sub->add_flag("--json", o->json, "Print a JSON summary");
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_mail_flush(env, *o); };
  });
}

} // namespace

void register_mail(CLI::App& app, Invocation& invocation)
{
  auto* sub = app.add_subcommand("mail", "E-mail: mail receive, mail outbox, mail flush");
  sub->require_subcommand(1);
  register_receive(*sub, invocation);
  register_mail_outbox(*sub, invocation);
  register_mail_flush(*sub, invocation);
}

} // namespace sdesk::cmd

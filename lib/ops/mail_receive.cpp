#include "lib/ops/mail_receive.hpp"

#include "lib/mail/message.hpp"
#include "lib/mail/text.hpp"
#include "lib/model/limits.hpp"
#include "lib/model/link.hpp"
#include "lib/model/lifecycle.hpp"
#include "lib/model/record_type.hpp"
#include "lib/ops/attachment.hpp"
#include "lib/ops/change.hpp"
#include "lib/ops/link.hpp"
#include "lib/ops/mail_identity.hpp"
#include "lib/ops/mail_quarantine.hpp"
#include "lib/ops/open_ticket.hpp"
#include "lib/ops/watch.hpp"
#include "lib/util/error.hpp"
#include "lib/util/json_writer.hpp"
#include "lib/util/sha256.hpp"
#include "lib/util/strings.hpp"
#include "lib/util/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace sdesk::ops {

namespace {

// The digits of `text` as a ticket id, or nothing (empty, not all digits,
// too long).
std::optional<model::TicketId> digits_id(std::string_view text)
{
  if (text.empty() || text.size() > 15
      || !std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
    return std::nullopt;
  }
  return std::stoll(std::string(text));
}

// The local part and domain of `address`.
std::pair<std::string, std::string> split_address(std::string_view address)
{
  const auto at = address.rfind('@');
  if (at == std::string_view::npos) {
    return {util::to_lower(address), ""};
  }
  return {util::to_lower(address.substr(0, at)), util::to_lower(address.substr(at + 1))};
}

// Whether `address` is the desk's own (mail.address, or a plus address of it).
bool is_desk_address(const config::Config& config, std::string_view address)
{
  if (!config.mail.address) {
    return false;
  }
  const auto [desk_local, desk_domain] = split_address(*config.mail.address);
  auto [local, domain] = split_address(address);
  if (const auto plus = local.find('+'); plus != std::string::npos) {
    local.resize(plus);
  }
  return local == desk_local && domain == desk_domain;
}

// The ticket a plus address among To and Cc names ("helpdesk+123@"): the
// local part before the '+' and the domain must be mail.address's when it is
// configured.
std::optional<model::TicketId> plus_ticket(const config::Config& config, const mail::Message& m)
{
  std::vector<mail::Address> all = m.to;
  all.insert(all.end(), m.cc.begin(), m.cc.end());
  for (const mail::Address& a : all) {
    const auto [local, domain] = split_address(a.address);
    const auto plus = local.rfind('+');
    if (plus == std::string::npos) {
      continue;
    }
    const auto id = digits_id(std::string_view(local).substr(plus + 1));
    if (!id) {
      continue;
    }
    if (config.mail.address) {
      const auto [desk_local, desk_domain] = split_address(*config.mail.address);
      if (local.substr(0, plus) != desk_local || domain != desk_domain) {
        continue;
      }
    }
    return id;
  }
  return std::nullopt;
}

// The ticket named by the subject tag "[TAG #123]" (tag without case), and
// `title` set to the subject without the tag.
std::optional<model::TicketId> tag_ticket(const std::string& tag, const std::string& subject, std::string& title)
{
  const std::string lowered = util::to_lower(subject);
  const std::string open = "[" + util::to_lower(tag) + " #";
  for (auto at = lowered.find(open); at != std::string::npos; at = lowered.find(open, at + 1)) {
    const auto close = lowered.find(']', at);
    if (close == std::string::npos) {
      break;
    }
    const auto id = digits_id(std::string_view(subject).substr(at + open.size(), close - at - open.size()));
    if (id) {
      title = subject.substr(0, at) + " " + subject.substr(close + 1);
      return id;
    }
  }
  return std::nullopt;
}

// Why `m` is automatic mail (auto-reply, bounce, list), or nothing.
std::optional<std::string> automatic(const mail::Message& m)
{
  if (m.loop) {
    return std::string(mail::k_loop_header) + ": " + *m.loop + " (mail sdesk sent)";
  }
  if (m.auto_submitted && *m.auto_submitted != "no") {
    return "Auto-Submitted: " + *m.auto_submitted;
  }
  if (m.precedence && (*m.precedence == "bulk" || *m.precedence == "junk" || *m.precedence == "list")) {
    return "Precedence: " + *m.precedence;
  }
  if (m.return_path && m.return_path->empty()) {
    return "a null return path (Return-Path: <>)";
  }
  const std::string local = split_address(m.from->address).first;
  if (local == "mailer-daemon" || local == "postmaster") {
    return "from " + local;
  }
  return std::nullopt;
}

// `text` cut to the limit of `what`, saying so when it was cut.
std::string limited(const std::string& text, model::Limited what)
{
  const std::size_t max = model::limit(what);
  if (text.size() <= max) {
    return text;
  }
  if (what == model::Limited::title) {
    return std::string(util::utf8_prefix(text, max));
  }
  const std::string note = fmt::format("\n[cut by sdesk: the text was {} bytes]", text.size());
  return std::string(util::utf8_prefix(text, max - note.size())) + note;
}

// Reopens resolved ticket `id` (its type's reopen move).
void reopen(Context& ctx, model::TicketId id, const std::string& sender)
{
  apply_change(ctx, id, model::Action::reopen, "reopened by a reply from " + sender, [&](model::Ticket& t) {
    const model::RecordType& type = model::record_type(t.kind);
    const auto to = t.assignee ? type.moves.reopen_assigned : type.moves.reopen;
    if (!to) {
      throw Error(ErrorKind::refused, fmt::format("ticket {} is a {}; mail cannot reopen it", t.id,
                                                  model::to_string(t.kind)));
    }
    model::require_transition(t.id, t.kind, t.status, *to);
    t.status = *to;
    t.resolved.reset();
    t.resolution_code.reset();
    t.resolution_note.reset();
  });
}

// What the history records about the message (the comment's data).
std::string mail_data(const mail::Message& m, const std::string& id, bool internal,
                      const std::vector<store::AttachmentRecord>& attachments)
{
  util::JsonWriter w;
  w.begin_object();
  w.key("via").value("mail");
  w.key("message_id").value(id);
  w.key("from").value(m.from->address);
  w.key("internal").value(internal);
  if (!attachments.empty()) {
    w.key("attachments").raw(attachments_json(attachments));
  }
  w.end_object();
  return w.str();
}

enum class Step { create, link, append, reopen };

// The longest message id sdesk stores or looks up (a header line's limit);
// a longer one is treated as absent.
constexpr std::size_t k_max_message_id = 998;

// The most References ids looked up, newest first (a thread deeper than
// this still has In-Reply-To).
constexpr std::size_t k_max_references = 50;

bool usable_id(const std::optional<std::string>& id)
{
  return id && !id->empty() && id->size() <= k_max_message_id;
}

} // namespace

std::string_view to_string(MailOutcome outcome)
{
  switch (outcome) {
  case MailOutcome::created: return "created";
  case MailOutcome::linked: return "linked";
  case MailOutcome::appended: return "appended";
  case MailOutcome::reopened: return "reopened";
  case MailOutcome::duplicate: return "duplicate";
  case MailOutcome::dropped: return "dropped";
  case MailOutcome::quarantined: return "quarantined";
  }
  return "?";
}

MailResult receive_mail(Context& ctx, const MailRequest& request)
{
  MailResult result;
  mail::Message m;
  try {
    m = mail::parse_message(request.raw);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::usage) {
      throw;
    }
    result.outcome = MailOutcome::quarantined;
    result.reason = fmt::format("{}; kept as {}", e.what(), quarantine(request.quarantine, request.raw, ctx.now));
    return result;
  }
  const config::Config& config = ctx.config;
  result.message_id =
    usable_id(m.message_id) ? *m.message_id : "sha256:" + util::to_hex(util::sha256(request.raw));
  const std::string sender = util::to_lower(m.from->address);
  Context as_sender{ctx.store, config, ctx.now, mail_identity(config, sender), ctx.backend, ctx.hooks};

  store::Transaction tx(ctx.store, store::TxMode::write);
  store::MailStore& mail = ctx.backend.mail();
  if (const auto stored = mail.find_message(result.message_id)) {
    result.outcome = MailOutcome::duplicate;
    result.ticket = stored;
    result.reason = "Message-ID " + result.message_id + " was received before";
    tx.commit();
    return result;
  }

  // Which ticket.
  std::optional<model::Ticket> ticket;
  std::string via;
  const auto try_id = [&](std::optional<model::TicketId> id, const char* how) {
    if (!ticket && id) {
      ticket = ctx.store.find(*id);
      via = ticket ? how : "";
    }
  };
  if (request.ticket) {
    ticket = load_ticket(ctx.store, *request.ticket);
    via = "--ticket";
  }
  try_id(plus_ticket(config, m), "plus address");
  if (usable_id(m.in_reply_to)) {
    try_id(mail.find_message(*m.in_reply_to), "In-Reply-To");
  }
  std::size_t looked_up = 0;
  for (auto it = m.references.rbegin(); it != m.references.rend() && !ticket && looked_up < k_max_references;
       ++it, ++looked_up) {
    if (usable_id(*it)) {
      try_id(mail.find_message(*it), "References");
    }
  }
  std::string title = m.subject;
  const auto tagged = tag_ticket(config.mail.subject_tag, m.subject, title);
  try_id(tagged, "subject tag");
  title = mail::strip_reply_prefixes(title);

  if (const auto why = automatic(m)) {
    result.outcome = MailOutcome::dropped;
    result.reason = "automatic mail (" + *why + ")";
    if (ticket) {
      mail.add_message(result.message_id, ticket->id, store::MailDirection::in, ctx.now);
      result.ticket = ticket->id;
    }
    tx.commit();
    return result;
  }

  // What to do with it.
  Step step = Step::create;
  if (ticket) {
    const model::RecordType& type = model::record_type(ticket->kind);
    step = Step::append;
    result.reason = "matched #" + std::to_string(ticket->id) + " by " + via;
    if (via != "--ticket" && !may_write(config, *ticket, mail.watchers(ticket->id), sender)) {
      step = Step::link;
      result.reason = fmt::format("{} is not the requester, a watcher or an agent of #{}", sender, ticket->id);
    } else if (via == "References" && m.forwarded) {
      step = Step::link;
      result.reason = fmt::format("a forward that matches #{} only through References", ticket->id);
    } else if (type.is_final(ticket->status)) {
      step = Step::link;
      result.reason = fmt::format("#{} is {}", ticket->id, model::to_string(ticket->status));
    } else if (type.is_resolved(ticket->status) && type.moves.reopen) {
      const bool recent = ticket->resolved && ctx.now - *ticket->resolved <= config.mail.reopen_within;
      step = recent ? Step::reopen : Step::link;
      if (!recent) {
        result.reason = fmt::format("#{} was resolved more than mail.reopen_within ago", ticket->id);
      }
    }
  }

  // The text, and the attachments within the cap.
  std::vector<NewAttachment> files;
  std::string skipped;
  for (mail::Attachment& a : m.attachments) {
    if (static_cast<std::int64_t>(a.content.size()) > config.mail.max_attachment) {
      skipped += fmt::format("\n[attachment {} ({} bytes) not kept: over mail.max_attachment, {} bytes]",
                             util::quote(a.name), a.content.size(), config.mail.max_attachment);
      ++result.skipped;
      continue;
    }
    files.push_back({std::move(a.name), std::move(a.content_type), std::move(a.content)});
  }
  std::string text = m.text.empty() ? std::string("(the message has no text)") : m.text;
  text = limited(text + skipped, model::Limited::long_text);

  model::TicketId target = 0;
  if (step == Step::create || step == Step::link) {
    OpenRequest open;
    open.title = limited(title.empty() ? std::string("(no subject)") : title, model::Limited::title);
    open.description = text;
    open.group = request.group;
    open.requester = as_sender.actor;
    target = open_in_transaction(as_sender, open).id;
    result.outcome = MailOutcome::created;
    if (step == Step::link) {
      result.outcome = MailOutcome::linked;
      result.previous = ticket->id;
      apply_link(as_sender, model::make_link(target, "relates-to", ticket->id), LinkChange::link, ctx.now);
    }
  } else {
    target = ticket->id;
    if (step == Step::reopen) {
      reopen(as_sender, target, sender);
    }
    result.outcome = step == Step::reopen ? MailOutcome::reopened : MailOutcome::appended;
  }
  const auto records = store_attachments(as_sender, target, files);
  result.attachments = static_cast<int>(records.size());
  if ((step == Step::create || step == Step::link) && !records.empty()) {
    std::vector<std::string> names;
    for (const auto& r : records) {
      names.push_back(r.name);
    }
    apply_change(as_sender, target, model::Action::attach, "attached: " + util::join(names, ", "),
                 [](model::Ticket&) {}, [&](const model::Ticket&, const model::Ticket&) {
                   return std::optional<std::string>("{\"attachments\":" + attachments_json(records) + "}");
                 });
  }
  if (step == Step::append || step == Step::reopen) {
    apply_change(as_sender, target, model::Action::comment, text, [](model::Ticket&) {},
                 [&](const model::Ticket&, const model::Ticket&) {
                   return std::optional<std::string>(mail_data(m, result.message_id, request.internal, records));
                 });
  }
  if (config.mail.cc_become_watchers) {
    std::vector<std::string> cc;
    for (const mail::Address& a : m.cc) {
      if (!mail::same_address(a.address, sender) && !is_desk_address(config, a.address)) {
        try {
          cc.push_back(normalise_watcher(config, a.address, "Cc"));
        } catch (const Error&) {
          // an address sdesk cannot store as a watcher is skipped
        }
      }
    }
    add_watchers(as_sender, target, cc);
  }
  mail.add_message(result.message_id, target, store::MailDirection::in, ctx.now);
  result.ticket = target;
  tx.commit();
  return result;
}

} // namespace sdesk::ops

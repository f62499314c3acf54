#include "lib/ops/announce.hpp"

#include "lib/model/limits.hpp"
#include "lib/ops/mail_out.hpp"
#include "lib/ops/subscription.hpp"
#include "lib/ops/validate.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <fmt/format.h>

namespace sdesk::ops {

namespace {

// Queues the message of announcement `a` to `recipient` (one subscriber:
// To: them alone, so no subscriber sees another's address) through the one
// mail queue, in the caller's write transaction. Not about a ticket (no
// subject tag, no threading): a reply opens a ticket of its own.
void queue_announcement_mail(Context& ctx, const store::Announcement& a, const std::string& recipient)
{
  MailToSend mail;
  mail.to = recipient;
  mail.subject = a.subject;
  mail.body = announcement_text(a, recipient, ctx.config.mail.address);
  mail.kind = "announce";
  mail.key = fmt::format("announce {}", a.id);
  queue_mail(ctx, mail);
}

} // namespace

void check_announcement(const config::Config& config, const AnnounceRequest& request)
{
  require_service(config, request.service, "--service");
  require_one_line(request.subject, "--subject");
  model::check_text("--subject", request.subject, model::Limited::title);
  model::check_text("--body", request.body, model::Limited::long_text);
  if (request.from.has_value() != request.to.has_value()) {
    throw Error(ErrorKind::usage, fmt::format("{}: needs {} too (a window has both ends)",
                                              request.from ? "--from" : "--to", request.from ? "--to" : "--from"));
  }
  if (request.from && *request.to <= *request.from) {
    throw Error(ErrorKind::usage, fmt::format("--to: {} is not after --from ({})", util::format_time(*request.to),
                                              util::format_time(*request.from)));
  }
}

Announced announce_in_transaction(Context& ctx, const AnnounceRequest& request,
                                  std::optional<model::TicketId> change)
{
  check_announcement(ctx.config, request);
  Announced result;
  result.recipients = subscriber_addresses(ctx, request.service);
  if (result.recipients.empty()) {
    throw Error(ErrorKind::refused,
                fmt::format("service {} has no subscribers; nothing was announced (add them with 'sdesk subscribe "
                            "{} ADDRESS...' or [services.{}] subscribers)",
                            util::quote(request.service), request.service, request.service));
  }
  store::Announcement& a = result.announcement;
  a.service = request.service;
  a.subject = request.subject;
  a.body = request.body;
  a.from = request.from;
  a.to = request.to;
  a.change = change;
  a.created = ctx.now;
  a.created_by = ctx.actor;
  a.recipients = static_cast<std::int64_t>(result.recipients.size());
  a.id = ctx.backend.announcements().add_announcement(a);
  for (const std::string& recipient : result.recipients) {
    queue_announcement_mail(ctx, a, recipient);
  }
  return result;
}

Announced announce(Context& ctx, const AnnounceRequest& request)
{
  check_announcement(ctx.config, request);
  store::Transaction tx(ctx.store, store::TxMode::write);
  Announced result = announce_in_transaction(ctx, request, std::nullopt);
  tx.commit();
  return result;
}

std::vector<store::Announcement> list_announcements(Context& ctx, bool current)
{
  store::AnnouncementQuery query;
  if (current) {
    query.current_at = ctx.now;
    query.recent_since = ctx.now - k_announcement_recent;
  }
  store::Transaction tx(ctx.store, store::TxMode::read);
  return ctx.backend.announcements().announcements(query);
}

std::string announcement_text(const store::Announcement& a, const std::string& recipient,
                              const std::optional<std::string>& desk_address)
{
  std::string text;
  if (!a.body.empty()) {
    text = a.body;
    if (text.back() != '\n') {
      text += '\n';
    }
    text += '\n';
  }
  text += fmt::format("Service: {}\n", a.service);
  if (a.from && a.to) {
    text += fmt::format("When:    {} to {}\n", util::format_time(*a.from), util::format_time(*a.to));
  }
  if (a.change) {
    text += fmt::format("Change:  #{}\n", *a.change);
  }
  text += fmt::format("\n-- \nYou receive this because {} is subscribed to announcements about {}.\n", recipient,
                      a.service);
  if (desk_address) {
    text += fmt::format("To stop them, write to {}.\n", *desk_address);
  }
  return text;
}

} // namespace sdesk::ops

#include "lib/ops/mail_out.hpp"

#include "lib/mail/compose.hpp"
#include "lib/mail/message.hpp"
#include "lib/ops/notify.hpp"
#include "lib/util/duration.hpp"
#include "lib/util/error.hpp"
#include "lib/util/process.hpp"
#include "lib/util/sha256.hpp"
#include "lib/util/strings.hpp"

#include <fmt/format.h>

#include <ctime>
#include <limits>

namespace sdesk::ops {

namespace {

// RFC 5322's date: "Wed, 02 Dec 2026 13:05:03 +0000" (UTC; names in
// English whatever the locale).
std::string mail_date(util::Time t)
{
  static constexpr const char* k_days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t seconds = t.time_since_epoch().count();
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", k_days[tm.tm_wday], tm.tm_mday, k_months[tm.tm_mon],
                     tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

// The desk's address, or Error(config).
const std::string& desk_address(const config::Config& config)
{
  if (!config.mail.address) {
    throw Error(ErrorKind::config, "mail.address is not set: sdesk sends no mail without its own address "
                                   "(docs/config.md, [mail])");
  }
  return *config.mail.address;
}

// The Message-ID (without brackets) of the message `key` to `to`.
std::string message_id(const std::string& desk, const MailToSend& mail, const std::string& to)
{
  const std::string domain = desk.substr(desk.rfind('@') + 1);
  const std::string hash = util::to_hex(util::sha256(mail.key + "\n" + to)).substr(0, 20);
  return mail.ticket ? fmt::format("sdesk.{}.{}@{}", *mail.ticket, hash, domain)
                     : fmt::format("sdesk.{}@{}", hash, domain);
}

// The first line of `text` that is not blank, or nothing.
std::optional<std::string> first_line(const std::string& text)
{
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      end = text.size();
    }
    const std::string_view line = util::trim(std::string_view(text).substr(start, end - start));
    if (!line.empty()) {
      return util::sanitize_for_terminal(line);
    }
    start = end + 1;
  }
  return std::nullopt;
}

// Why a run of the sendmail command failed, or nothing when it did not.
std::optional<std::string> send_failure(const util::RunResult& r, std::chrono::seconds timeout)
{
  if (r.timed_out) {
    return fmt::format("the sendmail command timed out after {}", util::format_duration(timeout));
  }
  if (r.exit_code == 0) {
    return std::nullopt;
  }
  const std::string how = r.exit_code < 0 ? std::string("was killed by a signal")
                                          : fmt::format("exited with status {}", r.exit_code);
  const auto said = first_line(r.err);
  return said ? fmt::format("the sendmail command {}: {}", how, *said) : "the sendmail command " + how;
}

// Hands message `m` (claimed) to the sendmail command; the reason when it
// failed.
std::optional<std::string> send(Context& ctx, const store::QueuedMail& m)
{
  try {
    const util::RunResult r =
      util::run_process(ctx.config.mail.sendmail, m.message, {}, ctx.config.mail.send_timeout, "the sendmail command");
    return send_failure(r, ctx.config.mail.send_timeout);
  } catch (const Error& e) {
    return std::string(e.what());
  }
}

// How one due message went.
enum class Outcome { sent, failed, deferred, taken };

// Claims `m`, checking its recipient's hourly limit first; sends it and
// records how it went. `why` gets the reason of a failure or deferral.
Outcome deliver_one(Context& ctx, const store::QueuedMail& m, std::string& why)
{
  store::MailQueueStore& queue = ctx.backend.mail_queue();
  const auto lease = ctx.config.mail.send_timeout * 2 + std::chrono::seconds{60};
  {
    store::Transaction tx(ctx.store, store::TxMode::write);
    const std::vector<util::Time> hour = queue.sent_to(m.recipient, ctx.now - std::chrono::hours{1});
    if (static_cast<std::int64_t>(hour.size()) >= ctx.config.mail.hourly_limit) {
      const util::Time next = hour.front() + std::chrono::hours{1} + std::chrono::seconds{1};
      why = fmt::format("{} {} message(s) sent to {} in the last hour (mail.hourly_limit {}); next try {}", k_deferred,
                        hour.size(), m.recipient, ctx.config.mail.hourly_limit, util::format_time(next));
      queue.defer(m.id, next, why);
      tx.commit();
      return Outcome::deferred;
    }
    if (!queue.claim(m.id, ctx.now, ctx.now + lease)) {
      return Outcome::taken; // sent, or claimed by another tick or flush meanwhile
    }
    tx.commit();
  }
  const auto failure = send(ctx, m);
  store::Transaction tx(ctx.store, store::TxMode::write);
  if (failure) {
    const util::Time next = ctx.now + util::retry_delay(m.attempts + 1);
    why = *failure;
    queue.failed(m.id, next, *failure);
    tx.commit();
    return Outcome::failed;
  }
  queue.sent(m.id, ctx.now);
  tx.commit();
  return Outcome::sent;
}

} // namespace

std::optional<std::int64_t> queue_mail(Context& ctx, const MailToSend& mail)
{
  const std::string& desk = desk_address(ctx.config);
  const std::string to = util::to_lower(util::trim(mail.to));
  if (!mail::is_plain_address(to)) {
    throw Error(ErrorKind::usage, fmt::format("mail: recipient {} is not a plain address (accepted: local@domain)",
                                              util::quote(mail::one_line(mail.to))));
  }
  std::string subject = mail::one_line(mail.subject);
  if (mail.ticket) {
    const std::string tag = fmt::format("[{} #{}]", ctx.config.mail.subject_tag, *mail.ticket);
    if (!subject.starts_with(tag)) {
      subject = subject.empty() ? tag : tag + " " + subject;
    }
  }
  store::QueuedMail queued;
  queued.message_id = message_id(desk, mail, to);
  queued.ticket = mail.ticket;
  queued.kind = mail.kind;
  queued.recipient = to;
  queued.subject = subject;
  queued.created = ctx.now;
  queued.next_attempt = ctx.now;

  std::vector<mail::OutHeader> headers{
    {"From", desk},
    {"To", mail::format_mailbox(mail.to_name, to)},
    {"Subject", mail::encode_text(subject)},
    {"Date", mail_date(ctx.now)},
    {"Message-ID", "<" + queued.message_id + ">"},
  };
  store::MailStore& store = ctx.backend.mail();
  if (mail.ticket) {
    if (const auto ends = store.thread_ends(*mail.ticket)) {
      headers.push_back({"In-Reply-To", "<" + ends->second + ">"});
      std::string references = "<" + ends->first + ">";
      if (ends->second != ends->first) {
        references += " <" + ends->second + ">";
      }
      headers.push_back({"References", references});
    }
  }
  headers.push_back({"Auto-Submitted", "auto-generated"});
  headers.push_back({"X-Auto-Response-Suppress", "All"}); // no out-of-office replies from Exchange
  headers.push_back({mail::k_loop_header, desk});
  queued.message = mail::compose(headers, mail.body);

  const auto id = ctx.backend.mail_queue().add(queued);
  if (id && mail.ticket) {
    store.add_message(queued.message_id, *mail.ticket, store::MailDirection::out, ctx.now);
  }
  return id;
}

MailDelivery deliver_mail(Context& ctx, std::size_t limit)
{
  MailDelivery result;
  std::vector<store::QueuedMail> due;
  {
    store::Transaction tx(ctx.store, store::TxMode::read);
    due = ctx.backend.mail_queue().due(ctx.now, limit);
    tx.commit();
  }
  for (const store::QueuedMail& m : due) {
    std::string why;
    switch (deliver_one(ctx, m, why)) {
    case Outcome::sent:
      ++result.sent;
      result.details.push_back(fmt::format("mail {} to {}: sent", m.id, m.recipient));
      break;
    case Outcome::failed:
      ++result.failed;
      result.details.push_back(fmt::format("mail {} to {}: failed: {}", m.id, m.recipient, why));
      break;
    case Outcome::deferred:
      ++result.deferred;
      result.details.push_back(fmt::format("mail {} to {}: {}", m.id, m.recipient, why));
      break;
    case Outcome::taken:
      break;
    }
  }
  return result;
}

MailDelivery send_mail_now(Context& ctx, std::size_t limit)
{
  std::vector<std::string> details;
  const int queued = notify_due(ctx, limit, details);
  MailDelivery result = deliver_mail(ctx, limit);
  result.queued = queued;
  result.details.insert(result.details.begin(), details.begin(), details.end());
  return result;
}

MailOutbox mail_outbox(Context& ctx)
{
  // Every "mail" delivery not done, due or not: due up to a time no retry
  // reaches.
  const util::Time any = ctx.now + std::chrono::hours{24 * 365 * 100};
  MailOutbox outbox;
  store::Transaction tx(ctx.store, store::TxMode::read);
  outbox.notifications = ctx.backend.deliveries().due(any, std::numeric_limits<std::int32_t>::max(), k_mail_consumer);
  outbox.messages = ctx.backend.mail_queue().pending();
  tx.commit();
  return outbox;
}

} // namespace sdesk::ops

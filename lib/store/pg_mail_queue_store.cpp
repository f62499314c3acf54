// The PostgreSQL outgoing mail queue: table mail_queue, as
// sqlite_mail_queue_store.cpp reads and writes it (the same columns).

#include "lib/store/pg_backend.hpp"
#include "lib/store/unix_time.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

#include <optional>
#include <string>

namespace sdesk::store {

namespace {

constexpr std::string_view k_select =
  "SELECT id, message_id, ticket_id, kind, recipient, subject, message, created_at, attempts, next_attempt,"
  " sent_at, last_error FROM mail_queue";

QueuedMail read_mail(const PgResult& r, int row)
{
  QueuedMail m;
  m.id = r.get_int(row, 0);
  m.message_id = r.get_text(row, 1);
  m.ticket = r.get_opt_int(row, 2);
  m.kind = r.get_text(row, 3);
  m.recipient = r.get_text(row, 4);
  m.subject = r.get_text(row, 5);
  m.message = r.get_text(row, 6);
  m.created = to_time(r.get_int(row, 7));
  m.attempts = r.get_int(row, 8);
  m.next_attempt = to_time(r.get_int(row, 9));
  m.sent = to_time(r.get_opt_int(row, 10));
  m.last_error = r.get_opt_text(row, 11);
  return m;
}

std::vector<QueuedMail> read_all(const PgResult& r)
{
  std::vector<QueuedMail> out;
  for (int row = 0; row < r.rows(); ++row) {
    out.push_back(read_mail(r, row));
  }
  return out;
}

class PgMailQueueStore final : public MailQueueStore {
public:
  explicit PgMailQueueStore(PgConnection& conn)
    : m_conn(conn)
  {
  }

  std::optional<std::int64_t> add(const QueuedMail& m) override
  {
    // Checked first: a failed statement would abort the transaction.
    if (m.ticket
        && m_conn.run("mail_queue_ticket", "SELECT 1 FROM ticket WHERE id = $1", PgParams().add(*m.ticket)).rows()
             == 0) {
      throw Error(ErrorKind::store, fmt::format("store '{}': ticket {} is not stored", m_conn.name(), *m.ticket));
    }
    const auto r = m_conn.run("mail_queue_add",
                              "INSERT INTO mail_queue (message_id, ticket_id, kind, recipient, subject, message,"
                              " created_at, next_attempt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                              " ON CONFLICT (message_id) DO NOTHING RETURNING id",
                              PgParams()
                                .add(m.message_id)
                                .add(m.ticket)
                                .add(m.kind)
                                .add(m.recipient)
                                .add(m.subject)
                                .add(m.message)
                                .add(seconds(m.created))
                                .add(seconds(m.next_attempt)));
    if (r.rows() == 0) {
      return std::nullopt;
    }
    return r.get_int(0, 0);
  }

  std::vector<QueuedMail> due(util::Time now, std::size_t limit) override
  {
    return read_all(m_conn.run("mail_queue_due",
                               std::string(k_select)
                                 + " WHERE sent_at IS NULL AND next_attempt <= $1 ORDER BY id LIMIT $2",
                               PgParams().add(seconds(now)).add(static_cast<std::int64_t>(limit))));
  }

  std::vector<QueuedMail> pending() override
  {
    return read_all(m_conn.run("mail_queue_pending", std::string(k_select) + " WHERE sent_at IS NULL ORDER BY id"));
  }

  bool claim(std::int64_t id, util::Time now, util::Time until) override
  {
    const auto r = m_conn.run("mail_queue_claim",
                              "UPDATE mail_queue SET next_attempt = $1 WHERE id = $2 AND sent_at IS NULL"
                              " AND next_attempt <= $3",
                              PgParams().add(seconds(until)).add(id).add(seconds(now)));
    return r.changed() == 1;
  }

  void sent(std::int64_t id, util::Time at) override
  {
    m_conn.run("mail_queue_sent", "UPDATE mail_queue SET sent_at = $1, last_error = NULL WHERE id = $2",
               PgParams().add(seconds(at)).add(id));
  }

  void failed(std::int64_t id, util::Time next, const std::string& error) override
  {
    m_conn.run("mail_queue_failed",
               "UPDATE mail_queue SET attempts = attempts + 1, next_attempt = $1, last_error = $2 WHERE id = $3",
               PgParams().add(seconds(next)).add(error).add(id));
  }

  void defer(std::int64_t id, util::Time next, const std::string& reason) override
  {
    m_conn.run("mail_queue_defer", "UPDATE mail_queue SET next_attempt = $1, last_error = $2 WHERE id = $3",
               PgParams().add(seconds(next)).add(reason).add(id));
  }

  std::vector<util::Time> sent_to(std::string_view recipient, util::Time since) override
  {
    const auto r = m_conn.run("mail_queue_sent_to",
                              "SELECT sent_at FROM mail_queue WHERE recipient = $1 AND sent_at >= $2"
                              " ORDER BY sent_at",
                              PgParams().add(recipient).add(seconds(since)));
    std::vector<util::Time> out;
    for (int row = 0; row < r.rows(); ++row) {
      out.push_back(to_time(r.get_int(row, 0)));
    }
    return out;
  }

private:
  PgConnection& m_conn;
};

} // namespace

std::unique_ptr<MailQueueStore> make_pg_mail_queue_store(PgConnection& conn)
{
  return std::make_unique<PgMailQueueStore>(conn);
}

} // namespace sdesk::store

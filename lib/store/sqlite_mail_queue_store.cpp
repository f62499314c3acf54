// The SQLite outgoing mail queue: table mail_queue (schema migration 18).

#include "lib/store/sqlite_backend.hpp"
#include "lib/store/statement.hpp"
#include "lib/store/unix_time.hpp"

#include <optional>
#include <string>

namespace sdesk::store {

namespace {

constexpr std::string_view k_select =
  "SELECT id, message_id, ticket_id, kind, recipient, subject, message, created_at, attempts, next_attempt,"
  " sent_at, last_error FROM mail_queue";

QueuedMail read_mail(const Statement& stmt)
{
  QueuedMail m;
  m.id = stmt.get_int(0);
  m.message_id = stmt.get_text(1);
  m.ticket = stmt.get_opt_int(2);
  m.kind = stmt.get_text(3);
  m.recipient = stmt.get_text(4);
  m.subject = stmt.get_text(5);
  m.message = stmt.get_text(6);
  m.created = to_time(stmt.get_int(7));
  m.attempts = stmt.get_int(8);
  m.next_attempt = to_time(stmt.get_int(9));
  m.sent = to_time(stmt.get_opt_int(10));
  m.last_error = stmt.get_opt_text(11);
  return m;
}

class SqliteMailQueueStore final : public MailQueueStore {
public:
  explicit SqliteMailQueueStore(Database& db)
    : m_db(db)
  {
  }

  std::optional<std::int64_t> add(const QueuedMail& m) override
  {
    auto stmt = m_db.prepare("INSERT OR IGNORE INTO mail_queue (message_id, ticket_id, kind, recipient, subject,"
                             " message, created_at, next_attempt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    stmt.bind(1, m.message_id).bind(2, m.ticket).bind(3, m.kind).bind(4, m.recipient).bind(5, m.subject);
    stmt.bind(6, m.message).bind(7, seconds(m.created)).bind(8, seconds(m.next_attempt));
    stmt.run();
    if (m_db.changes() == 0) {
      return std::nullopt;
    }
    return m_db.last_insert_rowid();
  }

  std::vector<QueuedMail> due(util::Time now, std::size_t limit) override
  {
    auto stmt = m_db.prepare(std::string(k_select)
                             + " WHERE sent_at IS NULL AND next_attempt <= ? ORDER BY id LIMIT ?");
    stmt.bind(1, seconds(now)).bind(2, static_cast<std::int64_t>(limit));
    return read_all(stmt);
  }

  std::vector<QueuedMail> pending() override
  {
    auto stmt = m_db.prepare(std::string(k_select) + " WHERE sent_at IS NULL ORDER BY id");
    return read_all(stmt);
  }

  bool claim(std::int64_t id, util::Time now, util::Time until) override
  {
    auto stmt = m_db.prepare("UPDATE mail_queue SET next_attempt = ? WHERE id = ? AND sent_at IS NULL"
                             " AND next_attempt <= ?");
    stmt.bind(1, seconds(until)).bind(2, id).bind(3, seconds(now));
    stmt.run();
    return m_db.changes() == 1;
  }

  void sent(std::int64_t id, util::Time at) override
  {
    auto stmt = m_db.prepare("UPDATE mail_queue SET sent_at = ?, last_error = NULL WHERE id = ?");
    stmt.bind(1, seconds(at)).bind(2, id);
    stmt.run();
  }

  void failed(std::int64_t id, util::Time next, const std::string& error) override
  {
    auto stmt = m_db.prepare("UPDATE mail_queue SET attempts = attempts + 1, next_attempt = ?, last_error = ?"
                             " WHERE id = ?");
    stmt.bind(1, seconds(next)).bind(2, error).bind(3, id);
    stmt.run();
  }

  void defer(std::int64_t id, util::Time next, const std::string& reason) override
  {
    auto stmt = m_db.prepare("UPDATE mail_queue SET next_attempt = ?, last_error = ? WHERE id = ?");
    stmt.bind(1, seconds(next)).bind(2, reason).bind(3, id);
    stmt.run();
  }

  std::vector<util::Time> sent_to(std::string_view recipient, util::Time since) override
  {
    auto stmt = m_db.prepare("SELECT sent_at FROM mail_queue WHERE recipient = ? AND sent_at >= ?"
                             " ORDER BY sent_at");
    stmt.bind(1, recipient).bind(2, seconds(since));
    std::vector<util::Time> out;
    while (stmt.step()) {
      out.push_back(to_time(stmt.get_int(0)));
    }
    return out;
  }

private:
  static std::vector<QueuedMail> read_all(Statement& stmt)
  {
    std::vector<QueuedMail> out;
    while (stmt.step()) {
      out.push_back(read_mail(stmt));
    }
    return out;
  }

  Database& m_db;
};

} // namespace

std::unique_ptr<MailQueueStore> make_sqlite_mail_queue_store(Database& db)
{
  return std::make_unique<SqliteMailQueueStore>(db);
}

} // namespace sdesk::store

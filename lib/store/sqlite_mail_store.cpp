// The SQLite mail store: tables mail_message, ticket_watcher,
// attachment_content and ticket_attachment (schema migration 17).

#include "lib/store/sqlite_backend.hpp"
#include "lib/store/unix_time.hpp"
#include "lib/store/statement.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

#include <optional>
#include <string>

namespace sdesk::store {

namespace {

std::string_view to_string(MailDirection direction)
{
  return direction == MailDirection::in ? "in" : "out";
}

class SqliteMailStore final : public MailStore {
public:
  explicit SqliteMailStore(Database& db)
    : m_db(db)
  {
  }

  std::optional<model::TicketId> find_message(std::string_view message_id) override
  {
    auto& stmt = m_db.cached(m_find, "SELECT ticket_id FROM mail_message WHERE message_id = ?");
    stmt.bind(1, message_id);
    if (!stmt.step()) {
      return std::nullopt;
    }
    return stmt.get_int(0);
  }

  bool add_message(std::string_view message_id, model::TicketId ticket, MailDirection direction,
                   util::Time at) override
  {
    auto& stmt = m_db.cached(m_add_message,
                             "INSERT OR IGNORE INTO mail_message (message_id, ticket_id, direction, at, seq)"
                             " VALUES (?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM mail_message"
                             " WHERE ticket_id = ?2))");
    stmt.bind(1, message_id).bind(2, ticket).bind(3, to_string(direction)).bind(4, seconds(at));
    stmt.run();
    return m_db.changes() > 0;
  }

  std::optional<std::pair<std::string, std::string>> thread_ends(model::TicketId ticket) override
  {
    const auto end = [&](std::string_view order) -> std::optional<std::string> {
      auto stmt = m_db.prepare(fmt::format("SELECT message_id FROM mail_message WHERE ticket_id = ?"
                                           " ORDER BY seq {0}, at {0}, message_id {0} LIMIT 1",
                                           order));
      stmt.bind(1, ticket);
      return stmt.step() ? std::optional(stmt.get_text(0)) : std::nullopt;
    };
    auto oldest = end("ASC");
    if (!oldest) {
      return std::nullopt;
    }
    return std::pair(std::move(*oldest), end("DESC").value_or(std::string()));
  }

  std::vector<std::string> watchers(model::TicketId ticket) override
  {
    auto& stmt =
      m_db.cached(m_watchers, "SELECT who FROM ticket_watcher WHERE ticket_id = ? ORDER BY who COLLATE BINARY");
    stmt.bind(1, ticket);
    std::vector<std::string> out;
    while (stmt.step()) {
      out.push_back(stmt.get_text(0));
    }
    return out;
  }

  bool add_watcher(model::TicketId ticket, std::string_view who, util::Time at) override
  {
    auto& stmt = m_db.cached(m_add_watcher,
                        "INSERT OR IGNORE INTO ticket_watcher (ticket_id, who, added_at) VALUES (?, ?, ?)");
    stmt.bind(1, ticket).bind(2, who).bind(3, seconds(at));
    stmt.run();
    return m_db.changes() > 0;
  }

  bool remove_watcher(model::TicketId ticket, std::string_view who) override
  {
    auto stmt = m_db.prepare("DELETE FROM ticket_watcher WHERE ticket_id = ? AND who = ?");
    stmt.bind(1, ticket).bind(2, who);
    stmt.run();
    return m_db.changes() > 0;
  }

  void put_content(std::string_view sha256, std::string_view content) override
  {
    auto stmt = m_db.prepare("INSERT OR IGNORE INTO attachment_content (sha256, size, content) VALUES (?, ?, ?)");
    stmt.bind(1, sha256).bind(2, static_cast<std::int64_t>(content.size())).bind_blob_static(3, content);
    stmt.run();
  }

  std::int64_t add_attachment(const AttachmentRecord& r) override
  {
    auto stmt = m_db.prepare("INSERT INTO ticket_attachment (ticket_id, name, content_type, size, sha256, "
                             "added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
    stmt.bind(1, r.ticket)
      .bind(2, r.name)
      .bind(3, r.content_type)
      .bind(4, r.size)
      .bind(5, r.sha256)
      .bind(6, seconds(r.added))
      .bind(7, r.added_by);
    stmt.run();
    return m_db.last_insert_rowid();
  }

  std::vector<AttachmentRecord> attachments(model::TicketId ticket) override
  {
    auto stmt = m_db.prepare("SELECT id, ticket_id, name, content_type, size, sha256, added_at, added_by "
                             "FROM ticket_attachment WHERE ticket_id = ? ORDER BY id");
    stmt.bind(1, ticket);
    std::vector<AttachmentRecord> out;
    while (stmt.step()) {
      AttachmentRecord r;
      r.id = stmt.get_int(0);
      r.ticket = stmt.get_int(1);
      r.name = stmt.get_text(2);
      r.content_type = stmt.get_text(3);
      r.size = stmt.get_int(4);
      r.sha256 = stmt.get_text(5);
      r.added = to_time(stmt.get_int(6));
      r.added_by = stmt.get_text(7);
      out.push_back(std::move(r));
    }
    return out;
  }

  std::optional<std::string> content(std::string_view sha256) override
  {
    auto stmt = m_db.prepare("SELECT content FROM attachment_content WHERE sha256 = ?");
    stmt.bind(1, sha256);
    if (!stmt.step()) {
      return std::nullopt;
    }
    return stmt.get_opt_blob(0).value_or(std::string());
  }

private:
  Database& m_db;
  std::optional<Statement> m_find;
  std::optional<Statement> m_add_message;
  std::optional<Statement> m_watchers;
  std::optional<Statement> m_add_watcher;
};

} // namespace

std::unique_ptr<MailStore> make_sqlite_mail_store(Database& db)
{
  return std::make_unique<SqliteMailStore>(db);
}

} // namespace sdesk::store

// The PostgreSQL mail store: tables mail_message, ticket_watcher,
// attachment_content and ticket_attachment, as sqlite_mail_store.cpp reads
// and writes them (the same columns).

#include "lib/store/pg_backend.hpp"
#include "lib/store/unix_time.hpp"
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

class PgMailStore final : public MailStore {
public:
  explicit PgMailStore(PgConnection& conn)
    : m_conn(conn)
  {
  }

  std::optional<model::TicketId> find_message(std::string_view message_id) override
  {
    const auto r = m_conn.run("mail_find", "SELECT ticket_id FROM mail_message WHERE message_id = $1",
                              PgParams().add(message_id));
    if (r.rows() == 0) {
      return std::nullopt;
    }
    return r.get_int(0, 0);
  }

  bool add_message(std::string_view message_id, model::TicketId ticket, MailDirection direction,
                   util::Time at) override
  {
    require_ticket(ticket);
    const auto r = m_conn.run("mail_add_message",
                              "INSERT INTO mail_message (message_id, ticket_id, direction, at, seq)"
                              " VALUES ($1, $2, $3, $4, (SELECT coalesce(max(seq), 0) + 1 FROM mail_message"
                              " WHERE ticket_id = $2)) ON CONFLICT (message_id) DO NOTHING",
                              PgParams().add(message_id).add(ticket).add(to_string(direction)).add(seconds(at)));
    return r.changed() > 0;
  }

  std::optional<std::pair<std::string, std::string>> thread_ends(model::TicketId ticket) override
  {
    const auto end = [&](const char* name, std::string_view order) -> std::optional<std::string> {
      const auto r = m_conn.run(name,
                                fmt::format("SELECT message_id FROM mail_message WHERE ticket_id = $1"
                                            " ORDER BY seq {0}, at {0}, message_id {0} LIMIT 1",
                                            order),
                                PgParams().add(ticket));
      return r.rows() > 0 ? std::optional(r.get_text(0, 0)) : std::nullopt;
    };
    auto oldest = end("mail_thread_oldest", "ASC");
    if (!oldest) {
      return std::nullopt;
    }
    return std::pair(std::move(*oldest), end("mail_thread_newest", "DESC").value_or(std::string()));
  }

  std::vector<std::string> watchers(model::TicketId ticket) override
  {
    const auto r = m_conn.run("mail_watchers", "SELECT who FROM ticket_watcher WHERE ticket_id = $1 ORDER BY who",
                              PgParams().add(ticket)); // COLLATE "C": bytes order
    std::vector<std::string> out;
    for (int row = 0; row < r.rows(); ++row) {
      out.push_back(r.get_text(row, 0));
    }
    return out;
  }

  bool add_watcher(model::TicketId ticket, std::string_view who, util::Time at) override
  {
    require_ticket(ticket);
    const auto r = m_conn.run("mail_add_watcher",
                              "INSERT INTO ticket_watcher (ticket_id, who, added_at) VALUES ($1, $2, $3)"
                              " ON CONFLICT (ticket_id, who) DO NOTHING",
                              PgParams().add(ticket).add(who).add(seconds(at)));
    return r.changed() > 0;
  }

  bool remove_watcher(model::TicketId ticket, std::string_view who) override
  {
    const auto r = m_conn.run("mail_remove_watcher", "DELETE FROM ticket_watcher WHERE ticket_id = $1 AND who = $2",
                              PgParams().add(ticket).add(who));
    return r.changed() > 0;
  }

  void put_content(std::string_view sha256, std::string_view content) override
  {
    PgParams params;
    params.add(sha256).add(static_cast<std::int64_t>(content.size())).add_bytes(content);
    m_conn.run("mail_put_content",
               "INSERT INTO attachment_content (sha256, size, content) VALUES ($1, $2, $3)"
               " ON CONFLICT (sha256) DO NOTHING",
               params);
  }

  std::int64_t add_attachment(const AttachmentRecord& a) override
  {
    require_ticket(a.ticket);
    if (m_conn.run("mail_has_content", "SELECT 1 FROM attachment_content WHERE sha256 = $1", PgParams().add(a.sha256))
          .rows()
        == 0) {
      throw Error(ErrorKind::store, fmt::format("store '{}': attachment '{}' names content {}, which is not stored",
                                                m_conn.name(), a.name, a.sha256));
    }
    const auto r = m_conn.run("mail_add_attachment",
                              "INSERT INTO ticket_attachment (ticket_id, name, content_type, size, sha256,"
                              " added_at, added_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                              PgParams()
                                .add(a.ticket)
                                .add(a.name)
                                .add(a.content_type)
                                .add(a.size)
                                .add(a.sha256)
                                .add(seconds(a.added))
                                .add(a.added_by));
    return r.get_int(0, 0);
  }

  std::vector<AttachmentRecord> attachments(model::TicketId ticket) override
  {
    const auto r = m_conn.run("mail_attachments",
                              "SELECT id, ticket_id, name, content_type, size, sha256, added_at, added_by"
                              " FROM ticket_attachment WHERE ticket_id = $1 ORDER BY id",
                              PgParams().add(ticket));
    std::vector<AttachmentRecord> out;
    for (int row = 0; row < r.rows(); ++row) {
      AttachmentRecord a;
      a.id = r.get_int(row, 0);
      a.ticket = r.get_int(row, 1);
      a.name = r.get_text(row, 2);
      a.content_type = r.get_text(row, 3);
      a.size = r.get_int(row, 4);
      a.sha256 = r.get_text(row, 5);
      a.added = to_time(r.get_int(row, 6));
      a.added_by = r.get_text(row, 7);
      out.push_back(std::move(a));
    }
    return out;
  }

  std::optional<std::string> content(std::string_view sha256) override
  {
    const auto r = m_conn.run("mail_content", "SELECT content FROM attachment_content WHERE sha256 = $1",
                              PgParams().add(sha256));
    if (r.rows() == 0) {
      return std::nullopt;
    }
    return r.get_opt_bytes(0, 0).value_or(std::string());
  }

private:
  // Throws Error(store) unless ticket `id` is stored (checked first: a
  // failed statement would abort the transaction).
  void require_ticket(model::TicketId id)
  {
    if (m_conn.run("mail_ticket", "SELECT 1 FROM ticket WHERE id = $1", PgParams().add(id)).rows() == 0) {
      throw Error(ErrorKind::store, fmt::format("store '{}': ticket {} is not stored", m_conn.name(), id));
    }
  }

  PgConnection& m_conn;
};

} // namespace

std::unique_ptr<MailStore> make_pg_mail_store(PgConnection& conn)
{
  return std::make_unique<PgMailStore>(conn);
}

} // namespace sdesk::store

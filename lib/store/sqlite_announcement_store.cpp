// The SQLite announcement store: tables service_subscriber and
// announcement (schema migration 18).

#include "lib/store/sqlite_backend.hpp"
#include "lib/store/statement.hpp"
#include "lib/store/unix_time.hpp"

#include <string>

namespace sdesk::store {

namespace {

constexpr std::string_view k_announcement_columns =
  "id, service, subject, body, window_start, window_end, change_id, created_at, created_by, recipients";

class SqliteAnnouncementStore final : public AnnouncementStore {
public:
  explicit SqliteAnnouncementStore(Database& db)
    : m_db(db)
  {
  }

  bool add_subscriber(std::string_view service, std::string_view address, util::Time at,
                      std::string_view by) override
  {
    auto stmt = m_db.prepare("INSERT OR IGNORE INTO service_subscriber (service, address, added_at, added_by) "
                             "VALUES (?, ?, ?, ?)");
    stmt.bind(1, service).bind(2, address).bind(3, seconds(at)).bind(4, by);
    stmt.run();
    return m_db.changes() > 0;
  }

  bool remove_subscriber(std::string_view service, std::string_view address) override
  {
    auto stmt = m_db.prepare("DELETE FROM service_subscriber WHERE service = ? AND address = ?");
    stmt.bind(1, service).bind(2, address);
    stmt.run();
    return m_db.changes() > 0;
  }

  std::vector<Subscription> subscribers(const std::optional<std::string>& service) override
  {
    auto stmt = m_db.prepare(service ? "SELECT service, address, added_at, added_by FROM service_subscriber "
                                       "WHERE service = ? ORDER BY service, address"
                                     : "SELECT service, address, added_at, added_by FROM service_subscriber "
                                       "ORDER BY service, address");
    if (service) {
      stmt.bind(1, *service);
    }
    std::vector<Subscription> out;
    while (stmt.step()) {
      out.push_back({stmt.get_text(0), stmt.get_text(1), to_time(stmt.get_int(2)), stmt.get_text(3)});
    }
    return out;
  }

  std::int64_t add_announcement(const Announcement& a) override
  {
    auto stmt = m_db.prepare("INSERT INTO announcement (service, subject, body, window_start, window_end, "
                             "change_id, created_at, created_by, recipients) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    stmt.bind(1, a.service)
      .bind(2, a.subject)
      .bind(3, a.body)
      .bind(4, seconds(a.from))
      .bind(5, seconds(a.to))
      .bind(6, a.change)
      .bind(7, seconds(a.created))
      .bind(8, a.created_by)
      .bind(9, a.recipients);
    stmt.run();
    return m_db.last_insert_rowid();
  }

  std::vector<Announcement> announcements(const AnnouncementQuery& query) override
  {
    std::string sql = fmt_select();
    if (query.current_at) {
      sql += " WHERE (window_start <= ?1 AND window_end > ?1)"
             " OR (window_start IS NULL AND created_at >= ?2 AND created_at <= ?1)";
    }
    sql += " ORDER BY id";
    auto stmt = m_db.prepare(sql);
    if (query.current_at) {
      stmt.bind(1, seconds(*query.current_at)).bind(2, seconds(query.recent_since));
    }
    std::vector<Announcement> out;
    while (stmt.step()) {
      Announcement a;
      a.id = stmt.get_int(0);
      a.service = stmt.get_text(1);
      a.subject = stmt.get_text(2);
      a.body = stmt.get_text(3);
      a.from = to_time(stmt.get_opt_int(4));
      a.to = to_time(stmt.get_opt_int(5));
      a.change = stmt.get_opt_int(6);
      a.created = to_time(stmt.get_int(7));
      a.created_by = stmt.get_text(8);
      a.recipients = stmt.get_int(9);
      out.push_back(std::move(a));
    }
    return out;
  }

private:
  static std::string fmt_select()
  {
    return "SELECT " + std::string(k_announcement_columns) + " FROM announcement";
  }

  Database& m_db;
};

} // namespace

AnnouncementStore& SqliteBackend::announcements()
{
  if (!m_announcements) {
    m_announcements = std::make_unique<SqliteAnnouncementStore>(m_tickets.database());
  }
  return *m_announcements;
}

} // namespace sdesk::store

// The PostgreSQL announcement store: tables service_subscriber and
// announcement, as sqlite_announcement_store.cpp reads and writes them.

#include "lib/store/pg_backend.hpp"
#include "lib/store/unix_time.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

#include <string>

namespace sdesk::store {

namespace {

constexpr std::string_view k_select =
  "SELECT id, service, subject, body, window_start, window_end, change_id, created_at, created_by, recipients"
  " FROM announcement";

class PgAnnouncementStore final : public AnnouncementStore {
public:
  explicit PgAnnouncementStore(PgConnection& conn)
    : m_conn(conn)
  {
  }

  bool add_subscriber(std::string_view service, std::string_view address, util::Time at,
                      std::string_view by) override
  {
    const auto r = m_conn.run("announce_subscribe",
                              "INSERT INTO service_subscriber (service, address, added_at, added_by)"
                              " VALUES ($1, $2, $3, $4) ON CONFLICT (service, address) DO NOTHING",
                              PgParams().add(service).add(address).add(seconds(at)).add(by));
    return r.changed() > 0;
  }

  bool remove_subscriber(std::string_view service, std::string_view address) override
  {
    const auto r = m_conn.run("announce_unsubscribe",
                              "DELETE FROM service_subscriber WHERE service = $1 AND address = $2",
                              PgParams().add(service).add(address));
    return r.changed() > 0;
  }

  std::vector<Subscription> subscribers(const std::optional<std::string>& service) override
  {
    // COLLATE "C" columns: ORDER BY sorts by bytes, as SQLite does.
    const auto r = service ? m_conn.run("announce_subscribers_of",
                                        "SELECT service, address, added_at, added_by FROM service_subscriber"
                                        " WHERE service = $1 ORDER BY service, address",
                                        PgParams().add(*service))
                           : m_conn.run("announce_subscribers",
                                        "SELECT service, address, added_at, added_by FROM service_subscriber"
                                        " ORDER BY service, address",
                                        PgParams());
    std::vector<Subscription> out;
    for (int row = 0; row < r.rows(); ++row) {
      out.push_back({r.get_text(row, 0), r.get_text(row, 1), to_time(r.get_int(row, 2)), r.get_text(row, 3)});
    }
    return out;
  }

  std::int64_t add_announcement(const Announcement& a) override
  {
    // Checked first: a failed statement would abort the transaction.
    if (a.change
        && m_conn.run("announce_ticket", "SELECT 1 FROM ticket WHERE id = $1", PgParams().add(*a.change)).rows()
             == 0) {
      throw Error(ErrorKind::store, fmt::format("store '{}': ticket {} is not stored", m_conn.name(), *a.change));
    }
    const auto r = m_conn.run("announce_add",
                              "INSERT INTO announcement (service, subject, body, window_start, window_end,"
                              " change_id, created_at, created_by, recipients)"
                              " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                              PgParams()
                                .add(a.service)
                                .add(a.subject)
                                .add(a.body)
                                .add(seconds(a.from))
                                .add(seconds(a.to))
                                .add(a.change)
                                .add(seconds(a.created))
                                .add(a.created_by)
                                .add(a.recipients));
    return r.get_int(0, 0);
  }

  std::vector<Announcement> announcements(const AnnouncementQuery& query) override
  {
    const auto r =
      query.current_at
        ? m_conn.run("announce_current",
                     std::string(k_select)
                       + " WHERE (window_start <= $1 AND window_end > $1)"
                         " OR (window_start IS NULL AND created_at >= $2 AND created_at <= $1) ORDER BY id",
                     PgParams().add(seconds(*query.current_at)).add(seconds(query.recent_since)))
        : m_conn.run("announce_all", std::string(k_select) + " ORDER BY id", PgParams());
    std::vector<Announcement> out;
    for (int row = 0; row < r.rows(); ++row) {
      Announcement a;
      a.id = r.get_int(row, 0);
      a.service = r.get_text(row, 1);
      a.subject = r.get_text(row, 2);
      a.body = r.get_text(row, 3);
      a.from = to_time(r.get_opt_int(row, 4));
      a.to = to_time(r.get_opt_int(row, 5));
      a.change = r.get_opt_int(row, 6);
      a.created = to_time(r.get_int(row, 7));
      a.created_by = r.get_text(row, 8);
      a.recipients = r.get_int(row, 9);
      out.push_back(std::move(a));
    }
    return out;
  }

private:
  PgConnection& m_conn;
};

} // namespace

AnnouncementStore& PgBackend::announcements()
{
  if (!m_announcements) {
    m_announcements = std::make_unique<PgAnnouncementStore>(m_conn);
  }
  return *m_announcements;
}

} // namespace sdesk::store

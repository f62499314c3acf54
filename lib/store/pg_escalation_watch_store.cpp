// The PostgreSQL escalation watch: tables escalation_watch and
// escalation_sweep, as sqlite_escalation_watch_store.cpp reads and writes
// them (the same columns). Neither has a foreign key, so the writes go
// ahead of the tickets PgStore holds back (defer_independent).

#include "lib/store/pg_backend.hpp"
#include "lib/store/unix_time.hpp"

#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

// check_at of a ticket due at once: before any instant a run can have.
constexpr std::int64_t k_due_now = 0;

class PgEscalationWatchStore final : public EscalationWatchStore {
public:
  explicit PgEscalationWatchStore(PgConnection& conn)
    : m_conn(conn)
  {
  }

  std::optional<std::string> swept_under() override
  {
    const auto r = m_conn.run("watch_swept", "SELECT config FROM escalation_sweep WHERE id = 1", PgParams());
    return r.rows() > 0 ? std::optional(r.get_text(0, 0)) : std::nullopt;
  }

  void set_swept_under(const std::string& fingerprint) override
  {
    m_conn.defer_independent("watch_sweep",
                             "INSERT INTO escalation_sweep (id, config) VALUES (1, $1)"
                             " ON CONFLICT (id) DO UPDATE SET config = excluded.config",
                             PgParams().add(fingerprint));
  }

  void lock_for_sweep() override
  {
    // Every write transaction holds this lock shared (PgStore::begin).
    m_conn.defer_independent("watch_lock", "SELECT pg_advisory_xact_lock($1)", PgParams().add(k_sweep_lock));
  }

  void forget_sweep() override
  {
    m_conn.defer_independent("watch_forget", "DELETE FROM escalation_sweep");
  }

  std::vector<model::TicketId> due(model::Time now) override
  {
    const auto r = m_conn.run("watch_due",
                              "SELECT ticket_id FROM escalation_watch WHERE check_at <= $1 ORDER BY ticket_id",
                              PgParams().add(seconds(now)));
    std::vector<model::TicketId> found;
    for (int row = 0; row < r.rows(); ++row) {
      found.push_back(r.get_int(row, 0));
    }
    return found;
  }

  void mark_due(std::span<const model::TicketId> ids) override
  {
    mark(ids, "watch_mark", "");
  }

  void mark_due_if_swept(std::span<const model::TicketId> ids) override
  {
    mark(ids, "watch_mark_if_swept", " WHERE EXISTS (SELECT 1 FROM escalation_sweep)");
  }

  void set_next_check(model::TicketId id, std::optional<model::Time> at) override
  {
    if (at) {
      set(id, seconds(*at));
      return;
    }
    m_conn.defer_independent("watch_remove", "DELETE FROM escalation_watch WHERE ticket_id = $1", PgParams().add(id));
  }

private:
  // Makes `ids` due at once in one statement (`name`), with `where` added
  // to its SELECT; deferred, as it reads nothing back.
  void mark(std::span<const model::TicketId> ids, std::string_view name, std::string_view where)
  {
    if (ids.empty()) {
      return;
    }
    m_conn.defer_independent(name,
                             fmt::format("INSERT INTO escalation_watch (ticket_id, check_at)"
                                         " SELECT id, $2 FROM unnest($1::bigint[]) AS id{}"
                                         " ON CONFLICT (ticket_id) DO UPDATE SET check_at = excluded.check_at",
                                         where),
                             PgParams().add_array(ids).add(k_due_now));
  }

  void set(model::TicketId id, std::int64_t check_at)
  {
    m_conn.defer_independent("watch_set",
                             "INSERT INTO escalation_watch (ticket_id, check_at) VALUES ($1, $2)"
                             " ON CONFLICT (ticket_id) DO UPDATE SET check_at = excluded.check_at",
                             PgParams().add(id).add(check_at));
  }

  PgConnection& m_conn;
};

} // namespace

std::unique_ptr<EscalationWatchStore> make_pg_escalation_watch_store(PgConnection& conn)
{
  return std::make_unique<PgEscalationWatchStore>(conn);
}

} // namespace sdesk::store

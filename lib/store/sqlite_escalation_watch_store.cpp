// The SQLite escalation watch: tables escalation_watch and
// escalation_sweep (schema migration 18).

#include "lib/store/sqlite_backend.hpp"
#include "lib/store/statement.hpp"
#include "lib/store/unix_time.hpp"

#include <optional>
#include <string>

namespace sdesk::store {

namespace {

class SqliteEscalationWatchStore final : public EscalationWatchStore {
public:
  explicit SqliteEscalationWatchStore(Database& db)
    : m_db(db)
  {
  }

  std::optional<std::string> swept_under() override
  {
    auto& stmt = m_db.cached(m_swept, "SELECT config FROM escalation_sweep WHERE id = 1");
    const std::optional<std::string> found = stmt.step() ? std::optional(stmt.get_text(0)) : std::nullopt;
    stmt.reset(); // a statement left on its row would keep this read's snapshot open
    return found;
  }

  void set_swept_under(const std::string& fingerprint) override
  {
    auto stmt = m_db.prepare("INSERT INTO escalation_sweep (id, config) VALUES (1, ?)"
                             " ON CONFLICT (id) DO UPDATE SET config = excluded.config");
    stmt.bind(1, fingerprint);
    stmt.run();
  }

  void forget_sweep() override
  {
    m_db.prepare("DELETE FROM escalation_sweep").run();
  }

  std::vector<model::TicketId> due(model::Time now) override
  {
    auto& stmt = m_db.cached(m_due, "SELECT ticket_id FROM escalation_watch WHERE check_at <= ?"
                                    " ORDER BY ticket_id");
    stmt.bind(1, seconds(now));
    std::vector<model::TicketId> found;
    while (stmt.step()) {
      found.push_back(stmt.get_int(0));
    }
    return found;
  }

  void mark_due(std::span<const model::TicketId> ids) override
  {
    for (const model::TicketId id : ids) {
      set(id, k_due_now);
    }
  }

  void lock_for_sweep() override {} // the write transaction already excludes every writer

  void mark_due_if_swept(std::span<const model::TicketId> ids) override
  {
    // A look first: on a file, reading costs no round trip, and the small
    // SELECT is cheaper to compile than a conditional INSERT.
    if (swept_under()) {
      mark_due(ids);
    }
  }


  void set_next_check(model::TicketId id, std::optional<model::Time> at) override
  {
    if (at) {
      set(id, seconds(*at));
      return;
    }
    auto& stmt = m_db.cached(m_remove, "DELETE FROM escalation_watch WHERE ticket_id = ?");
    stmt.bind(1, id);
    stmt.run();
  }

private:
  // check_at of a ticket due at once: before any instant a run can have.
  static constexpr std::int64_t k_due_now = 0;

  void set(model::TicketId id, std::int64_t check_at)
  {
    auto& stmt = m_db.cached(m_set, "INSERT INTO escalation_watch (ticket_id, check_at) VALUES (?, ?)"
                                    " ON CONFLICT (ticket_id) DO UPDATE SET check_at = excluded.check_at");
    stmt.bind(1, id).bind(2, check_at);
    stmt.run();
  }

  Database& m_db;
  std::optional<Statement> m_swept;
  std::optional<Statement> m_due;
  std::optional<Statement> m_set;
  std::optional<Statement> m_remove;
};

} // namespace

std::unique_ptr<EscalationWatchStore> make_sqlite_escalation_watch_store(Database& db)
{
  return std::make_unique<SqliteEscalationWatchStore>(db);
}

} // namespace sdesk::store

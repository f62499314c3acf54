// The SQLite delivery store: table delivery (schema migration 16).

#include "lib/store/sqlite_backend.hpp"
#include "lib/store/unix_time.hpp"
#include "lib/store/statement.hpp"

#include <optional>
#include <string>

namespace sdesk::store {

namespace {

constexpr std::string_view k_select =
  "SELECT d.event_id, o.kind, o.ticket_id, o.created_at, d.consumer, d.attempts, d.next_attempt,"
  " d.done_at, d.last_error FROM delivery d JOIN outbox o ON o.event_id = d.event_id";

Delivery read_delivery(const Statement& stmt)
{
  Delivery d;
  d.entry = {stmt.get_int(0), stmt.get_text(1), stmt.get_int(2), to_time(stmt.get_int(3))};
  d.consumer = stmt.get_text(4);
  d.attempts = stmt.get_int(5);
  d.next_attempt = to_time(stmt.get_int(6));
  if (const auto done = stmt.get_opt_int(7)) {
    d.done = to_time(*done);
  }
  d.last_error = stmt.get_opt_text(8);
  return d;
}

class SqliteDeliveryStore final : public DeliveryStore {
public:
  explicit SqliteDeliveryStore(Database& db)
    : m_db(db)
  {
  }

  void add(std::span<const std::int64_t> event_ids, std::span<const std::string> consumers,
           model::Time at) override
  {
    for (const std::int64_t id : event_ids) {
      for (const std::string& consumer : consumers) {
        auto& stmt = m_db.cached(m_add, "INSERT OR IGNORE INTO delivery (event_id, consumer, next_attempt)"
                                        " VALUES (?, ?, ?)");
        stmt.bind(1, id).bind(2, consumer).bind(3, seconds(at));
        stmt.run();
      }
    }
  }

  std::vector<Delivery> due(model::Time now, std::size_t limit, std::string_view consumer_prefix) override
  {
    auto stmt = m_db.prepare(std::string(k_select)
                             + " WHERE d.done_at IS NULL AND d.next_attempt <= ?"
                               " AND substr(d.consumer, 1, length(?)) = ?"
                               " ORDER BY d.event_id, d.consumer LIMIT ?");
    stmt.bind(1, seconds(now)).bind(2, consumer_prefix).bind(3, consumer_prefix);
    stmt.bind(4, static_cast<std::int64_t>(limit));
    std::vector<Delivery> found;
    while (stmt.step()) {
      found.push_back(read_delivery(stmt));
    }
    return found;
  }

  bool claim(const std::string& consumer, std::int64_t event_id, model::Time now,
             model::Time until) override
  {
    auto& stmt = m_db.cached(m_claim, "UPDATE delivery SET next_attempt = ? WHERE consumer = ?"
                                      " AND event_id = ? AND done_at IS NULL AND next_attempt <= ?");
    stmt.bind(1, seconds(until)).bind(2, consumer).bind(3, event_id).bind(4, seconds(now));
    stmt.run();
    return m_db.changes() == 1;
  }

  void succeeded(const std::string& consumer, std::int64_t event_id, model::Time at) override
  {
    auto& stmt = m_db.cached(m_done, "UPDATE delivery SET done_at = ? WHERE consumer = ? AND event_id = ?");
    stmt.bind(1, seconds(at)).bind(2, consumer).bind(3, event_id);
    stmt.run();
  }

  void failed(const std::string& consumer, std::int64_t event_id, model::Time next,
              const std::string& error) override
  {
    auto& stmt = m_db.cached(m_failed, "UPDATE delivery SET attempts = attempts + 1, next_attempt = ?,"
                                       " last_error = ? WHERE consumer = ? AND event_id = ?");
    stmt.bind(1, seconds(next)).bind(2, error).bind(3, consumer).bind(4, event_id);
    stmt.run();
  }

  void for_each_of(std::int64_t event_id, const std::function<void(const Delivery&)>& visit) override
  {
    auto stmt = m_db.prepare(std::string(k_select) + " WHERE d.event_id = ? ORDER BY d.consumer");
    stmt.bind(1, event_id);
    while (stmt.step()) {
      visit(read_delivery(stmt));
    }
  }

private:
  Database& m_db;
  std::optional<Statement> m_add;
  std::optional<Statement> m_claim;
  std::optional<Statement> m_done;
  std::optional<Statement> m_failed;
};

} // namespace

std::unique_ptr<DeliveryStore> make_sqlite_delivery_store(Database& db)
{
  return std::make_unique<SqliteDeliveryStore>(db);
}

} // namespace sdesk::store

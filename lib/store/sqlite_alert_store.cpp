// The SQLite alert store: tables alert_key (schema migration 14) and
// alert_event (15).

#include "lib/store/sqlite_backend.hpp"
#include "lib/store/alert_columns.hpp"
#include "lib/store/unix_time.hpp"
#include "lib/store/statement.hpp"
#include "lib/util/error.hpp"

#include <algorithm>
#include <charconv>
#include <tuple>
#include <optional>
#include <string>

namespace sdesk::store {

namespace {

model::AlertKey read_key(const Statement& stmt)
{
  model::AlertKey k;
  k.source = stmt.get_text(0);
  k.key = stmt.get_text(1);
  k.ticket_id = stmt.get_opt_int(2);
  k.state = model::parse_alert_state(stmt.get_text(3), "alert_key.state");
  if (const auto severity = stmt.get_opt_text(4)) {
    k.severity = model::parse_severity(*severity, "alert_key.severity");
  }
  k.summary = stmt.get_opt_text(5);
  k.first_at = to_time(stmt.get_int(6));
  k.last_trigger = to_time(stmt.get_opt_int(7));
  k.last_resolve = to_time(stmt.get_opt_int(8));
  k.trigger_count = stmt.get_int(9);
  k.resolve_count = stmt.get_int(10);
  k.changes = decode_changes(stmt.get_text(11));
  k.flapping = stmt.get_int(12) != 0;
  k.downtime_until = to_time(stmt.get_opt_int(13));
  k.updated = to_time(stmt.get_int(14));
  return k;
}

class SqliteAlertStore final : public AlertStore {
public:
  explicit SqliteAlertStore(Database& db)
    : m_db(db)
  {
  }

  std::optional<model::AlertKey> find(const std::string& source, const std::string& key) override
  {
    auto& stmt = m_db.cached(m_find, "SELECT " + std::string(k_alert_columns) +
                                  " FROM alert_key WHERE source = ? AND key = ?");
    stmt.bind(1, source).bind(2, key);
    if (!stmt.step()) {
      return std::nullopt;
    }
    return read_key(stmt);
  }

  void put(const model::AlertKey& k) override
  {
    auto& stmt = m_db.cached(m_put, "INSERT OR REPLACE INTO alert_key (" + std::string(k_alert_columns) +
                                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    stmt.bind(1, k.source)
      .bind(2, k.key)
      .bind(3, k.ticket_id)
      .bind(4, model::to_string(k.state))
      .bind(5, k.severity ? std::optional(std::string(model::to_string(*k.severity))) : std::nullopt)
      .bind(6, k.summary)
      .bind(7, seconds(k.first_at))
      .bind(8, seconds(k.last_trigger))
      .bind(9, seconds(k.last_resolve))
      .bind(10, k.trigger_count)
      .bind(11, k.resolve_count)
      .bind(12, encode_changes(k.changes))
      .bind(13, k.flapping ? 1 : 0)
      .bind(14, seconds(k.downtime_until))
      .bind(15, seconds(k.updated));
    stmt.run();
  }

  void append_event(const model::AlertEvent& e) override
  {
    auto& stmt = m_db.cached(m_append, "INSERT INTO alert_event (source, key, at, received_at, action, outcome,"
                                       " ticket_id, severity, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    stmt.bind(1, e.source)
      .bind(2, e.key)
      .bind(3, seconds(e.at))
      .bind(4, seconds(e.received))
      .bind(5, model::to_string(e.action))
      .bind(6, model::to_string(e.outcome))
      .bind(7, e.ticket_id)
      .bind(8, e.severity ? std::optional(std::string(model::to_string(*e.severity))) : std::nullopt)
      .bind(9, e.summary);
    stmt.run();
  }

  std::vector<model::AlertEvent> events(const std::string& source, const std::string& key) override
  {
    auto stmt = m_db.prepare("SELECT at, received_at, action, outcome, ticket_id, severity, summary"
                             " FROM alert_event WHERE source = ? AND key = ? ORDER BY id");
    stmt.bind(1, source).bind(2, key);
    std::vector<model::AlertEvent> result;
    while (stmt.step()) {
      model::AlertEvent e;
      e.source = source;
      e.key = key;
      e.at = to_time(stmt.get_int(0));
      e.received = to_time(stmt.get_int(1));
      e.action = model::parse_stored_alert_action(stmt.get_text(2), "alert_event.action");
      e.outcome = model::parse_outcome(stmt.get_text(3), "alert_event.outcome");
      e.ticket_id = stmt.get_opt_int(4);
      if (const auto severity = stmt.get_opt_text(5)) {
        e.severity = model::parse_severity(*severity, "alert_event.severity");
      }
      e.summary = stmt.get_opt_text(6);
      result.push_back(std::move(e));
    }
    return result;
  }

  void for_each(const AlertQuery& query,
                const std::function<void(const model::AlertKey&)>& visit) override
  {
    if (query.expiring) {
      for_each_expiring(query, visit);
      return;
    }
    std::string sql = "SELECT " + std::string(k_alert_columns) + " FROM alert_key WHERE 1";
    sql += filters(query);
    sql += " ORDER BY source COLLATE BINARY, key COLLATE BINARY";
    auto stmt = m_db.prepare(sql);
    while (stmt.step()) {
      visit(read_key(stmt));
    }
  }

private:
  // The SQL conditions of `query`'s open_only and flapping_only.
  static std::string filters(const AlertQuery& query)
  {
    std::string sql;
    if (query.open_only) {
      sql += " AND state = 'firing'";
    }
    if (query.flapping_only) {
      sql += " AND flapping <> 0";
    }
    return sql;
  }

  // The keys that flap or are in downtime: two searches, one through each
  // index (an OR of both would scan every key), merged by source and key.
  void for_each_expiring(const AlertQuery& query, const std::function<void(const model::AlertKey&)>& visit)
  {
    std::vector<model::AlertKey> found;
    for (const char* condition : {"flapping = 1", "downtime_until > -9223372036854775807"}) {
      auto stmt = m_db.prepare("SELECT " + std::string(k_alert_columns) + " FROM alert_key WHERE " + condition +
                               filters(query));
      while (stmt.step()) {
        found.push_back(read_key(stmt));
      }
    }
    const auto by_name = [](const model::AlertKey& a, const model::AlertKey& b) {
      return std::tie(a.source, a.key) < std::tie(b.source, b.key);
    };
    std::sort(found.begin(), found.end(), by_name);
    found.erase(std::unique(found.begin(), found.end(),
                            [](const model::AlertKey& a, const model::AlertKey& b) {
                              return a.source == b.source && a.key == b.key;
                            }),
                found.end());
    for (const model::AlertKey& key : found) {
      visit(key);
    }
  }

  Database& m_db;
  std::optional<Statement> m_find;
  std::optional<Statement> m_put;
  std::optional<Statement> m_append;
};

} // namespace

std::unique_ptr<AlertStore> make_sqlite_alert_store(Database& db)
{
  return std::make_unique<SqliteAlertStore>(db);
}

} // namespace sdesk::store

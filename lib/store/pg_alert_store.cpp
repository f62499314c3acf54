// The PostgreSQL alert store: tables alert_key and alert_event, as
// sqlite_alert_store.cpp reads and writes them (the same columns and
// encodings).

#include "lib/store/pg_backend.hpp"
#include "lib/store/alert_columns.hpp"
#include "lib/store/unix_time.hpp"
#include "lib/util/error.hpp"

#include <algorithm>
#include <charconv>
#include <tuple>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

model::AlertKey read_key(const PgResult& r, int row)
{
  model::AlertKey k;
  k.source = r.get_text(row, 0);
  k.key = r.get_text(row, 1);
  k.ticket_id = r.get_opt_int(row, 2);
  k.state = model::parse_alert_state(r.get_text(row, 3), "alert_key.state");
  if (const auto severity = r.get_opt_text(row, 4)) {
    k.severity = model::parse_severity(*severity, "alert_key.severity");
  }
  k.summary = r.get_opt_text(row, 5);
  k.first_at = to_time(r.get_int(row, 6));
  k.last_trigger = to_time(r.get_opt_int(row, 7));
  k.last_resolve = to_time(r.get_opt_int(row, 8));
  k.trigger_count = r.get_int(row, 9);
  k.resolve_count = r.get_int(row, 10);
  k.changes = decode_changes(r.get_text(row, 11));
  k.flapping = r.get_int(row, 12) != 0;
  k.downtime_until = to_time(r.get_opt_int(row, 13));
  k.updated = to_time(r.get_int(row, 14));
  return k;
}

class PgAlertStore final : public AlertStore {
public:
  explicit PgAlertStore(PgConnection& conn)
    : m_conn(conn)
  {
  }

  std::optional<model::AlertKey> find(const std::string& source, const std::string& key) override
  {
    const auto r = m_conn.run("alert_find",
                              fmt::format("SELECT {} FROM alert_key WHERE source = $1 AND key = $2",
                                          k_alert_columns),
                              PgParams().add(source).add(key));
    if (r.rows() == 0) {
      return std::nullopt;
    }
    return read_key(r, 0);
  }

  void put(const model::AlertKey& k) override
  {
    if (k.ticket_id) {
      require_ticket(*k.ticket_id, k.source, k.key);
    }
    PgParams params;
    params.add(k.source)
      .add(k.key)
      .add(k.ticket_id)
      .add(model::to_string(k.state))
      .add(k.severity ? std::optional(std::string(model::to_string(*k.severity))) : std::nullopt)
      .add(k.summary)
      .add(seconds(k.first_at))
      .add(seconds(k.last_trigger))
      .add(seconds(k.last_resolve))
      .add(k.trigger_count)
      .add(k.resolve_count)
      .add(encode_changes(k.changes))
      .add(std::int64_t{k.flapping ? 1 : 0})
      .add(seconds(k.downtime_until))
      .add(seconds(k.updated));
    m_conn.run("alert_put",
               fmt::format("INSERT INTO alert_key ({}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
                           " $9, $10, $11, $12, $13, $14, $15)"
                           " ON CONFLICT (source, key) DO UPDATE SET ticket_id = EXCLUDED.ticket_id,"
                           " state = EXCLUDED.state, severity = EXCLUDED.severity,"
                           " summary = EXCLUDED.summary, first_at = EXCLUDED.first_at,"
                           " last_trigger_at = EXCLUDED.last_trigger_at,"
                           " last_resolve_at = EXCLUDED.last_resolve_at,"
                           " trigger_count = EXCLUDED.trigger_count,"
                           " resolve_count = EXCLUDED.resolve_count, changes = EXCLUDED.changes,"
                           " flapping = EXCLUDED.flapping, downtime_until = EXCLUDED.downtime_until,"
                           " updated_at = EXCLUDED.updated_at",
                           k_alert_columns),
               params);
  }

  void append_event(const model::AlertEvent& e) override
  {
    if (e.ticket_id) {
      require_ticket(*e.ticket_id, e.source, e.key);
    }
    m_conn.run("alert_append",
               "INSERT INTO alert_event (source, key, at, received_at, action, outcome, ticket_id,"
               " severity, summary) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
               PgParams()
                 .add(e.source)
                 .add(e.key)
                 .add(seconds(e.at))
                 .add(seconds(e.received))
                 .add(model::to_string(e.action))
                 .add(model::to_string(e.outcome))
                 .add(e.ticket_id)
                 .add(e.severity ? std::optional(std::string(model::to_string(*e.severity))) : std::nullopt)
                 .add(e.summary));
  }

  std::vector<model::AlertEvent> events(const std::string& source, const std::string& key) override
  {
    const auto r = m_conn.run("alert_events",
                              "SELECT at, received_at, action, outcome, ticket_id, severity, summary"
                              " FROM alert_event WHERE source = $1 AND key = $2 ORDER BY id",
                              PgParams().add(source).add(key));
    std::vector<model::AlertEvent> result;
    for (int row = 0; row < r.rows(); ++row) {
      model::AlertEvent e;
      e.source = source;
      e.key = key;
      e.at = to_time(r.get_int(row, 0));
      e.received = to_time(r.get_int(row, 1));
      e.action = model::parse_stored_alert_action(r.get_text(row, 2), "alert_event.action");
      e.outcome = model::parse_outcome(r.get_text(row, 3), "alert_event.outcome");
      e.ticket_id = r.get_opt_int(row, 4);
      if (const auto severity = r.get_opt_text(row, 5)) {
        e.severity = model::parse_severity(*severity, "alert_event.severity");
      }
      e.summary = r.get_opt_text(row, 6);
      result.push_back(std::move(e));
    }
    return result;
  }

  void for_each(const AlertQuery& query,
                const std::function<void(const model::AlertKey&)>& visit) override
  {
    std::string sql = fmt::format("SELECT {} FROM alert_key WHERE ", k_alert_columns);
    // The keys that flap or are in downtime (tick's expiry), through the
    // two indexes: PostgreSQL combines them with a BitmapOr.
    sql += query.expiring ? "(flapping = 1 OR downtime_until IS NOT NULL)" : "true";
    if (query.open_only) {
      sql += " AND state = 'firing'";
    }
    if (query.flapping_only) {
      sql += " AND flapping <> 0";
    }
    sql += " ORDER BY source, key"; // COLLATE "C" columns: bytes order
    const auto r = m_conn.query(sql);
    for (int row = 0; row < r.rows(); ++row) {
      visit(read_key(r, row));
    }
  }

private:
  // Throws Error(store) unless ticket `id` is stored (checked first: a
  // failed statement would abort the transaction).
  void require_ticket(std::int64_t id, const std::string& source, const std::string& key)
  {
    const auto r = m_conn.run("alert_ticket", "SELECT 1 FROM ticket WHERE id = $1", PgParams().add(id));
    if (r.rows() == 0) {
      throw Error(ErrorKind::store, fmt::format("store '{}': alert key {}/{} names ticket {}, which is not stored",
                                                m_conn.name(), source, key, id));
    }
  }

  PgConnection& m_conn;
};

} // namespace

std::unique_ptr<AlertStore> make_pg_alert_store(PgConnection& conn)
{
  return std::make_unique<PgAlertStore>(conn);
}

} // namespace sdesk::store

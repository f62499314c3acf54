// The PostgreSQL delivery store: table delivery, as
// sqlite_delivery_store.cpp reads and writes it (the same columns).

#include "lib/store/pg_backend.hpp"
#include "lib/store/unix_time.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

#include <optional>
#include <string>

namespace sdesk::store {

namespace {

constexpr std::string_view k_select =
  "SELECT d.event_id, o.kind, o.ticket_id, o.created_at, d.consumer, d.attempts, d.next_attempt,"
  " d.done_at, d.last_error FROM delivery d JOIN outbox o ON o.event_id = d.event_id";

Delivery read_delivery(const PgResult& r, int row)
{
  Delivery d;
  d.entry = {r.get_int(row, 0), r.get_text(row, 1), r.get_int(row, 2), to_time(r.get_int(row, 3))};
  d.consumer = r.get_text(row, 4);
  d.attempts = r.get_int(row, 5);
  d.next_attempt = to_time(r.get_int(row, 6));
  if (const auto done = r.get_opt_int(row, 7)) {
    d.done = to_time(*done);
  }
  d.last_error = r.get_opt_text(row, 8);
  return d;
}

class PgDeliveryStore final : public DeliveryStore {
public:
  explicit PgDeliveryStore(PgConnection& conn)
    : m_conn(conn)
  {
  }

  void add(std::span<const std::int64_t> event_ids, std::span<const std::string> consumers,
           model::Time at) override
  {
    for (const std::int64_t id : event_ids) {
      // Checked first: a failed statement would abort the transaction.
      if (m_conn.run("delivery_outbox", "SELECT 1 FROM outbox WHERE event_id = $1", PgParams().add(id)).rows()
          == 0) {
        throw Error(ErrorKind::store,
                    fmt::format("store '{}': a delivery names outbox row {}, which is not stored", m_conn.name(), id));
      }
      for (const std::string& consumer : consumers) {
        m_conn.run("delivery_add",
                   "INSERT INTO delivery (event_id, consumer, next_attempt) VALUES ($1, $2, $3)"
                   " ON CONFLICT (consumer, event_id) DO NOTHING",
                   PgParams().add(id).add(consumer).add(seconds(at)));
      }
    }
  }

  std::vector<Delivery> due(model::Time now, std::size_t limit, std::string_view consumer_prefix) override
  {
    const auto r = m_conn.run("delivery_due",
                              std::string(k_select)
                                + " WHERE d.done_at IS NULL AND d.next_attempt <= $1"
                                  " AND left(d.consumer, length($2::text)) = $2::text"
                                  " ORDER BY d.event_id, d.consumer LIMIT $3",
                              PgParams().add(seconds(now)).add(consumer_prefix).add(static_cast<std::int64_t>(limit)));
    std::vector<Delivery> found;
    for (int row = 0; row < r.rows(); ++row) {
      found.push_back(read_delivery(r, row));
    }
    return found;
  }

  bool claim(const std::string& consumer, std::int64_t event_id, model::Time now, model::Time until) override
  {
    const auto r = m_conn.run("delivery_claim",
                              "UPDATE delivery SET next_attempt = $1 WHERE consumer = $2 AND event_id = $3"
                              " AND done_at IS NULL AND next_attempt <= $4",
                              PgParams().add(seconds(until)).add(consumer).add(event_id).add(seconds(now)));
    return r.changed() == 1;
  }

  void succeeded(const std::string& consumer, std::int64_t event_id, model::Time at) override
  {
    m_conn.run("delivery_done", "UPDATE delivery SET done_at = $1 WHERE consumer = $2 AND event_id = $3",
               PgParams().add(seconds(at)).add(consumer).add(event_id));
  }

  void failed(const std::string& consumer, std::int64_t event_id, model::Time next,
              const std::string& error) override
  {
    m_conn.run("delivery_failed",
               "UPDATE delivery SET attempts = attempts + 1, next_attempt = $1, last_error = $2"
               " WHERE consumer = $3 AND event_id = $4",
               PgParams().add(seconds(next)).add(error).add(consumer).add(event_id));
  }

  void for_each_of(std::int64_t event_id, const std::function<void(const Delivery&)>& visit) override
  {
    const auto r = m_conn.run("delivery_of", std::string(k_select) + " WHERE d.event_id = $1 ORDER BY d.consumer",
                              PgParams().add(event_id));
    for (int row = 0; row < r.rows(); ++row) {
      visit(read_delivery(r, row));
    }
  }

private:
  PgConnection& m_conn;
};

} // namespace

std::unique_ptr<DeliveryStore> make_pg_delivery_store(PgConnection& conn)
{
  return std::make_unique<PgDeliveryStore>(conn);
}

} // namespace sdesk::store

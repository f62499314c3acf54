#pragma once

// The PostgreSQL backend (issue 10): a Backend on one libpq connection,
// whose ticket store reads and writes the schema of pg_schema.cpp. Internal
// to lib/store: open_store() returns it for a postgresql:// store name.

#include "lib/store/backend.hpp"
#include "lib/store/pg_connection.hpp"

#include <memory>
#include <unordered_map>

namespace sdesk::store {

// TicketStore on a PostgreSQL database. A write transaction runs at READ
// COMMITTED and locks the ticket rows it reads (SELECT ... FOR UPDATE), so
// a read-then-write never fails because another writer committed, and
// writers of different tickets do not wait for each other; a read
// transaction is REPEATABLE READ (one snapshot).
class PgStore final : public TicketStore {
public:
  // Uses `conn`, which must outlive the store.
  explicit PgStore(PgConnection& conn);

  void begin(TxMode mode) override;
  void commit() override;
  void rollback() noexcept override;

  std::optional<model::Ticket> find(model::TicketId id) override;
  std::optional<model::TicketId> find_by_ref(const std::string& ref) override;
  model::TicketId insert(const model::Ticket& ticket) override;
  void update(const model::Ticket& ticket) override;
  std::vector<std::int64_t> append(const std::vector<model::Event>& events) override;
  void queue(const std::vector<model::OutboxEntry>& entries) override;
  void for_each_queued(std::optional<std::int64_t> limit,
                       const std::function<void(const model::OutboxEntry&)>& visit) override;
  std::vector<model::OutboxEntry> queued(model::TicketId id) override;
  std::vector<model::Event> events(model::TicketId id) override;
  std::optional<model::StoredChain> chain(model::TicketId id) override;
  void for_each(const TicketQuery& query,
                const std::function<void(const model::Ticket&)>& visit) override;
  bool add_link(const model::Link& link) override;
  bool remove_link(const model::Link& link) override;
  std::vector<model::Link> links(model::TicketId id) override;

private:
  // The chain head of ticket `id` as this transaction knows it (locking
  // its row in a write transaction); nothing when there is no such ticket.
  std::optional<model::ChainHead> head_of(model::TicketId id);
  // Stores the tags of ticket `id`, replacing any stored ones when `replace`.
  void write_tags(model::TicketId id, const std::vector<std::string>& tags, bool replace);
  // The events of ticket `id` with their stored hashes, oldest first.
  std::vector<model::Event> read_events(model::TicketId id,
                                        std::vector<std::optional<util::Sha256Digest>>* hashes);

  PgConnection& m_conn;
  bool m_write = false;    // in a write transaction
  bool m_creating = false; // holds the lock of ticket creation (insert())
  int m_cursors = 0;       // for_each's cursors so far (each a name of its own)
  // Chain heads known in the current transaction (cleared when it ends).
  std::unordered_map<model::TicketId, model::ChainHead> m_heads;
};

// Backend on one PostgreSQL database: one connection, which the ticket
// store and (later) the other stores share.
class PgBackend final : public Backend {
public:
  // Takes an open connection to a store at the latest schema.
  explicit PgBackend(PgConnection conn);

  TicketStore& tickets() override { return m_tickets; }
  ReportSource& reports() override;
  ProblemStore& problems() override;
  AlertStore& alerts() override;
  ChangeStore& changes() override;
  DeliveryStore& deliveries() override;
  MailStore& mail() override;
  MailQueueStore& mail_queue() override;
  AnnouncementStore& announcements() override; // pg_announcement_store.cpp

private:
  PgConnection m_conn;
  PgStore m_tickets;
  std::unique_ptr<ReportSource> m_reports; // made on first use
  std::unique_ptr<ProblemStore> m_problems; // made on first use
  std::unique_ptr<AlertStore> m_alerts;    // made on first use
  std::unique_ptr<ChangeStore> m_changes;  // made on first use
  std::unique_ptr<DeliveryStore> m_deliveries; // made on first use
  std::unique_ptr<MailStore> m_mail;           // made on first use
  std::unique_ptr<MailQueueStore> m_mail_queue; // made on first use
  std::unique_ptr<AnnouncementStore> m_announcements; // made on first use
};

// The problem and change stores on `conn`, which must outlive them
// (pg_record_reports.cpp).
std::unique_ptr<ProblemStore> make_pg_problem_store(PgConnection& conn);
std::unique_ptr<ChangeStore> make_pg_change_store(PgConnection& conn);

// An alert store on `conn`, which must outlive it (pg_alert_store.cpp).
std::unique_ptr<AlertStore> make_pg_alert_store(PgConnection& conn);

// A delivery store on `conn`, which must outlive it (pg_delivery_store.cpp).
std::unique_ptr<DeliveryStore> make_pg_delivery_store(PgConnection& conn);

// A mail store on `conn`, which must outlive it (pg_mail_store.cpp).
std::unique_ptr<MailStore> make_pg_mail_store(PgConnection& conn);

// The outgoing mail queue on `conn`, which must outlive it
// (pg_mail_queue_store.cpp).
std::unique_ptr<MailQueueStore> make_pg_mail_queue_store(PgConnection& conn);

// --- PostgreSQL report queries (pg_report_source.cpp) ---

// A report source reading `conn`, which must outlive it.
std::unique_ptr<ReportSource> make_pg_report_source(PgConnection& conn);

} // namespace sdesk::store

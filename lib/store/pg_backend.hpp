#pragma once

// The PostgreSQL backend (issue 10): a Backend on one libpq connection,
// whose ticket store reads and writes the schema of pg_schema.cpp. Internal
// to lib/store: open_store() returns it for a postgresql:// store name.

#include "lib/store/backend.hpp"
#include "lib/store/pg_connection.hpp"

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace sdesk::store {

// The advisory lock between writers and an escalation sweep ('SDSW'):
// every write transaction holds it shared, a sweep exclusively
// (EscalationWatchStore::lock_for_sweep).
inline constexpr std::int64_t k_sweep_lock = 0x53445357;

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
  void begin_bulk_load() override;
  void finish_bulk_load() override;

private:
  // Reads (and in a write transaction locks) the heads of the tickets of
  // `events` that this transaction does not know yet, in one statement.
  void read_heads(const std::vector<model::Event>& events);
  // Writes the heads of `ids` (each once), many rows per statement.
  void write_heads(const std::vector<model::TicketId>& ids);
  // Inserts the events' rows with `hashes`, many per statement; returns their ids.
  std::vector<std::int64_t> insert_events(const std::vector<model::Event>& events,
                                          const std::vector<util::Sha256Digest>& hashes);
  // Stores `tags` of ticket `id` (pg_store_bulk.cpp: one statement for all).
  void insert_tags(const std::vector<std::pair<model::TicketId, std::string>>& tags);
  // Writes the tickets held back (with their heads and tags), many rows
  // per statement; nothing when none is held back. Every read of stored
  // tickets calls it first.
  void write_unwritten();
  // write_unwritten(), and the heads a bulk load holds back: before COMMIT,
  // the end of a load, and a read of a stored head (chain()).
  void write_held_back();
  // insert(): holds `ticket` back with the next id.
  model::TicketId insert_held_back(const model::Ticket& ticket);
  // Whether `ref` is held back or was stored by this transaction's inserts
  // (then its id).
  std::optional<model::TicketId> held_ref(const std::string& ref) const;
  // Forgets what is held back and the bulk load's state (at the load's end,
  // commit or rollback).
  void end_bulk() noexcept;
  // Stores the tags of ticket `id`, replacing any stored ones when `replace`.
  void write_tags(model::TicketId id, const std::vector<std::string>& tags, bool replace);
  // The events of ticket `id` with their stored hashes, oldest first.
  std::vector<model::Event> read_events(model::TicketId id,
                                        std::vector<std::optional<util::Sha256Digest>>* hashes);

  // The advisory lock of the writers that create tickets ('SDTK').
  static constexpr std::int64_t k_create_lock = 0x5344544B;

  PgConnection& m_conn;
  bool m_write = false;    // in a write transaction
  bool m_creating = false; // holds the lock of ticket creation (insert())
  int m_cursors = 0;       // for_each's cursors so far (each a name of its own)
  // Chain heads known in the current transaction (cleared when it ends).
  std::unordered_map<model::TicketId, model::ChainHead> m_heads;

  // New tickets are held back with ids given here (the creation lock is
  // held), and written with their chain heads when their events are
  // appended or any other statement is sent; in a bulk load
  // (begin_bulk_load() to finish_bulk_load()) many rows per statement, so
  // that a load is not one round trip per row.
  bool m_bulk = false;
  bool m_bulk_from_empty = false; // no ticket was stored when the load began
  model::TicketId m_next_id = 0;  // the next held-back ticket's id
  std::vector<model::Ticket> m_unwritten;
  // Refs held back or given in this transaction (loading into an empty
  // store: every ref loaded), so that find_by_ref() asks the server only
  // about refs stored before.
  std::unordered_map<std::string, model::TicketId> m_held_refs;
  // Tickets written before whose head a bulk load moved on since (in
  // m_heads, which keeps them until write_held_back()).
  std::unordered_set<model::TicketId> m_dirty_heads;
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
  // The connected role (current_user, read when the connection opened),
  // and whether it acts for others (the schema's sdesk_acts_for_others():
  // docs/postgresql.md), asked of the server when called.
  std::optional<ConnectedRole> connected_role() override;

  EscalationWatchStore& escalation_watch() override;

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
  std::unique_ptr<EscalationWatchStore> m_watch; // made on first use

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

// An escalation watch on `conn`, which must outlive it
// (pg_escalation_watch_store.cpp).
std::unique_ptr<EscalationWatchStore> make_pg_escalation_watch_store(PgConnection& conn);

// The outgoing mail queue on `conn`, which must outlive it
// (pg_mail_queue_store.cpp).
std::unique_ptr<MailQueueStore> make_pg_mail_queue_store(PgConnection& conn);

// --- PostgreSQL report queries (pg_report_source.cpp) ---

// A report source reading `conn`, which must outlive it.
std::unique_ptr<ReportSource> make_pg_report_source(PgConnection& conn);

} // namespace sdesk::store

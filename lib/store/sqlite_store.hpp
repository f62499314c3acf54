#pragma once

#include "lib/store/database.hpp"
#include "lib/store/statement.hpp"
#include "lib/store/ticket_store.hpp"

#include <limits>
#include <optional>
#include <unordered_map>
#include <string>
#include <utility>
#include <vector>

namespace sdesk::store {

// TicketStore on one SQLite file. Statements are prepared on first use and
// kept for the life of the store.
class SqliteStore final : public TicketStore {
public:
  // Takes an open, migrated database.
  explicit SqliteStore(Database db);

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
  // A larger page cache and CHECK constraints off (their IN lists cost an
  // ephemeral table per inserted row); into a store without tickets, the
  // secondary indexes of tickets and events are dropped and rebuilt by
  // finish_bulk_load(), which is much faster than updating them row by row
  // (or by the first events() call, so that reading a history meanwhile
  // does not scan every event).
  void begin_bulk_load() override;
  void finish_bulk_load() override;
  // Foreign-key checks off (one parent lookup per event), and into a store
  // without tickets a rollback journal instead of the WAL: every new page is
  // then written once, where the WAL writes it twice (log, then checkpoint),
  // which took 7 s of 25 for 1M tickets. Readers wait while such a load
  // commits; a store that holds tickets keeps its WAL. end_bulk_session()
  // goes back to WAL, and so does open_store() if a crash prevented that.
  void begin_bulk_session() override;
  void end_bulk_session() noexcept override;

  // The connection. During a bulk load it lacks the rows held back until
  // the next append() (write_unwritten); nothing reads it then.
  Database& database() { return m_db; }

  // SQLite's plan for the statement for_each(query) runs, one detail per
  // line: for tests and for diagnosing slow filters.
  std::string query_plan(const TicketQuery& query);

private:
  // A chain head known in the current transaction; `dirty` (bulk loads
  // only) while the ticket row does not have it yet.
  struct CachedHead {
    model::ChainHead head;
    bool dirty = false;
  };
  // Returns the cached statement in `slot`, preparing `sql` the first time.
  Statement& cached(std::optional<Statement>& slot, std::string_view sql);
  // Stores the tags of ticket `id`, replacing any stored ones when `replace`.
  void write_tags(model::TicketId id, const std::vector<std::string>& tags, bool replace);
  // The id the next inserted ticket gets (bulk loads, which hold the rows
  // back; the write lock is held).
  model::TicketId next_ticket_id();
  // Writes the rows a bulk load held back (those with ids below `below`),
  // each with its chain head and tags.
  void write_unwritten(model::TicketId below = std::numeric_limits<model::TicketId>::max());
  // Drops the held-back rows (the transaction rolled back).
  void forget_unwritten() noexcept;
  // Back to the connection's normal settings after bulk loading.
  void end_bulk_settings() noexcept;
  void forget_write_statements() noexcept;
  bool has_tickets();
  // Builds the indexes begin_bulk_load() dropped.
  void restore_indexes();
  // (name, CREATE statement) of each index of tickets and events, but the
  // ones SQLite makes for UNIQUE and PRIMARY KEY constraints.
  std::vector<std::pair<std::string, std::string>> secondary_indexes();
  // The chain head of ticket `id` as this transaction knows it: from the
  // cache (tickets inserted or read by find() in it), else read.
  CachedHead& head_of(model::TicketId id);
  // The count and head in columns `column` and `column` + 1 of `stmt`.
  static model::ChainHead read_head(const Statement& stmt, int column);
  // Stores the count and head of ticket `id`.
  void write_head(model::TicketId id, const model::ChainHead& head);
  // The events of ticket `id` with their stored hashes, oldest first.
  std::vector<model::Event> read_events(model::TicketId id,
                                        std::vector<std::optional<util::Sha256Digest>>* hashes);
  // Inserts events[begin, begin + rows) with the cached `rows`-row statement
  // and adds their ids to `ids`.
  void append_rows(const std::vector<model::Event>& events, std::size_t begin, std::size_t rows,
                   std::vector<std::int64_t>& ids);
  // Inserts events[begin, end), their hashes in m_hashes, and adds their
  // ids to `ids`.
  void insert_events(const std::vector<model::Event>& events, std::size_t begin, std::size_t end,
                     std::vector<std::int64_t>& ids);
  // Where append() may cut `events` to hash the parts on two threads: part
  // p is [result[p], result[p + 1]), and no ticket has events in two parts.
  // {0, size} (one part) when the batch is small or a ticket's events are
  // not consecutive.
  static std::vector<std::size_t> independent_parts(const std::vector<model::Event>& events);

  Database m_db;
  std::optional<Statement> m_find;
  std::optional<Statement> m_find_by_ref;
  std::optional<Statement> m_insert;
  std::optional<Statement> m_update;
  std::optional<Statement> m_delete_tags;
  std::optional<Statement> m_insert_tag;
  std::optional<Statement> m_append;
  std::optional<Statement> m_append_many;
  std::optional<Statement> m_queue;
  std::optional<Statement> m_queued;
  bool m_bulk = false;
  std::int64_t m_cache_size = -2000; // to restore after bulk loading
  bool m_truncate_wal = false;       // after the commit that ends a bulk load
  bool m_rollback_journal = false;   // begin_bulk_session() left WAL mode
  std::vector<std::string> m_dropped_indexes; // their CREATE statements
  std::optional<Statement> m_events;
  std::optional<Statement> m_add_link;
  std::optional<Statement> m_remove_link;
  std::optional<Statement> m_links;
  std::optional<Statement> m_head;
  std::optional<Statement> m_write_head;
  // Writes the heads a bulk load left unwritten (in id order), and forgets
  // the cached ones.
  void flush_heads();

  // Chain heads known in the current transaction (cleared when it ends):
  // a new ticket's is empty, find() reads it with the ticket. A bulk load
  // writes them once per ticket, when the cache grows large and at
  // finish_bulk_load(), not once per append().
  std::unordered_map<model::TicketId, CachedHead> m_heads;
  std::vector<util::Sha256Digest> m_hashes; // of the events append() is writing
  // A bulk load's new tickets, in id order, until append() has their chain
  // heads; their refs (find_by_ref() must see them); the next id to give.
  // Every method that reads or writes stored tickets writes them first.
  std::vector<model::Ticket> m_unwritten;
  std::unordered_map<std::string, model::TicketId> m_unwritten_refs;
  model::TicketId m_next_id = 0; // 0: not read yet
  std::optional<Statement> m_insert_with_chain;
  std::optional<Statement> m_max_id;
};

} // namespace sdesk::store

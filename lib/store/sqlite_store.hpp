#pragma once

#include "lib/store/database.hpp"
#include "lib/store/statement.hpp"
#include "lib/store/ticket_store.hpp"

#include <optional>

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
  void append(const std::vector<model::Event>& events) override;
  std::vector<model::Event> events(model::TicketId id) override;
  void for_each(const TicketQuery& query,
                const std::function<void(const model::Ticket&)>& visit) override;

  Database& database() { return m_db; }

private:
  // Returns the cached statement in `slot`, preparing `sql` the first time.
  Statement& cached(std::optional<Statement>& slot, std::string_view sql);
  void write_tags(const model::Ticket& ticket);

  Database m_db;
  std::optional<Statement> m_find;
  std::optional<Statement> m_find_by_ref;
  std::optional<Statement> m_insert;
  std::optional<Statement> m_update;
  std::optional<Statement> m_delete_tags;
  std::optional<Statement> m_insert_tag;
  std::optional<Statement> m_append;
  std::optional<Statement> m_events;
};

} // namespace sdesk::store

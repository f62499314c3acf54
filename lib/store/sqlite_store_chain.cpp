// SqliteStore: reading histories, and the per-ticket hash chain (the
// ticket row's event_count and event_head; docs/history.md).

#include "lib/store/sqlite_store.hpp"

#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sdesk::store {

model::ChainHead SqliteStore::read_head(const Statement& stmt, int column)
{
  model::ChainHead head;
  head.count = stmt.get_int(column);
  if (const auto bytes = stmt.get_opt_blob(column + 1)) {
    // A head of the wrong size is kept as all zeros: verify reports it.
    head.head = util::sha256_from_bytes(*bytes).value_or(util::Sha256Digest{});
  }
  return head;
}

SqliteStore::CachedHead& SqliteStore::head_of(model::TicketId id)
{
  if (const auto known = m_heads.find(id); known != m_heads.end()) {
    return known->second;
  }
  auto& stmt = cached(m_head, "SELECT event_count, event_head FROM ticket WHERE id = ?");
  stmt.bind(1, id);
  model::ChainHead head;
  if (stmt.step()) {
    head = read_head(stmt, 0);
  }
  stmt.reset();
  return m_heads[id] = CachedHead{head};
}

void SqliteStore::flush_heads()
{
  write_unwritten();
  std::vector<std::pair<model::TicketId, const model::ChainHead*>> dirty;
  for (const auto& [id, cached] : m_heads) {
    if (cached.dirty) {
      dirty.emplace_back(id, &cached.head);
    }
  }
  std::sort(dirty.begin(), dirty.end()); // by id: the ticket table in order
  for (const auto& [id, head] : dirty) {
    write_head(id, *head);
  }
  m_heads.clear();
}

void SqliteStore::write_head(model::TicketId id, const model::ChainHead& head)
{
  auto& stmt =
    cached(m_write_head, "UPDATE ticket SET event_count = ?, event_head = ? WHERE id = ?");
  stmt.bind(1, head.count).bind_blob(2, util::as_bytes(head.head)).bind(3, id);
  stmt.run();
}

std::vector<model::Event> SqliteStore::read_events(
  model::TicketId id, std::vector<std::optional<util::Sha256Digest>>* hashes)
{
  write_unwritten();  // a bulk load's held-back rows
  restore_indexes(); // after a bulk load began; a no-op otherwise
  auto& stmt = cached(m_events, "SELECT id, ticket_id, at, actor, action, field, old_value,"
                                " new_value, note, data, hash FROM ticket_event WHERE ticket_id = ?"
                                " ORDER BY id");
  stmt.bind(1, id);
  std::vector<model::Event> result;
  while (stmt.step()) {
    const std::string name = stmt.get_text(4);
    const auto action = model::find_action(name);
    if (!action) {
      const std::int64_t event = stmt.get_int(0);
      stmt.reset();
      throw Error(ErrorKind::store,
                  fmt::format("event {} of ticket {} has an unknown action {} (the store was "
                              "written by a newer sdesk, or changed by hand)",
                              event, id, util::quote(name)));
    }
    result.push_back({stmt.get_int(0), stmt.get_int(1), model::Time{std::chrono::seconds{stmt.get_int(2)}},
                      stmt.get_text(3), *action, stmt.get_opt_text(5), stmt.get_opt_text(6),
                      stmt.get_opt_text(7), stmt.get_opt_text(8), stmt.get_opt_text(9)});
    if (hashes) {
      const auto bytes = stmt.get_opt_blob(10);
      // A hash of the wrong size cannot match: kept as all zeros.
      hashes->push_back(bytes ? std::optional{util::sha256_from_bytes(*bytes).value_or(util::Sha256Digest{})}
                              : std::nullopt);
    }
  }
  return result;
}

std::vector<model::Event> SqliteStore::events(model::TicketId id)
{
  return read_events(id, nullptr);
}

std::optional<model::StoredChain> SqliteStore::chain(model::TicketId id)
{
  if (m_bulk) {
    flush_heads(); // the rows must hold what they are read for
  }
  auto& stmt = cached(m_head, "SELECT event_count, event_head FROM ticket WHERE id = ?");
  stmt.bind(1, id);
  if (!stmt.step()) {
    return std::nullopt;
  }
  model::StoredChain chain;
  chain.head = read_head(stmt, 0);
  stmt.reset();
  chain.events = read_events(id, &chain.hashes);
  return chain;
}

} // namespace sdesk::store

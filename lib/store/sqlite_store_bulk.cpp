// SqliteStore: appending events, many rows per statement, and bulk loading
// (the settings and the index rebuild of begin_bulk_load()).

#include "lib/store/sqlite_store.hpp"

#include "lib/model/limits.hpp"

#include "lib/util/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <thread>
#include <utility>

namespace sdesk::store {

namespace {

// Bulk loading: page cache size (KiB), and events per INSERT statement.
constexpr std::int64_t k_bulk_cache_kib = 256 * 1024;
constexpr std::size_t k_append_rows = 32;
// A batch of at least this many events is hashed on two threads.
constexpr std::size_t k_parallel_hash_events = 1024;
// Chain heads a bulk load keeps before writing them (~100 bytes each).
constexpr std::size_t k_cached_heads = 1 << 16;

std::string append_sql(std::size_t rows)
{
  std::string sql = "INSERT INTO ticket_event (ticket_id, at, actor, action, field, old_value,"
                    " new_value, note, data, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  for (std::size_t i = 1; i < rows; ++i) {
    sql += ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }
  return sql;
}

} // namespace

void SqliteStore::begin_bulk_load()
{
  if (m_bulk) {
    return;
  }
  {
    // Finalized before any DDL below: an active statement locks the schema.
    auto cache = m_db.prepare("PRAGMA cache_size");
    m_cache_size = cache.step() ? cache.get_int(0) : -2000;
  }
  m_db.exec(fmt::format("PRAGMA cache_size={}; PRAGMA ignore_check_constraints=ON",
                        -k_bulk_cache_kib));
  m_bulk = true;
  forget_write_statements();
  if (has_tickets()) {
    return;
  }
  // An empty store: building the indexes once at the end beats updating
  // them row by row. DDL is transactional, so a rollback restores them.
  for (auto& [name, sql] : secondary_indexes()) {
    m_db.exec(fmt::format("DROP INDEX \"{}\"", name));
    m_dropped_indexes.push_back(std::move(sql));
  }
}

void SqliteStore::begin_bulk_session()
{
  m_db.exec("PRAGMA foreign_keys=OFF");
  if (has_tickets()) {
    return;
  }
  try {
    auto mode = m_db.prepare("PRAGMA journal_mode=DELETE");
    m_rollback_journal = mode.step() && mode.get_text(0) == "delete";
  } catch (const Error&) {
    // Another connection has the store open: keep the WAL, just slower.
  }
}

void SqliteStore::end_bulk_session() noexcept
{
  try {
    if (std::exchange(m_rollback_journal, false)) {
      m_db.exec("PRAGMA journal_mode=WAL");
    }
    m_db.exec("PRAGMA foreign_keys=ON");
  } catch (const Error&) {
    // The data is safe either way; the next open_store() restores WAL mode.
  }
}

bool SqliteStore::has_tickets()
{
  auto any = m_db.prepare("SELECT EXISTS (SELECT 1 FROM ticket)");
  return any.step() && any.get_int(0) != 0;
}

std::vector<std::pair<std::string, std::string>> SqliteStore::secondary_indexes()
{
  auto list = m_db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
                           " AND tbl_name IN ('ticket', 'ticket_event') AND sql IS NOT NULL");
  std::vector<std::pair<std::string, std::string>> indexes;
  while (list.step()) {
    indexes.emplace_back(list.get_text(0), list.get_text(1));
  }
  return indexes; // `list` is finalized: DDL may follow
}

void SqliteStore::finish_bulk_load()
{
  flush_heads(); // and the rows held back
  restore_indexes();
  end_bulk_settings();
  m_truncate_wal = true;
}

void SqliteStore::restore_indexes()
{
  for (const auto& sql : m_dropped_indexes) {
    m_db.exec(sql);
  }
  m_dropped_indexes.clear();
}

void SqliteStore::end_bulk_settings() noexcept
{
  if (!m_bulk) {
    return;
  }
  m_bulk = false;
  m_next_id = 0; // another connection may insert from now on
  forget_write_statements();
  try {
    m_db.exec(fmt::format("PRAGMA ignore_check_constraints=OFF; PRAGMA cache_size={}", m_cache_size));
  } catch (const Error&) { // the connection is unusable anyway
  }
}

void SqliteStore::forget_write_statements() noexcept
{
  // Compiled with or without the CHECK constraints: prepare them again.
  m_insert.reset();
  m_insert_with_chain.reset();
  m_update.reset();
  m_append.reset();
  m_append_many.reset();
}

void SqliteStore::append_rows(const std::vector<model::Event>& events, std::size_t begin,
                              std::size_t rows, std::vector<std::int64_t>& ids)
{
  auto& slot = rows == 1 ? m_append : m_append_many;
  auto& stmt = slot ? cached(slot, {}) : cached(slot, append_sql(rows));
  int index = 1;
  for (std::size_t i = begin; i < begin + rows; ++i) {
    const auto& e = events[i];
    // `events` outlives the run below: no copies.
    stmt.bind(index, e.ticket_id)
      .bind(index + 1, e.at.time_since_epoch().count())
      .bind_static(index + 2, e.actor)
      .bind_static(index + 3, model::to_string(e.action))
      .bind_static(index + 4, e.field)
      .bind_static(index + 5, e.old_value)
      .bind_static(index + 6, e.new_value)
      .bind_static(index + 7, e.note)
      .bind_static(index + 8, e.data)
      .bind_blob_static(index + 9, util::as_bytes(m_hashes[i]));
    index += 10;
  }
  stmt.run();
  // The rows of one statement get consecutive ids (each the largest so
  // far plus one: no AUTOINCREMENT, and the write lock is held).
  const std::int64_t last = m_db.last_insert_rowid();
  for (std::size_t i = rows; i > 0; --i) {
    ids.push_back(last - static_cast<std::int64_t>(i) + 1);
  }
}

void SqliteStore::insert_events(const std::vector<model::Event>& events, std::size_t begin,
                                std::size_t end, std::vector<std::int64_t>& ids)
{
  // Many rows per statement: each run of the statement has a fixed cost
  // (it evaluates the partial index's IN list through a temporary table).
  std::size_t i = begin;
  for (; end - i >= k_append_rows; i += k_append_rows) {
    append_rows(events, i, k_append_rows, ids);
  }
  for (; i < end; ++i) {
    append_rows(events, i, 1, ids);
  }
}

std::size_t SqliteStore::independent_split(const std::vector<model::Event>& events)
{
  const std::size_t n = events.size();
  if (n < k_parallel_hash_events) {
    return n;
  }
  std::size_t split = n / 2;
  while (split < n && events[split].ticket_id == events[split - 1].ticket_id) {
    ++split;
  }
  std::vector<model::TicketId> first;
  first.reserve(split);
  for (std::size_t i = 0; i < split; ++i) {
    first.push_back(events[i].ticket_id);
  }
  std::sort(first.begin(), first.end());
  for (std::size_t i = split; i < n; ++i) {
    if (std::binary_search(first.begin(), first.end(), events[i].ticket_id)) {
      return n; // a chain runs through both halves: one thread
    }
  }
  return split;
}

std::vector<std::int64_t> SqliteStore::append(const std::vector<model::Event>& events)
{
  for (const model::Event& e : events) {
    model::check_texts(e); // UTF-8 and size limits, before anything is written
  }
  // The hash chain, in memory: each event extends its ticket's head. A new
  // ticket's head is known (empty), a found one's was read with it; others
  // are read once per transaction.
  m_hashes.resize(events.size());
  std::vector<model::ChainHead*> heads(events.size());
  std::vector<model::TicketId> touched;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const model::TicketId id = events[i].ticket_id;
    CachedHead& cached = head_of(id);
    heads[i] = &cached.head;
    cached.dirty = m_bulk;
    if (!m_bulk && (touched.empty() || touched.back() != id)) {
      touched.push_back(id);
    }
  }
  const auto hash = [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      m_hashes[i] = model::extend(*heads[i], events[i]);
    }
  };
  // A bulk load hashes the second half of a large batch on a second thread
  // while this one writes the first (the chains of the halves must not
  // meet); SHA-256 was a fifth of an import's time on one core.
  const std::size_t split = m_bulk ? independent_split(events) : events.size();
  hash(0, split);
  std::vector<std::int64_t> ids;
  ids.reserve(events.size());
  {
    std::jthread second;
    model::TicketId below = std::numeric_limits<model::TicketId>::max();
    if (split < events.size()) {
      second = std::jthread([&] { hash(split, events.size()); });
      for (std::size_t i = split; i < events.size(); ++i) {
        below = std::min(below, events[i].ticket_id);
      }
    }
    // Held-back rows first (their heads are final now), but not those whose
    // heads the second thread is computing.
    write_unwritten(below);
    insert_events(events, 0, split - split % k_append_rows, ids);
  } // joined: every hash is known
  write_unwritten();
  insert_events(events, split - split % k_append_rows, events.size(), ids);
  for (const model::TicketId id : touched) {
    // A ticket whose events are not consecutive is written more than once.
    write_head(id, m_heads[id].head);
  }
  if (m_heads.size() > k_cached_heads) {
    flush_heads(); // bounds a bulk load's memory
  }
  journal().appended(events);
  return ids;
}

} // namespace sdesk::store

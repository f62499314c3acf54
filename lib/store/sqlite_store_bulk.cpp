// SqliteStore: appending events, many rows per statement, and bulk loading
// (the settings and the index rebuild of begin_bulk_load()).

#include "lib/store/sqlite_store.hpp"

#include "lib/model/limits.hpp"

#include "lib/util/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <thread>
#include <utility>

namespace sdesk::store {

namespace {

// Bulk loading: page cache size (KiB), and events per INSERT statement.
constexpr std::int64_t k_bulk_cache_kib = 256 * 1024;
constexpr std::size_t k_append_rows = 32;
// A batch of at least this many events is hashed on two threads, in parts
// (the first by the writing thread, the others by the second thread).
constexpr std::size_t k_parallel_hash_events = 1024;
constexpr std::size_t k_hash_parts = 8;
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

std::vector<std::size_t> SqliteStore::independent_parts(const std::vector<model::Event>& events)
{
  const std::size_t n = events.size();
  if (n < k_parallel_hash_events) {
    return {0, n};
  }
  // Each ticket's events must be one run: then a cut between runs leaves
  // every chain on one side.
  std::vector<model::TicketId> runs;
  for (std::size_t i = 0; i < n; ++i) {
    if (i == 0 || events[i].ticket_id != events[i - 1].ticket_id) {
      runs.push_back(events[i].ticket_id);
    }
  }
  std::sort(runs.begin(), runs.end());
  if (std::adjacent_find(runs.begin(), runs.end()) != runs.end()) {
    return {0, n};
  }
  std::vector<std::size_t> bounds{0};
  for (std::size_t part = 1; part < k_hash_parts; ++part) {
    std::size_t cut = std::max(bounds.back() + 1, n * part / k_hash_parts);
    while (cut < n && events[cut].ticket_id == events[cut - 1].ticket_id) {
      ++cut;
    }
    if (cut < n) {
      bounds.push_back(cut);
    }
  }
  bounds.push_back(n);
  return bounds;
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
  // A bulk load hashes all but the first part of a large batch on a second
  // thread, part after part, while this one writes the parts already
  // hashed (SHA-256 was a sixth of an import's time on one core). Parts
  // never share a ticket, so the threads never touch the same chain.
  const std::vector<std::size_t> bounds =
    m_bulk ? independent_parts(events) : std::vector<std::size_t>{0, events.size()};
  const std::size_t parts = bounds.size() - 1;
  // below[p]: the smallest ticket id in parts p.. (rows of tickets below it
  // are complete once parts before p are hashed).
  std::vector<model::TicketId> below(parts + 1, std::numeric_limits<model::TicketId>::max());
  for (std::size_t p = parts; p-- > 0;) {
    below[p] = below[p + 1];
    for (std::size_t i = bounds[p]; i < bounds[p + 1]; ++i) {
      below[p] = std::min(below[p], events[i].ticket_id);
    }
  }
  hash(bounds[0], bounds[1]);
  std::atomic<std::size_t> hashed{1}; // parts whose hashes are known
  std::vector<std::int64_t> ids;
  ids.reserve(events.size());
  std::size_t written = 0; // events inserted so far
  {
    std::jthread second;
    if (parts > 1) {
      second = std::jthread([&] {
        for (std::size_t p = 1; p < parts; ++p) {
          hash(bounds[p], bounds[p + 1]);
          hashed.store(p + 1, std::memory_order_release);
          hashed.notify_one();
        }
      });
    }
    for (std::size_t p = 0; p < parts; ++p) {
      for (std::size_t known = hashed.load(std::memory_order_acquire); known <= p;
           known = hashed.load(std::memory_order_acquire)) {
        hashed.wait(known, std::memory_order_acquire);
      }
      // The held-back rows of the tickets hashed so far, then their events
      // (whole statements only; the rest goes with the next part).
      write_unwritten(below[p + 1]);
      const std::size_t end = bounds[p + 1] - bounds[p + 1] % k_append_rows;
      if (end > written) {
        insert_events(events, written, end, ids);
        written = end;
      }
    }
  } // joined
  insert_events(events, written, events.size(), ids);
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

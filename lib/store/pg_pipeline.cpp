// PgConnection's deferred statements: what defer() queues and
// send_deferred() sends in one round trip with libpq's pipeline mode, and
// the function that runs before the next statement (PgStore's held-back
// tickets). The rest of the connection is pg_connection.cpp.

#include "lib/store/pg_connection.hpp"

#include "lib/store/pg_library.hpp"

#include <utility>

namespace sdesk::store {

namespace {

// The most statements defer() queues before it sends them.
constexpr std::size_t k_max_deferred = 64;

} // namespace

std::optional<PgResult> PgConnection::query_if_exists(std::string_view sql, const PgParams& params)
{
  run_before();
  const Statement statement{"", std::string(sql), params, {}};
  PgResult result = send_deferred(&statement);
  const char* state = result.m_result ? m_lib->result_error_field(result.m_result.get(), PG_DIAG_SQLSTATE)
                                      : nullptr;
  if (state != nullptr && std::string_view(state) == "42P01") { // undefined_table
    return std::nullopt;
  }
  return check(std::move(result), sql);
}

void PgConnection::defer(std::string_view name, std::string_view sql, PgParams params,
                         std::function<void(PgConnection&, const PgResult&)> read)
{
  run_before();
  m_deferred.push_back({std::string(name), std::string(sql), std::move(params), std::move(read)});
  // The server answers each queued statement while this side still sends
  // (libpq blocks on a full socket): a bounded queue keeps those answers
  // far below what the socket buffers hold.
  if (m_deferred.size() >= k_max_deferred) {
    flush();
  }
}

void PgConnection::defer_independent(std::string_view name, std::string_view sql, PgParams params)
{
  auto before = std::exchange(m_before, {});
  defer(name, sql, std::move(params));
  m_before = std::move(before); // still armed for the next statement that may name them
}

void PgConnection::flush()
{
  run_before();
  if (!m_deferred.empty()) {
    send_deferred(nullptr);
  }
}

void PgConnection::discard_deferred() noexcept
{
  std::erase_if(m_deferred, [](const Statement& s) { return !s.session; });
}

void PgConnection::pipe(const Statement& s, std::vector<Sent>& sent)
{
  pg_conn* conn = m_conn.get();
  const auto values = s.params.pointers();
  bool queued = true;
  const auto used = s.name.empty() ? m_used.end() : m_used.find(s.name);
  if (used == m_used.end() || !used->second) {
    if (!s.name.empty() && used == m_used.end()) {
      m_used.emplace(s.name, false); // prepared on its second run, as run() does
    } else if (!s.name.empty()) {
      queued = m_lib->send_prepare(conn, s.name.c_str(), s.sql.c_str(), 0, nullptr) == 1
               && m_lib->pipeline_sync(conn) == 1;
      sent.push_back({&s, true});
      used->second = true; // undone when the server refuses it
    }
  }
  const bool prepared = used != m_used.end() && used->second;
  queued = queued
           && (prepared ? m_lib->send_query_prepared(conn, s.name.c_str(), s.params.size(), values.data(),
                                                     nullptr, nullptr, 0)
                        : m_lib->send_query_params(conn, s.sql.c_str(), s.params.size(), nullptr,
                                                   values.data(), nullptr, nullptr, 0))
                == 1
           && m_lib->pipeline_sync(conn) == 1;
  if (!queued) {
    check(nullptr, s.sql); // throws: the connection's message
  }
  sent.push_back({&s, false});
}

PgResult PgConnection::send_deferred(const Statement* last)
{
  const std::vector<Statement> queued = std::exchange(m_deferred, {});
  pg_conn* conn = m_conn.get();
  if (m_lib->enter_pipeline_mode(conn) != 1) {
    check(nullptr, queued.empty() ? last->sql : queued.front().sql); // throws
  }
  std::vector<Sent> sent;
  for (const Statement& s : queued) {
    pipe(s, sent);
  }
  if (last != nullptr) {
    pipe(*last, sent);
  }
  // Every answer is read before any is looked at: each command's result
  // (then the null that ends it), then its sync.
  std::vector<PgResult> results;
  results.reserve(sent.size());
  bool broken = false;
  for (std::size_t i = 0; i < sent.size(); ++i) {
    pg_result* raw = broken ? nullptr : m_lib->get_result(conn);
    results.emplace_back(m_lib, raw);
    if (raw == nullptr) {
      broken = true; // the connection failed: check() reports its message
      continue;
    }
    while (pg_result* rest = m_lib->get_result(conn)) {
      m_lib->clear(rest);
    }
    pg_result* sync = m_lib->get_result(conn);
    broken = sync == nullptr || m_lib->result_status(sync) != PGRES_PIPELINE_SYNC;
    if (sync != nullptr) {
      m_lib->clear(sync);
    }
  }
  m_lib->exit_pipeline_mode(conn); // fails only when the connection is gone
  // A statement the server did not prepare (an earlier one failed the
  // transaction) is prepared again on its next run, whatever is thrown.
  for (std::size_t i = 0; i < sent.size(); ++i) {
    if (sent[i].prepare && m_lib->result_status(results[i].m_result.get()) != PGRES_COMMAND_OK) {
      m_used[sent[i].statement->name] = false;
    }
  }
  PgResult answer(m_lib, nullptr);
  for (std::size_t i = 0; i < sent.size(); ++i) {
    const Statement& s = *sent[i].statement;
    if (&s == last) {
      answer = std::move(results[i]);
      continue;
    }
    const PgResult result = check(std::move(results[i]), s.sql);
    if (s.read && !sent[i].prepare) {
      s.read(*this, result);
    }
  }
  return answer;
}

void PgConnection::before_next_statement(std::function<void()> before)
{
  m_before = std::move(before);
}

void PgConnection::run_before()
{
  if (m_before) {
    const auto before = std::exchange(m_before, {}); // what it runs does not run it again
    before();
  }
}

} // namespace sdesk::store

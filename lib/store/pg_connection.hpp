#pragma once

// A small RAII layer over libpq (loaded on demand, pg_library.hpp): one
// connection, its results, prepared statements and bound parameters (text
// format; values are never formatted into SQL). Internal to lib/store.

#include <chrono>
#include <cstdint>
#include <memory>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace sdesk::store {

struct PgLibrary;

// The values bound to $1, $2, ... of one statement, as text (NULL for an
// absent value).
class PgParams {
public:
  PgParams& add(std::int64_t value);
  PgParams& add(std::string_view value);
  PgParams& add(const std::string& value) { return add(std::string_view(value)); }
  PgParams& add(const char* value) { return add(std::string_view(value)); }
  PgParams& add(const std::optional<std::string>& value);
  PgParams& add(const std::optional<std::int64_t>& value);
  // A bytea value (PostgreSQL's hex input form).
  PgParams& add_bytes(std::string_view bytes);
  // A bigint[] value ("{1,2,3}"), for `= ANY($n::bigint[])` or unnest().
  PgParams& add_array(std::span<const std::int64_t> values);
  PgParams& add_null();

  int size() const { return static_cast<int>(m_values.size()); }
  // libpq's array of values, valid until the next add().
  std::vector<const char*> pointers() const;

private:
  std::vector<std::optional<std::string>> m_values;
};

// The rows of one statement's result; move-only, cleared on destruction.
class PgResult {
public:
  PgResult(std::shared_ptr<const PgLibrary> lib, pg_result* result);
  PgResult(PgResult&&) noexcept = default;
  PgResult& operator=(PgResult&&) noexcept = default;
  ~PgResult();

  int rows() const;
  bool is_null(int row, int column) const;
  // The text of a value ("" for NULL).
  std::string get_text(int row, int column) const;
  std::optional<std::string> get_opt_text(int row, int column) const;
  // A bigint or integer value; 0 for NULL.
  std::int64_t get_int(int row, int column) const;
  std::optional<std::int64_t> get_opt_int(int row, int column) const;
  // A bytea value's bytes; nothing for NULL.
  std::optional<std::string> get_opt_bytes(int row, int column) const;
  // Rows an INSERT, UPDATE or DELETE changed.
  std::int64_t changed() const;

private:
  friend class PgConnection; // checks the status of the result it made

  std::shared_ptr<const PgLibrary> m_lib;
  struct Clear {
    const PgLibrary* lib;
    void operator()(pg_result* result) const noexcept;
  };
  std::unique_ptr<pg_result, Clear> m_result;
};

// One connection to a PostgreSQL server; move-only, closed on destruction.
class PgConnection {
public:
  // Connects to the store `uri` (libpq's URI; libpq's environment, PGHOST,
  // PGSERVICE, PGPASSFILE..., applies) and sets its lock timeout to
  // `lock_timeout` and its client encoding to UTF-8. Throws Error(store)
  // "cannot connect to store '<uri without password>': <libpq's reason, one
  // line>" when the server cannot be reached or refuses the login, and when
  // libpq cannot be loaded.
  // The session settings and the connected role are read with the first
  // statement (defer()): connecting costs no round trip of its own.
  static PgConnection open(const std::string& uri, std::chrono::milliseconds lock_timeout);

  PgConnection(PgConnection&&) noexcept = default;
  PgConnection& operator=(PgConnection&&) noexcept = default;
  ~PgConnection();

  // Runs statements without parameters (DDL, BEGIN, COMMIT). Throws
  // Error(store), or StoreBusy for a lock timeout, serialization failure or
  // deadlock (try again).
  void exec(std::string_view sql);

  // Runs `sql` with `params` bound, unprepared (statements built per call).
  // Throws as exec().
  PgResult query(std::string_view sql, const PgParams& params = {});

  // Runs `sql` as query() does, but hands `row` each row as it arrives (a
  // result of one row), so that the caller works while the server still
  // sends: for large results read once (reports). Throws as exec(), also
  // after some rows were handed over; what `row` throws ends the query and
  // is rethrown.
  void stream(std::string_view sql, const PgParams& params, const std::function<void(const PgResult&)>& row);

  // Runs the statement `name` (`sql`) with `params` bound: unprepared the
  // first time, prepared on this connection from the second on. Throws as
  // exec().
  PgResult run(std::string_view name, std::string_view sql, const PgParams& params = {});

  // Like query(), but nothing when `sql` names a table that does not exist
  // (SQLSTATE 42P01): a look before the schema is known. Only outside a
  // transaction, where that failure leaves nothing aborted.
  std::optional<PgResult> query_if_exists(std::string_view sql, const PgParams& params = {});

  // Queues the statement `name` (`sql`, as run(); unnamed and never
  // prepared when `name` is empty) to be sent with the next statement whose
  // result the caller reads, in the same round trip (libpq's pipeline mode):
  // for BEGIN, a lock, and writes that return nothing to read. Each queued
  // statement ends in a sync of its own, so it runs exactly as if sent
  // alone, in order; its failure is thrown by that next statement (or by
  // flush()), before its own result is looked at. `read`, when given, is
  // handed the result.
  void defer(std::string_view name, std::string_view sql, PgParams params = {},
             std::function<void(PgConnection&, const PgResult&)> read = {});

  // As defer(), for a statement that names no row a store holds back (a
  // table without foreign keys): before_next_statement()'s function does
  // not run for it.
  void defer_independent(std::string_view name, std::string_view sql, PgParams params = {});

  // Sends what defer() queued. Throws the first failure, as exec().
  void flush();

  // Forgets what defer() queued and was not sent (a rollback: nothing of it
  // ran), but for the session settings open() queued.
  void discard_deferred() noexcept;

  // Runs `before` once, just before the next statement is queued (defer)
  // or sent, whichever comes first; an empty function disarms it. For rows
  // a store holds back (PgStore's new tickets): they are queued ahead of any
  // statement that could name them.
  void before_next_statement(std::function<void()> before);

  // Whether a transaction is open (or failed and not yet ended); sends what
  // defer() queued first.
  bool in_transaction();

  // The role the connection acts as (current_user), read with the session
  // settings by the first statement.
  const std::string& role();

  // The store's name without its password, for messages.
  const std::string& name() const { return m_name; }

private:
  struct Finish {
    const PgLibrary* lib;
    void operator()(pg_conn* conn) const noexcept;
  };

  // A statement waiting for defer()'s round trip, or the one that ends it.
  struct Statement {
    std::string name; // empty: unnamed, never prepared
    std::string sql;
    PgParams params;
    std::function<void(PgConnection&, const PgResult&)> read;
    bool session = false; // open()'s settings: never discarded
  };

  PgConnection(std::shared_ptr<const PgLibrary> lib, pg_conn* conn, std::string name);
  // The result of a run; throws for a failed one. `sql` is for the message.
  PgResult check(pg_result* result, std::string_view sql);
  PgResult check(PgResult result, std::string_view sql);
  // One command send_deferred() queued.
  struct Sent {
    const Statement* statement;
    bool prepare; // the PQsendPrepare before a statement's first prepared run
  };

  // Sends the deferred statements, then `last` when given, in one round
  // trip; checks the deferred ones' results (throws the first failure) and
  // returns last's unchecked (empty without `last`).
  PgResult send_deferred(const Statement* last);
  // Queues `s` in pipeline mode: unnamed, or prepared as run() would
  // (PQsendPrepare the second time), each command followed by a sync.
  // Adds to `sent` what each command queued is, in order.
  void pipe(const Statement& s, std::vector<Sent>& sent);
  // Runs and disarms m_before.
  void run_before();

  std::shared_ptr<const PgLibrary> m_lib;
  std::unique_ptr<pg_conn, Finish> m_conn;
  std::string m_name;
  // The statements run(): whether each is prepared yet.
  std::map<std::string, bool, std::less<>> m_used;
  // What defer() queued, in order.
  std::vector<Statement> m_deferred;
  std::string m_role; // current_user, once read
  std::function<void()> m_before; // before_next_statement()'s
};

} // namespace sdesk::store

#include "lib/store/pg_connection.hpp"

#include "lib/store/pg_library.hpp"
#include "lib/store/store_uri.hpp"
#include "lib/util/error.hpp"

#include <array>
#include <charconv>

#include <exception>
#include <utility>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

// libpq's messages end in a newline and may run over several lines: the
// first line, trimmed.
std::string one_line(const char* message)
{
  std::string_view text = message != nullptr ? message : "";
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n')) {
    text.remove_prefix(1);
  }
  text = text.substr(0, text.find('\n'));
  if (text.substr(0, 7) == "FATAL: " || text.substr(0, 7) == "ERROR: ") {
    text.remove_prefix(7);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text.empty() ? std::string("no reason given") : std::string(text);
}

// Notices (NOTICE, WARNING) are not printed: lib/ never prints.
void ignore_notice(void* /*arg*/, const PGresult* /*result*/) {}

// Whether SQLSTATE `state` says "try again": a serialization failure, a
// deadlock, or a lock not granted within lock_timeout.
bool is_busy(std::string_view state)
{
  return state == "40001" || state == "40P01" || state == "55P03";
}

} // namespace

// --- PgParams ---

PgParams& PgParams::add(std::int64_t value)
{
  m_values.emplace_back(std::to_string(value));
  return *this;
}

PgParams& PgParams::add(std::string_view value)
{
  m_values.emplace_back(std::string(value));
  return *this;
}

PgParams& PgParams::add(const std::optional<std::string>& value)
{
  m_values.push_back(value);
  return *this;
}

PgParams& PgParams::add(const std::optional<std::int64_t>& value)
{
  return value ? add(*value) : add_null();
}

PgParams& PgParams::add_bytes(std::string_view bytes)
{
  static constexpr std::string_view k_digits = "0123456789abcdef";
  std::string hex = "\\x";
  hex.reserve(2 + bytes.size() * 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    hex += k_digits[byte >> 4];
    hex += k_digits[byte & 15];
  }
  m_values.emplace_back(std::move(hex));
  return *this;
}

PgParams& PgParams::add_array(std::span<const std::int64_t> values)
{
  std::string list = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    list += (i == 0 ? "" : ",") + std::to_string(values[i]);
  }
  m_values.emplace_back(list + "}");
  return *this;
}

PgParams& PgParams::add_null()
{
  m_values.emplace_back(std::nullopt);
  return *this;
}

std::vector<const char*> PgParams::pointers() const
{
  std::vector<const char*> result;
  result.reserve(m_values.size());
  for (const auto& value : m_values) {
    result.push_back(value ? value->c_str() : nullptr);
  }
  return result;
}

// --- PgResult ---

void PgResult::Clear::operator()(pg_result* result) const noexcept
{
  lib->clear(result);
}

PgResult::PgResult(std::shared_ptr<const PgLibrary> lib, pg_result* result)
  : m_lib(std::move(lib)),
    m_result(result, Clear{m_lib.get()})
{
}

PgResult::~PgResult() = default;

int PgResult::rows() const
{
  return m_lib->ntuples(m_result.get());
}

bool PgResult::is_null(int row, int column) const
{
  return m_lib->get_is_null(m_result.get(), row, column) != 0;
}

std::string PgResult::get_text(int row, int column) const
{
  return std::string(m_lib->get_value(m_result.get(), row, column),
                     static_cast<std::size_t>(m_lib->get_length(m_result.get(), row, column)));
}

std::optional<std::string> PgResult::get_opt_text(int row, int column) const
{
  return is_null(row, column) ? std::nullopt : std::optional{get_text(row, column)};
}

std::int64_t PgResult::get_int(int row, int column) const
{
  const char* text = m_lib->get_value(m_result.get(), row, column);
  const auto length = static_cast<std::size_t>(m_lib->get_length(m_result.get(), row, column));
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text, text + length, value);
  if (ec != std::errc{} || end != text + length) {
    if (is_null(row, column)) {
      return 0;
    }
    throw Error(ErrorKind::store, fmt::format("not an integer in the store: '{}'",
                                              std::string_view(text, length)));
  }
  return value;
}

std::optional<std::int64_t> PgResult::get_opt_int(int row, int column) const
{
  return is_null(row, column) ? std::nullopt : std::optional{get_int(row, column)};
}

std::optional<std::string> PgResult::get_opt_bytes(int row, int column) const
{
  if (is_null(row, column)) {
    return std::nullopt;
  }
  const std::string text = get_text(row, column); // "\x" then hex digits
  std::string bytes;
  const auto digit = [](char c) {
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
  };
  for (std::size_t i = 2; i + 1 < text.size(); i += 2) {
    bytes += static_cast<char>(digit(text[i]) * 16 + digit(text[i + 1]));
  }
  return bytes;
}

std::int64_t PgResult::changed() const
{
  const char* text = m_lib->cmd_tuples(m_result.get());
  std::int64_t value = 0;
  std::from_chars(text, text + std::char_traits<char>::length(text), value);
  return value;
}

// --- PgConnection ---

void PgConnection::Finish::operator()(pg_conn* conn) const noexcept
{
  lib->finish(conn);
}

PgConnection::PgConnection(std::shared_ptr<const PgLibrary> lib, pg_conn* conn, std::string name)
  : m_lib(std::move(lib)),
    m_conn(conn, Finish{m_lib.get()}),
    m_name(std::move(name))
{
}

PgConnection::~PgConnection() = default;

PgConnection PgConnection::open(const std::string& uri, std::chrono::milliseconds lock_timeout)
{
  const std::string name = redact_uri(uri);
  auto lib = load_pg_library();
  // expand_dbname: `uri` is a whole connection string; fallback_application_name
  // lets the URI name its own.
  const std::array<const char*, 3> keys{"dbname", "fallback_application_name", nullptr};
  const std::array<const char*, 3> values{uri.c_str(), "sdesk", nullptr};
  pg_conn* raw = lib->connectdb_params(keys.data(), values.data(), 1);
  if (raw == nullptr) {
    throw Error(ErrorKind::store, fmt::format("cannot connect to store '{}': out of memory", name));
  }
  PgConnection conn(lib, raw, name);
  if (lib->status(raw) != CONNECTION_OK) {
    throw Error(ErrorKind::store, fmt::format("cannot connect to store '{}': {}", name,
                                              one_line(lib->error_message(raw))));
  }
  lib->set_notice_receiver(raw, &ignore_notice, nullptr);
  // jit off: compiling a report's query took 20-40 ms of a run that lasts
  // tens of milliseconds, and no query of a command runs long enough to
  // earn it back (bench/README.md, "PostgreSQL over loopback"). Sent with
  // the first statement, as is the look at who is connected: a command
  // that writes a ticket takes four round trips after the login, where it
  // took twelve.
  conn.defer("",
             "SELECT current_user, set_config('lock_timeout', $1, false),"
             " set_config('client_encoding', 'UTF8', false), set_config('jit', 'off', false)",
             PgParams().add(std::int64_t{lock_timeout.count()}),
             [](PgConnection& self, const PgResult& row) { self.m_role = row.get_text(0, 0); });
  conn.m_deferred.back().session = true;
  return conn;
}

PgResult PgConnection::check(pg_result* raw, std::string_view sql)
{
  return check(PgResult(m_lib, raw), sql);
}

PgResult PgConnection::check(PgResult result, std::string_view sql)
{
  pg_result* raw = result.m_result.get();
  const ExecStatusType status = raw != nullptr ? m_lib->result_status(raw) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    return result;
  }
  const char* state = raw != nullptr ? m_lib->result_error_field(raw, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary =
    raw != nullptr ? m_lib->result_error_field(raw, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  const std::string reason =
    one_line(primary != nullptr ? primary : m_lib->error_message(m_conn.get()));
  const std::string_view code = state != nullptr ? state : "";
  if (is_busy(code)) {
    throw StoreBusy(fmt::format("store '{}' is busy ({}); try again", m_name, reason));
  }
  if (code == "42501") { // a grant or a row-level security policy said no: a refusal, not a fault
    throw Error(ErrorKind::refused,
                fmt::format("store '{}' refused the connected role: {} (roles, grants and restricted "
                            "tickets: docs/postgresql.md)",
                            m_name, reason));
  }
  if (code.substr(0, 2) == "08" || code.empty()) { // connection lost
    throw Error(ErrorKind::store, fmt::format("store '{}': {}", m_name, reason));
  }
  throw Error(ErrorKind::store, fmt::format("store '{}': {} (in: {})", m_name, reason,
                                            sql.substr(0, 200)));
}

void PgConnection::exec(std::string_view sql)
{
  run_before();
  flush(); // a simple query (several statements) cannot join a pipeline
  const std::string text(sql);
  check(m_lib->exec(m_conn.get(), text.c_str()), sql);
}

PgResult PgConnection::query(std::string_view sql, const PgParams& params)
{
  run_before();
  if (!m_deferred.empty()) {
    const Statement last{"", std::string(sql), params, {}};
    return check(send_deferred(&last), sql);
  }
  const std::string text(sql);
  const auto values = params.pointers();
  return check(m_lib->exec_params(m_conn.get(), text.c_str(), params.size(), nullptr,
                                  values.data(), nullptr, nullptr, 0),
               sql);
}

void PgConnection::stream(std::string_view sql, const PgParams& params,
                          const std::function<void(const PgResult&)>& row)
{
  run_before();
  flush(); // single-row mode is for the one statement sent
  const std::string text(sql);
  const auto values = params.pointers();
  pg_conn* conn = m_conn.get();
  if (m_lib->send_query_params(conn, text.c_str(), params.size(), nullptr, values.data(), nullptr, nullptr,
                               0) != 1) {
    check(nullptr, sql); // throws: the connection's message
  }
  m_lib->set_single_row_mode(conn);
  // Every result up to the null one must be read before the connection
  // takes another statement, also when a row or the server failed.
  std::exception_ptr failure;
  while (pg_result* raw = m_lib->get_result(conn)) {
    if (failure) {
      m_lib->clear(raw);
      continue;
    }
    try {
      if (m_lib->result_status(raw) == PGRES_SINGLE_TUPLE) {
        row(PgResult(m_lib, raw));
      } else {
        check(raw, sql); // the last, empty result, or the error
      }
    } catch (...) {
      failure = std::current_exception();
    }
  }
  if (failure) {
    std::rethrow_exception(failure);
  }
}

PgResult PgConnection::run(std::string_view name, std::string_view sql, const PgParams& params)
{
  // A statement run once (most, in a one-shot command) costs one round trip
  // unprepared where preparing it first costs two: it is prepared on its
  // second run.
  run_before();
  if (!m_deferred.empty()) {
    const Statement last{std::string(name), std::string(sql), params, {}};
    return check(send_deferred(&last), sql);
  }
  const auto used = m_used.find(name);
  if (used == m_used.end()) {
    m_used.emplace(std::string(name), false);
    return query(sql, params);
  }
  const std::string statement(name);
  if (!used->second) {
    const std::string text(sql);
    check(m_lib->prepare(m_conn.get(), statement.c_str(), text.c_str(), 0, nullptr), sql);
    used->second = true;
  }
  const auto values = params.pointers();
  return check(m_lib->exec_prepared(m_conn.get(), statement.c_str(), params.size(), values.data(),
                                    nullptr, nullptr, 0),
               sql);
}

bool PgConnection::in_transaction()
{
  flush();
  return m_lib->transaction_status(m_conn.get()) != PQTRANS_IDLE;
}

const std::string& PgConnection::role()
{
  flush(); // open() queued the look at it
  if (m_role.empty()) {
    m_role = query("SELECT current_user").get_text(0, 0);
  }
  return m_role;
}

} // namespace sdesk::store

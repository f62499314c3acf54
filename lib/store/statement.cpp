#include "lib/store/statement.hpp"

#include "lib/store/sqlite_error.hpp"

#include <sqlite3.h>

namespace sdesk::store {

void Statement::Finalizer::operator()(sqlite3_stmt* stmt) const noexcept
{
  sqlite3_finalize(stmt);
}

Statement::Statement(sqlite3_stmt* stmt)
  : m_stmt(stmt)
{
}

void Statement::check(int rc) const
{
  if (rc == SQLITE_OK) {
    return; // the common case: no need to look up (and measure) the SQL text
  }
  check_result(sqlite3_db_handle(m_stmt.get()), rc, sqlite3_sql(m_stmt.get()));
}

Statement& Statement::bind(int index, std::int64_t value)
{
  check(sqlite3_bind_int64(m_stmt.get(), index, value));
  return *this;
}

Statement& Statement::bind(int index, double value)
{
  check(sqlite3_bind_double(m_stmt.get(), index, value));
  return *this;
}

Statement& Statement::bind(int index, std::string_view value)
{
  check(sqlite3_bind_text64(m_stmt.get(), index, value.data(), value.size(), SQLITE_TRANSIENT,
                            SQLITE_UTF8));
  return *this;
}

Statement& Statement::bind_static(int index, std::string_view value)
{
  check(sqlite3_bind_text64(m_stmt.get(), index, value.data(), value.size(), SQLITE_STATIC,
                            SQLITE_UTF8));
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes)
{
  check(sqlite3_bind_blob64(m_stmt.get(), index, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
  return *this;
}

Statement& Statement::bind_blob_static(int index, std::string_view bytes)
{
  check(sqlite3_bind_blob64(m_stmt.get(), index, bytes.data(), bytes.size(), SQLITE_STATIC));
  return *this;
}

Statement& Statement::bind(int index, std::nullopt_t)
{
  check(sqlite3_bind_null(m_stmt.get(), index));
  return *this;
}

bool Statement::step()
{
  const int rc = sqlite3_step(m_stmt.get());
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  check(rc);
  return false;
}

void Statement::run()
{
  while (step()) {
  }
}

void Statement::reset()
{
  sqlite3_reset(m_stmt.get());
}

bool Statement::is_null(int column) const
{
  return sqlite3_column_type(m_stmt.get(), column) == SQLITE_NULL;
}

std::int64_t Statement::get_int(int column) const
{
  return sqlite3_column_int64(m_stmt.get(), column);
}

double Statement::get_double(int column) const
{
  return sqlite3_column_double(m_stmt.get(), column);
}

std::string Statement::get_text(int column) const
{
  const auto* text = sqlite3_column_text(m_stmt.get(), column);
  const int size = sqlite3_column_bytes(m_stmt.get(), column);
  return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size))
              : std::string{};
}

std::optional<std::int64_t> Statement::get_opt_int(int column) const
{
  return is_null(column) ? std::nullopt : std::optional{get_int(column)};
}

std::optional<std::string> Statement::get_opt_text(int column) const
{
  return is_null(column) ? std::nullopt : std::optional{get_text(column)};
}

void Statement::read_text(int column, std::string& out) const
{
  const auto* text = sqlite3_column_text(m_stmt.get(), column);
  const int size = sqlite3_column_bytes(m_stmt.get(), column);
  out.assign(text ? reinterpret_cast<const char*>(text) : "", static_cast<std::size_t>(size));
}

void Statement::read_opt_text(int column, std::optional<std::string>& out) const
{
  if (is_null(column)) {
    out.reset();
    return;
  }
  read_text(column, out ? *out : out.emplace());
}

std::optional<std::string> Statement::get_opt_blob(int column) const
{
  if (is_null(column)) {
    return std::nullopt;
  }
  const void* bytes = sqlite3_column_blob(m_stmt.get(), column);
  const int size = sqlite3_column_bytes(m_stmt.get(), column);
  return bytes ? std::string(static_cast<const char*>(bytes), static_cast<std::size_t>(size))
               : std::string{};
}

} // namespace sdesk::store

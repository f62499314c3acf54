#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3_stmt;

namespace sdesk::store {

// A prepared statement; move-only, finalized on destruction. Parameters are
// numbered from 1 and columns from 0, as in SQLite. Text is bound with
// SQLITE_TRANSIENT, so arguments need not outlive the call.
class Statement {
public:
  // Takes ownership of `stmt` (may be null after a failed prepare).
  explicit Statement(sqlite3_stmt* stmt);

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, std::nullopt_t);

  // Binds text without copying it (for bulk writes): `value` must stay
  // alive and unchanged until the statement has run and is bound anew.
  Statement& bind_static(int index, std::string_view value);
  Statement& bind_static(int index, const std::string& value)
  {
    return bind_static(index, std::string_view(value));
  }
  Statement& bind_static(int index, const std::optional<std::string>& value)
  {
    return value ? bind_static(index, std::string_view(*value)) : bind(index, std::nullopt);
  }

  // Binds `bytes` as a BLOB, copied; bind_blob_static() does not copy (as
  // bind_static()).
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_blob_static(int index, std::string_view bytes);

  // Binds the value, or NULL when absent.
  template<typename T>
  Statement& bind(int index, const std::optional<T>& value)
  {
    return value ? bind(index, *value) : bind(index, std::nullopt);
  }

  // Advances to the next row: true for a row, false when done. Throws
  // Error(store) on failure (busy, corrupt, constraint...).
  bool step();

  // Steps through a statement that returns no rows.
  void run();

  // Clears the result so the statement can run again (bindings are kept).
  void reset();

  bool is_null(int column) const;
  std::int64_t get_int(int column) const;
  double get_double(int column) const;
  std::string get_text(int column) const;
  std::optional<std::int64_t> get_opt_int(int column) const;
  std::optional<std::string> get_opt_text(int column) const;
  // get_text/get_opt_text into `out`, reusing its buffer: for loops that
  // read many rows into one object (reports), where a new string per value
  // would cost an allocation each.
  void read_text(int column, std::string& out) const;
  void read_opt_text(int column, std::optional<std::string>& out) const;
  // The bytes of a BLOB (or text) column; nothing for NULL.
  std::optional<std::string> get_opt_blob(int column) const;

private:
  // Throws Error(store) for a failed result code.
  void check(int rc) const;

  struct Finalizer {
    void operator()(sqlite3_stmt* stmt) const noexcept;
  };

  std::unique_ptr<sqlite3_stmt, Finalizer> m_stmt;
};

} // namespace sdesk::store

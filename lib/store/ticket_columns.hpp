#pragma once

// The columns of table ticket, derived from the field table
// (lib/model/fields.hpp): the SQL of the ticket statements, built when
// sdesk compiles, and the binding and reading of a ticket by index.
// Internal to lib/store.

#include "lib/model/fields.hpp"
#include "lib/store/statement.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>

namespace sdesk::store::columns {

using model::FieldSpec;
using model::k_fields;

// Whether a field has a column of its own that INSERT and UPDATE write
// (not `id`, the key, nor `tags`, in table ticket_tag).
constexpr bool is_stored(const FieldSpec& f)
{
  return !f.column.empty() && f.type != model::FieldType::id;
}

// For each field of k_fields, its 1-based place in the INSERT and UPDATE
// column lists, which is also its column in SELECT (after `id`); 0 for the
// fields that are not stored there.
inline constexpr auto k_position = [] {
  std::array<int, model::k_field_count> position{};
  int next = 0;
  for (std::size_t i = 0; i < model::k_field_count; ++i) {
    position[i] = is_stored(k_fields[i]) ? ++next : 0;
  }
  return position;
}();

// How many fields INSERT and UPDATE write.
inline constexpr int k_field_count = *std::max_element(k_position.begin(), k_position.end());

// The SELECT column of the comma-joined tags, after the stored fields.
inline constexpr int k_tags_column = k_field_count + 1;

// The SELECT columns of the ticket's history chain, event_count and
// event_head (docs/history.md), after the tags.
inline constexpr int k_chain_column = k_tags_column + 1;

// Writes SQL text at compile time; without a buffer it only counts.
class SqlText {
public:
  constexpr explicit SqlText(char* out)
    : m_out(out)
  {
  }

  constexpr SqlText& operator<<(std::string_view text)
  {
    for (const char c : text) {
      if (m_out != nullptr) {
        m_out[m_size] = c;
      }
      ++m_size;
    }
    return *this;
  }

  constexpr std::size_t size() const { return m_size; }

private:
  char* m_out;
  std::size_t m_size = 0;
};

// "ref, kind, ..." (or "ref = ?, kind = ?, ..." with `after` " = ?"): the
// stored fields' columns, in table order.
constexpr void stored_columns(SqlText& sql, std::string_view after)
{
  bool first = true;
  for (const FieldSpec& f : k_fields) {
    if (is_stored(f)) {
      sql << (first ? "" : ", ") << f.column << after;
      first = false;
    }
  }
}

constexpr void insert_sql(SqlText& sql)
{
  sql << "INSERT INTO ticket (";
  stored_columns(sql, "");
  sql << ") VALUES (";
  for (int i = 0; i < k_field_count; ++i) {
    sql << (i == 0 ? "?" : ",?");
  }
  sql << ")";
}

// A bulk load's row, written once its history is known (SqliteStore::
// write_unwritten): the stored fields, then id, event_count and event_head.
constexpr void insert_with_chain_sql(SqlText& sql)
{
  sql << "INSERT INTO ticket (";
  stored_columns(sql, "");
  sql << ", id, event_count, event_head) VALUES (";
  for (int i = 0; i < k_field_count + 3; ++i) {
    sql << (i == 0 ? "?" : ",?");
  }
  sql << ")";
}

constexpr void update_sql(SqlText& sql)
{
  sql << "UPDATE ticket SET ";
  stored_columns(sql, " = ?");
  sql << " WHERE id = ?";
}

// Every field, `id` first and the tags last, for read_ticket().
constexpr void select_sql(SqlText& sql)
{
  sql << "SELECT id, ";
  stored_columns(sql, "");
  sql << ", (SELECT group_concat(tag, ',') FROM ticket_tag WHERE ticket_id = ticket.id)"
      << ", event_count, event_head FROM ticket";
}

constexpr void select_by_id_sql(SqlText& sql)
{
  select_sql(sql);
  sql << " WHERE id = ?";
}

// The text `Write` writes, built when sdesk compiles.
template<void (*Write)(SqlText&)>
struct Sql {
  static constexpr std::size_t k_size = [] {
    SqlText sql(nullptr);
    Write(sql);
    return sql.size();
  }();
  static constexpr std::array<char, k_size> k_text = [] {
    std::array<char, k_size> text{};
    SqlText sql(text.data());
    Write(sql);
    return text;
  }();
  static constexpr std::string_view k_view{k_text.data(), k_size};
};

inline constexpr std::string_view k_select_ticket = Sql<select_sql>::k_view;
inline constexpr std::string_view k_select_ticket_by_id = Sql<select_by_id_sql>::k_view;
inline constexpr std::string_view k_insert_ticket = Sql<insert_sql>::k_view;
inline constexpr std::string_view k_insert_ticket_with_chain = Sql<insert_with_chain_sql>::k_view;
inline constexpr std::string_view k_update_ticket = Sql<update_sql>::k_view;

// Binds the stored fields of `t` (parameters 1 to k_field_count), which must
// outlive the statement's next run (the text is not copied).
void bind_fields(Statement& stmt, const model::Ticket& t);

// The ticket on the current row of a k_select_ticket statement (or one
// that begins like it). Throws what model::parse_kind and parse_status
// throw for a stored name the model does not know.
model::Ticket read_ticket(const Statement& stmt);

} // namespace sdesk::store::columns

#pragma once

// The ticket table's columns for the PostgreSQL backend: the SQL of the
// ticket statements (derived from ticket_columns.hpp, so from the field
// table) with PostgreSQL's $n parameters, and the binding and reading of a
// ticket. Internal to lib/store.

#include "lib/model/chain.hpp"
#include "lib/model/ticket.hpp"
#include "lib/store/pg_connection.hpp"

#include <string>
#include <string_view>

namespace sdesk::store::pg {

// `sql` with each `?` (outside quotes) numbered PostgreSQL's way, $1, $2,
// ..., from `first`.
std::string numbered(std::string_view sql, int first = 1);

// SELECT id, the stored fields, the comma-joined tags, event_count and
// event_head FROM ticket (the column order of columns::k_select_ticket).
const std::string& select_ticket();

// INSERT of `rows` tickets with their ids and chains (held-back rows:
// PgStore::insert): per row the stored fields (bind_fields), then id, event_count and
// event_head.
std::string insert_tickets_with_chain(std::size_t rows);

// Parameters per row of insert_tickets_with_chain().
int insert_with_chain_params();

// UPDATE of the stored fields; the id is parameter k_field_count + 1.
const std::string& update_ticket();

// Binds the stored fields of `t`, in the order of the INSERT and UPDATE
// column lists.
void bind_fields(PgParams& params, const model::Ticket& t);

// The ticket on row `row` of a select_ticket() result. Throws what
// model::parse_kind and parse_status throw for a name the model does not know.
model::Ticket read_ticket(const PgResult& result, int row);

// The count and head in columns `column` and `column` + 1 of row `row`.
model::ChainHead read_head(const PgResult& result, int row, int column);

} // namespace sdesk::store::pg

#pragma once

// libpq, loaded when a PostgreSQL store is first opened (dlopen), never at
// start-up: a SQLite user's sdesk loads only libc and libm, and a host
// without libpq runs every SQLite command. Internal to lib/store (the
// PostgreSQL backend); nothing else includes libpq-fe.h.

#include <memory>

#include <libpq-fe.h>

namespace sdesk::store {

// The libpq functions the PostgreSQL backend calls, resolved from
// libpq.so.5. Immutable once loaded; shared by the connection and its
// results, so the library stays loaded while any of them lives.
struct PgLibrary {
  PgLibrary() = default;
  PgLibrary(const PgLibrary&) = delete;
  PgLibrary& operator=(const PgLibrary&) = delete;
  ~PgLibrary();

  void* handle = nullptr;
  decltype(&PQconnectdbParams) connectdb_params = nullptr;
  decltype(&PQstatus) status = nullptr;
  decltype(&PQerrorMessage) error_message = nullptr;
  decltype(&PQfinish) finish = nullptr;
  decltype(&PQsetNoticeReceiver) set_notice_receiver = nullptr;
  decltype(&PQexec) exec = nullptr;
  decltype(&PQexecParams) exec_params = nullptr;
  decltype(&PQsendQueryParams) send_query_params = nullptr;
  decltype(&PQsetSingleRowMode) set_single_row_mode = nullptr;
  decltype(&PQgetResult) get_result = nullptr;
  decltype(&PQprepare) prepare = nullptr;
  decltype(&PQsendPrepare) send_prepare = nullptr;
  decltype(&PQsendQueryPrepared) send_query_prepared = nullptr;
  decltype(&PQenterPipelineMode) enter_pipeline_mode = nullptr;
  decltype(&PQexitPipelineMode) exit_pipeline_mode = nullptr;
  decltype(&PQpipelineSync) pipeline_sync = nullptr;
  decltype(&PQexecPrepared) exec_prepared = nullptr;
  decltype(&PQresultStatus) result_status = nullptr;
  decltype(&PQresultErrorField) result_error_field = nullptr;
  decltype(&PQresultErrorMessage) result_error_message = nullptr;
  decltype(&PQclear) clear = nullptr;
  decltype(&PQntuples) ntuples = nullptr;
  decltype(&PQgetvalue) get_value = nullptr;
  decltype(&PQgetisnull) get_is_null = nullptr;
  decltype(&PQgetlength) get_length = nullptr;
  decltype(&PQcmdTuples) cmd_tuples = nullptr;
  decltype(&PQtransactionStatus) transaction_status = nullptr;
};

// Loads libpq.so.5 and resolves the functions above. Throws Error(store)
// "PostgreSQL stores need libpq" with the loader's reason when the library
// or one of its functions is missing.
std::shared_ptr<const PgLibrary> load_pg_library();

} // namespace sdesk::store

#include "lib/store/pg_library.hpp"

#include "lib/util/error.hpp"

#include <dlfcn.h>

#include <fmt/format.h>

namespace sdesk::store {

namespace {

[[noreturn]] void missing(std::string_view reason)
{
  throw Error(ErrorKind::store,
              fmt::format("PostgreSQL stores need libpq (install the libpq5 package): {}", reason));
}

// Resolves `name` into `slot` (a function pointer of the right type).
template<typename F>
void resolve(void* handle, F& slot, const char* name)
{
  void* symbol = dlsym(handle, name);
  if (symbol == nullptr) {
    missing(fmt::format("libpq.so.5 has no {}", name));
  }
  slot = reinterpret_cast<F>(symbol);
}

} // namespace

PgLibrary::~PgLibrary()
{
  if (handle != nullptr) {
    dlclose(handle);
  }
}

std::shared_ptr<const PgLibrary> load_pg_library()
{
  auto lib = std::make_shared<PgLibrary>();
  // RTLD_NODELETE: libpq and the libraries it loads (TLS, Kerberos) stay
  // mapped until exit, so that what they keep in their globals is never
  // cut loose by an unload (and leak checkers see it still reachable).
  lib->handle = dlopen("libpq.so.5", RTLD_LAZY | RTLD_LOCAL | RTLD_NODELETE);
  if (lib->handle == nullptr) {
    const char* reason = dlerror();
    missing(reason != nullptr ? reason : "libpq.so.5 cannot be loaded");
  }
  void* h = lib->handle;
  resolve(h, lib->connectdb_params, "PQconnectdbParams");
  resolve(h, lib->status, "PQstatus");
  resolve(h, lib->error_message, "PQerrorMessage");
  resolve(h, lib->finish, "PQfinish");
  resolve(h, lib->set_notice_receiver, "PQsetNoticeReceiver");
  resolve(h, lib->exec, "PQexec");
  resolve(h, lib->exec_params, "PQexecParams");
  resolve(h, lib->send_query_params, "PQsendQueryParams");
  resolve(h, lib->set_single_row_mode, "PQsetSingleRowMode");
  resolve(h, lib->get_result, "PQgetResult");
  resolve(h, lib->prepare, "PQprepare");
  resolve(h, lib->send_prepare, "PQsendPrepare");
  resolve(h, lib->send_query_prepared, "PQsendQueryPrepared");
  resolve(h, lib->enter_pipeline_mode, "PQenterPipelineMode");
  resolve(h, lib->exit_pipeline_mode, "PQexitPipelineMode");
  resolve(h, lib->pipeline_sync, "PQpipelineSync");
  resolve(h, lib->exec_prepared, "PQexecPrepared");
  resolve(h, lib->result_status, "PQresultStatus");
  resolve(h, lib->result_error_field, "PQresultErrorField");
  resolve(h, lib->result_error_message, "PQresultErrorMessage");
  resolve(h, lib->clear, "PQclear");
  resolve(h, lib->ntuples, "PQntuples");
  resolve(h, lib->get_value, "PQgetvalue");
  resolve(h, lib->get_is_null, "PQgetisnull");
  resolve(h, lib->get_length, "PQgetlength");
  resolve(h, lib->cmd_tuples, "PQcmdTuples");
  resolve(h, lib->transaction_status, "PQtransactionStatus");
  return lib;
}

} // namespace sdesk::store

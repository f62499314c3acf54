/* sdesk_bench_pg_floor: the floor for one sdesk write command on a
 * PostgreSQL store. Starts, connects with libpq to URI, inserts one row
 * with a bound parameter in a transaction (BEGIN, INSERT, COMMIT) and exits.
 * bench/pg.sh measures it next to `sdesk open` on the same server.
 *
 *   sdesk_bench_pg_floor URI            insert one row
 *   sdesk_bench_pg_floor --create URI   create its table (once, beforehand)
 *
 * The table is bench_floor (id, at, text) in the database URI names.
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <string.h>

static int fail(PGconn* conn, const char* what)
{
  fprintf(stderr, "sdesk_bench_pg_floor: %s: %s", what, conn ? PQerrorMessage(conn) : "out of memory\n");
  PQfinish(conn);
  return 1;
}

/* Runs `sql` with `value` bound to $1 (when not NULL); returns whether it worked. */
static int run(PGconn* conn, const char* sql, const char* value)
{
  const char* values[1] = {value};
  PGresult* result = PQexecParams(conn, sql, value ? 1 : 0, NULL, values, NULL, NULL, 0);
  const ExecStatusType status = PQresultStatus(result);
  PQclear(result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

int main(int argc, char** argv)
{
  const int create = argc == 3 && strcmp(argv[1], "--create") == 0;
  if (argc != 2 && !create) {
    fprintf(stderr, "usage: sdesk_bench_pg_floor [--create] URI\n");
    return 2;
  }
  PGconn* conn = PQconnectdb(argv[argc - 1]);
  if (conn == NULL || PQstatus(conn) != CONNECTION_OK) {
    return fail(conn, "connect");
  }
  if (create) {
    if (!run(conn, "CREATE TABLE IF NOT EXISTS bench_floor (id bigint GENERATED ALWAYS AS IDENTITY"
                   " PRIMARY KEY, at bigint NOT NULL, text text NOT NULL)",
             NULL)) {
      return fail(conn, "create");
    }
    PQfinish(conn);
    return 0;
  }
  if (!run(conn, "BEGIN", NULL)
      || !run(conn, "INSERT INTO bench_floor (at, text) VALUES (extract(epoch FROM now())::bigint, $1)",
              "one row")
      || !run(conn, "COMMIT", NULL)) {
    return fail(conn, "insert");
  }
  PQfinish(conn);
  return 0;
}

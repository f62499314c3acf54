/* sdesk_bench_baseline: the floor for one sdesk write command. Starts, opens
 * (creating if needed) a WAL SQLite file with the same settings sdesk uses
 * (busy_timeout first, foreign keys on), inserts one row in an IMMEDIATE
 * transaction and exits. bench/run.sh measures it next to sdesk.
 *
 *   sdesk_bench_baseline PATH
 */
#include <sqlite3.h>
#include <stdio.h>

static int fail(sqlite3* db, const char* what)
{
  fprintf(stderr, "sdesk_bench_baseline: %s: %s\n", what, db ? sqlite3_errmsg(db) : "out of memory");
  sqlite3_close_v2(db);
  return 1;
}

int main(int argc, char** argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: sdesk_bench_baseline PATH\n");
    return 2;
  }
  sqlite3* db = NULL;
  if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      NULL) != SQLITE_OK) {
    return fail(db, "open");
  }
  sqlite3_busy_timeout(db, 5000);
  if (sqlite3_exec(db,
                   "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL;"
                   "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, at INTEGER, text TEXT)",
                   NULL, NULL, NULL) != SQLITE_OK) {
    return fail(db, "setup");
  }
  sqlite3_stmt* insert = NULL;
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK
      || sqlite3_prepare_v2(db, "INSERT INTO t (at, text) VALUES (strftime('%s','now'), ?)", -1, &insert,
                            NULL) != SQLITE_OK
      || sqlite3_bind_text(insert, 1, "one row", -1, SQLITE_STATIC) != SQLITE_OK
      || sqlite3_step(insert) != SQLITE_DONE) {
    sqlite3_finalize(insert);
    return fail(db, "insert");
  }
  sqlite3_finalize(insert);
  if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
    return fail(db, "commit");
  }
  return sqlite3_close(db) == SQLITE_OK ? 0 : 1;
}

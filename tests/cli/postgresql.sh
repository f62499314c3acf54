#!/usr/bin/env bash
# Issue 10: a PostgreSQL store, named by a URI wherever a store file is
# (--db, SDESK_DB, store.path), behaves as a SQLite store: the same
# commands give the same output and exit codes on both (open, show, list,
# assign, comment, resolve, reopen, escalate, verify, export, report,
# problem). init makes its schema once and
# checks it afterwards; a server that cannot be reached is exit 5 with
# libpq's reason in one line; no password is ever shown. Four writers at
# once lose nothing and keep every hash chain valid.
#
# Runs on a throw-away server from tests/support/pg-server (started here
# unless SDESK_TEST_PG_URI names one); skipped (125) only when the server
# binaries are missing.
if [ -z "${SDESK_TEST_PG_URI:-}" ]; then
  exec "$(dirname "$0")/../support/pg-server" bash "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"

PG=$SDESK_TEST_PG_URI
SQLITE=$DB

# both EXPECTED_EXIT ARGS...: runs sdesk on the SQLite store, then on the
# PostgreSQL store; their stdout, stderr and exit codes must be the same.
both() {
  local expected=$1
  shift
  DB=$SQLITE sd "$expected" "$@"
  local sqlite_out=$out sqlite_err=$err sqlite_rc=$rc
  DB=$PG sd "$expected" "$@"
  expect_eq "$out" "$sqlite_out" "stdout of '$*' on PostgreSQL"
  expect_eq "$err" "$sqlite_err" "stderr of '$*' on PostgreSQL"
  expect_eq "$rc" "$sqlite_rc" "exit code of '$*' on PostgreSQL"
}

# --- init: the schema once, then checked --------------------------------------
sd 0 init "$SQLITE"
sd 0 init "$PG"
expect_eq "$out" "created store at $PG (schema version 22)" "init creates the schema"
sd 0 init "$PG" --json
expect_eq "$(jq -r '.created, .schema_version' <<<"$out" | tr '\n' ' ')" "false 22 " \
  "a second init checks the schema"
sd 2 init "$PG" --shared
expect_error "--shared: only for a store file" "init --shared on a server"

# --- The same commands, the same output ----------------------------------------
both 0 open "Printer jammed" --impact high --urgency medium
both 0 open "VPN down" --kind request --tag vpn,remote --ref EXT-7 -q
both 0 open "Disk full" --impact low --urgency low --group second-line
both 0 assign 1 bob
both 0 comment 1 "toner ordered"
both 0 comment 2 "looking into it"
both 0 resolve 1 --code fixed --note "new toner"
both 0 show 1
both 0 show 1 --json
both 0 show --ref EXT-7
both 0 list
both 0 list --open --sort -priority,title
both 0 list --tag vpn --json
both 0 list --limit 1
both 3 show 9
both 4 resolve 1 --code fixed --note again
both 0 verify
both 0 export
# Reports: the same figures from the server's queries.
both 0 open "Laptop broken" --impact high --urgency high -q
both 0 resolve 4 --code fixed --note "replaced"
both 0 reopen 4 --reason "still broken"
both 0 escalate 3
both 0 escalate 2 --hierarchical --inform duty-manager
both 0 report --month 2026-11
both 0 report --month 2026-11 --json
both 0 report --month 2026-11 --group second-line --format csv
both 0 report --month 2026-10

# --- Naming the store: SDESK_DB and store.path ---------------------------------
out=$(SDESK_DB=$PG "$SDESK" list --json | jq length)
expect_eq "$out" "4" "SDESK_DB names a PostgreSQL store"
cat >"$TEST_DIR/store.toml" <<EOF
[store]
path = "$PG"
EOF
out=$(SDESK_CONFIG="$TEST_DIR/store.toml" "$SDESK" list --json | jq length)
expect_eq "$out" "4" "store.path names a PostgreSQL store"

# --- Passwords are never shown ------------------------------------------------
# The server trusts the socket: the password is accepted and ignored.
secret=${PG/postgresql:\/\//postgresql://sdesk:hunter2@}
DB=$secret sd 0 list --json
expect_eq "$(jq length <<<"$out")" "4" "a URI with a password opens the store"
out=$(SDESK_DB=$secret "$SDESK" config 2>&1)
expect_contains "$out" "# store in effect: postgresql://sdesk@/sdesk?" "config names the store"
case "$out" in *hunter2*) fail "config shows the password: $out" ;; esac
sd 0 init "$secret"
case "$out" in *hunter2*) fail "init shows the password: $out" ;; esac

# --- A server that cannot be reached -------------------------------------------
DB="postgresql://alice:s3cret@127.0.0.1:1/desk" sd 5 list
expect_error "cannot connect to store 'postgresql://alice@127.0.0.1:1/desk': " \
  "an unreachable server is store unavailable"
case "$err" in *s3cret*) fail "the error shows the password: $err" ;; esac

# --- A database that is not an sdesk store -------------------------------------
psql_bin=$(ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -1)
if [ -n "$psql_bin" ]; then
  "$psql_bin" -q "$PG" -c "CREATE SCHEMA other; CREATE TABLE other.payroll (id integer)"
  other="$PG&options=-csearch_path%3Dother"
  DB=$other sd 5 list
  expect_error "is not an sdesk store (create one with 'sdesk init')" "open refuses a foreign schema"
  DB=$other sd 5 init "$other"
  expect_error "holds tables but is not an sdesk store" "init refuses a foreign schema"
fi

# --- Problem and change management -------------------------------------------
both 0 open --kind problem "Mail queue fills" -c email -s exchange -q
both 0 open "Cannot send mail" -c email -s exchange -q
both 0 open "Outlook hangs" -c email -s exchange -q
both 0 open "Mail bounces" -c email -s exchange -q
both 0 problem candidates --min 2
both 0 problem candidates --min 1 --by service --json
both 0 problem link 5 6 7
both 0 start 5 -q
both 0 problem known-error 5 --root-cause "patch KB1" --workaround "restart transport"
both 0 open "Mail stuck" -c email -s exchange
both 0 open "A change" --kind change -q
both 0 show 5 --json
both 0 report --month 2026-11 --kind problem
both 0 report --month 2026-11 --kind change --json
both 0 verify

# --- Writers at once: nothing lost, every chain valid --------------------------
tickets=$("$SDESK" --db "$PG" list --json | jq length)
comments=$("$SDESK" --db "$PG" show 1 --json | jq '.comments | length')
for p in 1 2 3 4; do
  (for i in 1 2 3 4 5 6 7 8 9 10; do
    "$SDESK" --db "$PG" open "writer $p, ticket $i" -q >/dev/null || echo "open $p $i failed"
    "$SDESK" --db "$PG" comment 1 "writer $p, comment $i" >/dev/null || echo "comment $p $i failed"
  done) >"$TEST_DIR/writer-$p.log" 2>&1 &
done
wait
for p in 1 2 3 4; do
  [ -s "$TEST_DIR/writer-$p.log" ] && fail "writer $p: $(cat "$TEST_DIR/writer-$p.log")"
done
DB=$PG sd 0 list --json
expect_eq "$(jq length <<<"$out")" "$((tickets + 40))" "concurrent opens all stored"
expect_eq "$(jq '[.[].id] | max' <<<"$out")" "$((tickets + 40))" "ids without gaps"
DB=$PG sd 0 show 1 --json
expect_eq "$(jq '.comments | length' <<<"$out")" "$((comments + 40))" "concurrent comments all stored"
DB=$PG sd 0 verify

finish
